// Where a YAML project finds the quickbi plugin decides whether every command is noisy: the engine
// warns `using pulumi-resource-quickbi from $PATH` each time it loads a plugin it found only on PATH
// (six or more lines per command), and says nothing for a plugin the project names. The README's set-up
// (`npm install` in the project, `plugins.providers` naming node_modules/pulumi-quickbi-offboarding/bin)
// is the quiet one, even with the plugin also on PATH (as `npm install -g` puts it), which is what
// this checks through the real CLI.
import assert from "node:assert/strict";
import { symlinkSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { ExampleStack, findExampleTools } from "../../harness/example-stack";
import { CANARY, recordForCanaryScan } from "../support/canaries";
import { startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");
const FROM_PATH = /using pulumi-resource-quickbi from \$PATH/;

describe("a YAML project that names the installed plugin, with the plugin also on PATH", function () {
  this.timeout(600_000);
  let emulator: QuickBIEmulator;
  let stack: ExampleStack;

  before(async function () {
    const tools = findExampleTools("yaml");
    if ("missing" in tools) {
      console.log(`    skipping: no ${tools.missing}; run scripts/native-toolchain`);
      this.skip();
    }
    emulator = await startCanaryEmulator({ seed: join(ROOT, "examples", "yaml", "seed.yaml") });
    stack = await ExampleStack.open({
      language: "yaml",
      tools,
      yamlProject: "tests/native/fixtures/yaml-installed",
      config: {
        "quickbi:endpoint": emulator.url,
        "quickbi:accessKey": { secret: CANARY.accessKeyId },
        "quickbi:secretKey": { secret: CANARY.accessKeySecret },
      },
    });
    // `npm install pulumi-quickbi-offboarding` in the project, as a link to this checkout.
    mkdirSync(join(stack.dir, "work", "node_modules"));
    symlinkSync(ROOT, join(stack.dir, "work", "node_modules", "pulumi-quickbi-offboarding"));
  });
  after(async () => {
    stack?.close();
    await emulator?.stop();
  });

  for (const command of ["preview", "up", "refresh"] as const) {
    it(`prints no warning about the plugin's location on ${command}`, async () => {
      const run = await stack.run(command);
      recordForCanaryScan("host output", `yaml-installed ${command}`, run.output);

      // The language host's own `from $PATH` warning is this machine's (a CLI built without bundled hosts).
      assert.doesNotMatch(run.output, FROM_PATH);
      assert.doesNotMatch(run.output, /warning: (?!using pulumi-language-yaml from \$PATH)/, run.output);
    });
  }
});
