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
});
