import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { ExampleStack, findExampleTools } from "../../harness/example-stack";
import { recordForCanaryScan } from "../support/canaries";
import { requestsFor, startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");

/**
 * `quickbi:strictPreview` from Python and Go: the key is in the schema's config block because the
 * schema is generated from QuickBIStackConfig, so the generated SDKs read it typed
 * (`pulumi_quickbi.config.strict_preview`, `config.GetStrictPreview(ctx)`; each example exports it),
 * and the plugin applies it. The examples' stacks here have no credentials at all: a strict preview
 * (the default) fails, one with `quickbi:strictPreview false` passes saying the impact is unknown.
 * Through the real CLI, each program an Automation API inline program in its own language.
 */
for (const language of ["python", "go"] as const) {
  describe(`quickbi:strictPreview from examples/${language} through the generated SDK and the real CLI`, function () {
    this.timeout(600_000);
    let emulator: QuickBIEmulator;
    const stacks: ExampleStack[] = [];
    const open = async (config: Record<string, string>) => {
      const tools = findExampleTools(language);
      if ("missing" in tools) throw new Error(`no ${tools.missing}`);
      const stack = await ExampleStack.open({
        language,
        tools,
        config: { "quickbi:endpoint": emulator.url, ...config },
      });
      stacks.push(stack);
      return stack;
    };

    before(async function () {
      const tools = findExampleTools(language);
      if ("missing" in tools) {
        console.log(`    skipping: no ${tools.missing}; run scripts/native-toolchain`);
        this.skip();
      }
      emulator = await startCanaryEmulator({ seed: join(ROOT, "examples", language, "seed.yaml") });
    });
    after(async () => {
      for (const stack of stacks) stack.close();
      await emulator?.stop();
    });
    beforeEach(() => emulator.clearLog());

    it("set to false, is read as a boolean by the SDK, and a preview with no credentials passes, impact unknown", async () => {
      const stack = await open({ "quickbi:strictPreview": "false" });
      const preview = await stack.run("preview");
      recordForCanaryScan("host output", `strictPreview false, ${language} preview`, preview.output);
      assert.match(preview.output, /strictPreview\s*:\s*false/, "the program exported what the SDK read");
      assert.match(preview.output, /status +: "unknown"/);
      assert.match(
        preview.output,
        /impact unknown: the preview could not read Quick BI \(CredentialsUnavailable/,
      );
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 0);
    });

    it("unset, leaves the preview strict: the same stack's preview fails, naming the cause and the key", async () => {
      const stack = await open({});
      await assert.rejects(
        stack.run("preview"),
        /strict preview: Quick BI could not be read \(credentials\)[\s\S]*pulumi config set quickbi:strictPreview false/,
      );
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 0);
    });
  });
}
