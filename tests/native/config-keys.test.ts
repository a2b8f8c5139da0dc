// A misspelt quickbi:* key, through the real CLI and the YAML language host: the plugin refuses it in
// each resource's check (a YAML resource's check can only fail; a warning would not show), naming the
// key and the one meant, before any call. Both the component and a bare resource.
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { ExampleStack, findExampleTools } from "../../harness/example-stack";
import { CANARY, recordForCanaryScan } from "../support/canaries";
import { startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");

for (const project of ["examples/yaml", "tests/native/fixtures/yaml-revocation"]) {
  describe(`${project}: a quickbi:* key the package does not know`, function () {
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
        yamlProject: project,
        config: {
          "quickbi:endpoint": emulator.url,
          "quickbi:regoin": "ap-southeast-1",
          "quickbi:accessKey": { secret: CANARY.accessKeyId },
          "quickbi:secretKey": { secret: CANARY.accessKeySecret },
        },
      });
    });
    after(async () => {
      stack?.close();
      await emulator?.stop();
    });

    it("fails the preview naming the key and the one meant, and calls nothing", async () => {
      const error = await stack.run("preview").then(
        () => assert.fail("the preview passed"),
        (e: Error) => e,
      );
      recordForCanaryScan("host output", `${project} preview`, error.message);

      assert.match(
        error.message,
        /has a problem: stack config quickbi:regoin is not a setting of this version of pulumi-quickbi-offboarding; did you mean quickbi:region\? Fix it with `pulumi config rm quickbi:regoin` and `pulumi config set quickbi:region <value>`\./,
      );
      assert.doesNotMatch(error.message, /property \w+ value/, "no property prefix: the key is no input");
      assert.deepEqual(emulator.requests(), []);
    });
  });
}
