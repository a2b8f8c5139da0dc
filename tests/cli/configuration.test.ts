// Stack configuration and credentials under the real Pulumi CLI: what `pulumi config set` stores
// (plain or --secret) is what the engine hands the provider host, and no credential is written to the
// state or printed. The keys are the canaries (see tests/support/canaries.ts).
import assert from "node:assert/strict";
import { CANARY, canariesIn } from "../support/canaries";
import { ALICE } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, failureOf, type CliStackOptions } from "./support/cli-stack";

describeWithCli("stack configuration and credentials, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  const open = async (options: Omit<CliStackOptions, "program">) => {
    stack = await CliStack.open(cli, { program: "revocation", ...options, config: { userId: ALICE } });
    return stack;
  };
  const signedWithCanary = (s: CliStack) =>
    s.emulator.requests().length > 0 &&
    s.emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === CANARY.accessKeyId);

  describe("alicloud:* and quickbi:* keys set plain", () => {
    before(async () => {
      const s = await open({ emulatorConfig: "nothing" });
      await s.configSet({
        "quickbi:endpoint": s.emulator.url,
        "alicloud:region": "ap-southeast-1",
        "alicloud:accessKey": { secret: s.emulator.accessKeyId },
        "alicloud:secretKey": { secret: s.emulator.accessKeySecret },
      });
      await s.up();
    });
    after(() => stack?.close());

    it("reach the provider: the emulator's endpoint is called, and the record has the region", async () => {
      const [revocation] = await stack.revocations();

      assert.equal(revocation?.outputs?.region, "ap-southeast-1");
      assert.equal(revocation?.outputs?.endpoint, stack.emulator.url);
      assert.ok(signedWithCanary(stack));
    });

    it("are copied by the engine into the state's default provider: plain in clear, --secret encrypted", async () => {
      const state = await stack.exportState();

      const provider = state.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
      assert.equal(provider?.inputs?.["quickbi:endpoint"], stack.emulator.url);
      assert.equal(provider?.inputs?.["alicloud:region"], "ap-southeast-1");
      assert.ok(JSON.stringify(provider?.inputs?.["alicloud:secretKey"]).includes('"ciphertext"'));
      assert.deepEqual(canariesIn(state.text), []);
    });
  });

  describe("alicloud:* and quickbi:* keys set with --secret", () => {
    before(async () => {
      const s = await open({ emulatorConfig: "nothing" });
      await s.configSet({
        "alicloud:accessKey": { secret: s.emulator.accessKeyId },
        "alicloud:secretKey": { secret: s.emulator.accessKeySecret },
        "quickbi:endpoint": { secret: s.emulator.url },
        "quickbi:region": { secret: "cn-hongkong" },
      });
      await s.up();
    });
    after(() => stack?.close());

    it("reach the provider: requests are signed with the AccessKey and sent to the endpoint", async () => {
      const [revocation] = await stack.revocations();

      assert.equal(revocation?.outputs?.region, "cn-hongkong");
      assert.ok(signedWithCanary(stack));
    });

    it("appear neither in pulumi stack export nor in anything the CLI printed", async () => {
      const state = await stack.exportState();

      assert.deepEqual(canariesIn(state.text), []);
      assert.deepEqual(canariesIn(stack.transcript()), []);
    });
  });

  describe("credentials from the environment chain", () => {
    before(async () => {
      const s = await open({
        emulatorConfig: "endpoint",
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
        },
      });
      await s.up();
    });
    after(() => stack?.close());

    it("sign the requests when the stack config has no keys", () => {
      assert.ok(signedWithCanary(stack));
    });

    it("appear neither in pulumi stack export nor in anything the CLI printed", async () => {
      const state = await stack.exportState();

      assert.deepEqual(canariesIn(state.text), []);
      assert.deepEqual(canariesIn(stack.transcript()), []);
    });
  });

  describe("a quickbi:* key the package does not know", () => {
    after(() => stack?.close());

    it("fails the preview naming the key and the one meant, and calls nothing", async () => {
      const s = await open({ emulatorConfig: "endpoint" });
      await s.configSet({ "quickbi:regoin": "ap-southeast-1" });

      const preview = await failureOf(s.preview());

      assert.match(
        preview.message,
        /stack config quickbi:regoin is not a setting of this version of pulumi-quickbi-offboarding; did you mean quickbi:region\?/,
      );
      assert.match(preview.message, /newer version is refused too: upgrade the package/);
      assert.deepEqual(s.emulator.requests(), []);
    });
  });
});
