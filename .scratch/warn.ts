import { ExampleStack, findExampleTools } from "/work/wt/i19/harness/example-stack";
import { startEmulator } from "/work/wt/i19/emulator";
(async () => {
  const tools = findExampleTools("yaml");
  if ("missing" in tools) throw new Error(tools.missing);
  const emulator = await startEmulator({ seed: "/work/wt/i19/examples/yaml/seed.yaml" });
  const stack = await ExampleStack.open({ language: "yaml", tools, yamlProject: process.argv[2] ?? "examples/yaml", config: { "quickbi:endpoint": emulator.url, "quickbi:accessKey": emulator.accessKeyId, "quickbi:secretKey": { secret: emulator.accessKeySecret } } });
  const r = await stack.run("preview");
  console.log(r.output.split("\n").filter((l) => /warning|PATH/.test(l)).join("\n") || "(no warnings)");
  stack.close(); await emulator.stop();
})().catch((e) => { console.error(e.message.slice(0, 3000)); process.exit(1); });
