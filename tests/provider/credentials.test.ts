import assert from "node:assert/strict";
import { withEnv } from "../support/env";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("credentials", () => {
  const t = useEmulatorAndProvider();

  it("signs with alicloud:accessKey/secretKey from the stack config", async () => {
    await t.provider.create({ userId: ALICE });
    assert.ok(
      t.emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === t.emulator.accessKeyId),
    );
  });

  it("signs with STS credentials from alicloud:securityToken", async () => {
    const sts = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "alicloud:accessKey": t.emulator.sts.accessKeyId,
      "alicloud:secretKey": t.emulator.sts.accessKeySecret,
      "alicloud:securityToken": t.emulator.sts.securityToken,
    });
    await sts.create({ userId: ALICE });
    assert.ok(
      t.emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === t.emulator.sts.accessKeyId),
    );
  });

  it("uses the default chain (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET) when the stack has no keys", async () => {
    const chained = await configuredProvider({ "quickbi:endpoint": t.emulator.url });
    await withEnv(
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: t.emulator.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: t.emulator.accessKeySecret,
      },
      () => chained.create({ userId: ALICE }),
    );
    assert.ok(t.emulator.requests().every((r) => r.signatureVerified));
  });

  it("uses ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY as @pulumi/alicloud does", async () => {
    const legacy = await configuredProvider(
      { "quickbi:endpoint": t.emulator.url },
      {
        env: { ALICLOUD_ACCESS_KEY: t.emulator.accessKeyId, ALICLOUD_SECRET_KEY: t.emulator.accessKeySecret },
      },
    );
    await legacy.create({ userId: ALICE });
    assert.ok(t.emulator.requests().every((r) => r.signatureVerified));
  });

  it("prefers stack config keys over the environment", async () => {
    const both = await configuredProvider(emulatorStackConfig(t.emulator), {
      env: { ALICLOUD_ACCESS_KEY: "SOMEONEELSE123", ALICLOUD_SECRET_KEY: "someone-elses-secret" },
    });
    await both.create({ userId: ALICE });
    assert.ok(t.emulator.requests().every((r) => r.accessKeyId === t.emulator.accessKeyId));
  });

  it("signs with quickbi:accessKey/secretKey, the plugin's own namespace, before alicloud:*", async () => {
    const own = await configuredProvider({
      "quickbi:endpoint": t.emulator.url,
      "quickbi:accessKey": t.emulator.accessKeyId,
      "quickbi:secretKey": t.emulator.accessKeySecret,
      "alicloud:accessKey": "SOMEONEELSE123",
      "alicloud:secretKey": "someone-elses-secret",
    });
    await own.create({ userId: ALICE });
    assert.ok(t.emulator.requests().length > 0);
    assert.ok(
      t.emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === t.emulator.accessKeyId),
    );
  });

  describe("with no credentials anywhere", () => {
    const anonymousConfig = () => ({ "quickbi:endpoint": t.emulator.url, "quickbi:maxAttempts": "1" });

    it("fails every call naming the missing credentials and how to give them, never asking `undefined`", async () => {
      const anonymous = await configuredProvider(anonymousConfig());
      for (const attempt of ["first", "second"]) {
        const error = await anonymous.create({ userId: ALICE }).then(
          () => assert.fail(`the ${attempt} create succeeded`),
          (e: Error) => e,
        );
        assert.match(
          error.message,
          /failed: CredentialsUnavailable: no Alibaba Cloud credentials were found/,
        );
        assert.match(error.message, /pulumi config set --secret quickbi:secretKey/);
        assert.doesNotMatch(error.message, /undefined|ENOTFOUND/, `the ${attempt} call`);
        const [first, ...places] = error.message.split("\n");
        assert.ok(first!.length <= 500, `a first line a CLI shows whole (${first!.length} characters)`);
        assert.ok(
          places.some((line) => /^ {2}credentials chain, OIDC\/RRSA: /.test(line)),
          "then each place looked in, a line each",
        );
      }
      assert.equal(t.emulator.requests().length, 0);
    });

    it("finds credentials that appear after a call found none: the chain does not stick to a failed source", async () => {
      const anonymous = await configuredProvider(anonymousConfig());
      await assert.rejects(anonymous.create({ userId: ALICE }), /CredentialsUnavailable/);
      const { outs } = await withEnv(
        {
          ALIBABA_CLOUD_ACCESS_KEY_ID: t.emulator.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: t.emulator.accessKeySecret,
        },
        () => anonymous.create({ userId: ALICE }),
      );
      assert.equal(outs.outcome, "withdrawn");
    });
  });
});
