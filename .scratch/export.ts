import { writeFileSync } from "node:fs";
import { ExampleStack, findExampleTools } from "/work/wt/i19/harness/example-stack";
import { startEmulator } from "/work/wt/i19/emulator";
(async () => {
  const tools = findExampleTools("yaml");
  if ("missing" in tools) throw new Error(tools.missing);
  const emulator = await startEmulator({ seed: "/work/wt/i19/examples/yaml/seed.yaml" });
  const stack = await ExampleStack.open({ language: "yaml", tools, config: { "quickbi:endpoint": emulator.url, "quickbi:accessKey": { secret: emulator.accessKeyId }, "quickbi:secretKey": { secret: emulator.accessKeySecret } } });
  await stack.run("up");
  writeFileSync("/tmp/i19-yaml-export.json", await stack.exportText());
  stack.close(); await emulator.stop();
})().catch((e) => { console.error(e.message.slice(0, 3000)); process.exit(1); });
