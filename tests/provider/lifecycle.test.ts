import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import type { RevocationProvider } from "../../provider/revocation/provider";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  requestsFor,
  UNKNOWN_USER,
} from "../support/configured-provider";

describe("the revocation provider against the emulator", () => {
  let emulator: QuickBIEmulator;
  let provider: RevocationProvider;

  beforeEach(async () => {
    emulator = await startEmulator({ randomSeed: 1 });
    provider = await configuredProvider(emulatorStackConfig(emulator));
  });
  afterEach(() => emulator.stop());

  describe("check", () => {
    it("returns valid inputs unchanged with no failures", async () => {
      const result = await provider.check!({}, { userId: ALICE });
      assert.deepEqual(result, { inputs: { userId: ALICE }, failures: [] });
    });

    it("reports an invalid userId as a failure and sends nothing to Quick BI", async () => {
      const result = await provider.check!({}, { userId: "  " });
      assert.equal(result.failures![0]!.property, "userId");
      assert.equal(emulator.requests().length, 0);
    });

    it("reports a region without a Quick BI endpoint when no endpoint is configured", async () => {
      const noEndpoint = await configuredProvider({ "alicloud:region": "cn-beijing" });
      const result = await noEndpoint.check!({}, { userId: ALICE });
      assert.deepEqual(
        result.failures!.map((f) => f.property),
        ["region"],
      );
    });

    it("reports a malformed endpoint argument under endpoint", async () => {
      const result = await provider.check!({}, { userId: ALICE, endpoint: "ftp://example.com" });
      assert.deepEqual(
        result.failures!.map((f) => f.property),
        ["endpoint"],
      );
    });
  });

  describe("create", () => {
    it("calls WithdrawAllUserGroups once, signed, with UserId in the query", async () => {
      await provider.create({ userId: ALICE });
      const calls = requestsFor(emulator, "WithdrawAllUserGroups");
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0]!.params, { UserId: ALICE });
      assert.equal(calls[0]!.signatureVerified, true);
      assert.equal(calls[0]!.status, 200);
    });

    it("removes the user from every group", async () => {
      await provider.create({ userId: ALICE });
      assert.deepEqual(
        emulator.state().memberships.filter((m) => m.userId === ALICE),
        [],
      );
    });

    it("records the RequestId, the time, the region and the endpoint used", async () => {
      const now = new Date("2026-11-28T04:00:00.000Z");
      const timed = await configuredProvider(emulatorStackConfig(emulator), { now: () => now });
      const { id, outs } = await timed.create({ userId: ALICE });
      assert.equal(id, ALICE);
      assert.deepEqual(outs, {
        userId: ALICE,
        requestId: requestsFor(emulator, "WithdrawAllUserGroups")[0]!.requestId,
        withdrawnAt: "2026-11-28T04:00:00.000Z",
        region: "cn-hangzhou",
        endpoint: emulator.url,
      });
    });

    it("records triggers when given and leaves no undefined in the outputs", async () => {
      const { outs } = await provider.create({ userId: ALICE, triggers: ["hr-4711"] });
      assert.deepEqual(outs.triggers, ["hr-4711"]);
      assert.ok(Object.values(outs).every((v) => v !== undefined));
    });

    it("fails when Quick BI answers Success true but Result false, after retrying", async () => {
      emulator.setFaults({ rules: [{ fault: "resultFalse", action: "WithdrawAllUserGroups" }] });
      await assert.rejects(
        provider.create({ userId: ALICE }),
        /WithdrawAllUserGroups .* failed: ResultFalse \(HTTP 200, RequestId [0-9A-F-]{36}, after 5 attempts\)/,
      );
    });
  });

  describe("retries", () => {
    for (const fault of ["throttle", "unavailable", "html502", "html503", "internal", "reset"] as const) {
      it(`retries a ${fault} answer and succeeds`, async () => {
        emulator.setFaults({ rules: [{ fault, action: "WithdrawAllUserGroups", times: 2 }] });
        const { outs } = await provider.create({ userId: ALICE });
        const calls = requestsFor(emulator, "WithdrawAllUserGroups");
        assert.equal(calls.length, 3);
        assert.equal(outs.requestId, calls[2]!.requestId);
      });
    }

    it("retries a read that never answers, after the read timeout", async () => {
      emulator.setFaults({ rules: [{ fault: "hang", action: "WithdrawAllUserGroups", times: 1 }] });
      const impatient = await configuredProvider({
        ...emulatorStackConfig(emulator),
        "quickbi:readTimeout": "300",
      });
      await impatient.create({ userId: ALICE });
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 2);
    });

    it("retries a refused connection and reports it by name when the budget runs out", async () => {
      const url = emulator.url;
      await emulator.stop();
      const refused = await configuredProvider({
        ...emulatorStackConfig(emulator),
        "quickbi:endpoint": url,
        "quickbi:maxAttempts": "2",
      });
      await assert.rejects(
        refused.create({ userId: ALICE }),
        /failed: ECONNREFUSED \(HTTP none, RequestId none, after 2 attempts\)/,
      );
      emulator = await startEmulator();
    });

    it("gives up on throttling after quickbi:maxAttempts and says how to raise it", async () => {
      emulator.setFaults({ rules: [{ fault: "throttle" }] });
      const limited = await configuredProvider({
        ...emulatorStackConfig(emulator),
        "quickbi:maxAttempts": "3",
      });
      await assert.rejects(
        limited.create({ userId: ALICE }),
        /Throttling\.User \(HTTP 400, .*after 3 attempts\).*quickbi:maxAttempts/,
      );
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 3);
    });
  });

  describe("final errors", () => {
    it("names the operation, user, code, status and RequestId of an unknown user, with the UserId hint", async () => {
      const error = await provider.create({ userId: UNKNOWN_USER }).then(
        () => assert.fail("create succeeded"),
        (e: Error) => e,
      );
      const requestId = requestsFor(emulator, "WithdrawAllUserGroups")[0]!.requestId;
      assert.equal(
        error.message.startsWith(
          `WithdrawAllUserGroups for Quick BI user "${UNKNOWN_USER}" failed: User.Not.In.Organization (HTTP 400, RequestId ${requestId}): `,
        ),
        true,
        error.message,
      );
      assert.match(error.message, /not the Alibaba Cloud account UID/);
    });

    it("does not retry a final error", async () => {
      await assert.rejects(provider.create({ userId: UNKNOWN_USER }));
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 1);
    });

    it("explains Access.Forbidden as an edition or permission problem", async () => {
      emulator.setFaults({ rules: [{ fault: "forbidden" }] });
      await assert.rejects(
        provider.create({ userId: ALICE }),
        /Access\.Forbidden .*quickbi-public:WithdrawAllUserGroups/,
      );
    });

    it("reports a wrong secret as SignatureDoesNotMatch without showing the secret", async () => {
      const wrongSecret = "wrong-secret-value-for-this-test";
      const wrong = await configuredProvider({
        ...emulatorStackConfig(emulator),
        "alicloud:secretKey": wrongSecret,
      });
      const error = await wrong.create({ userId: ALICE }).then(
        () => assert.fail("create succeeded"),
        (e: Error) => e,
      );
      assert.match(error.message, /SignatureDoesNotMatch .*check alicloud:secretKey/);
      assert.doesNotMatch(
        `${error.message} ${String((error as { cause?: Error }).cause?.message)}`,
        new RegExp(wrongSecret),
      );
      assert.doesNotMatch(error.message, new RegExp(emulator.accessKeyId));
    });

    it("says how to configure credentials when none can be found", async () => {
      const anonymous = await configuredProvider({
        "quickbi:endpoint": emulator.url,
        "quickbi:maxAttempts": "1",
      });
      await assert.rejects(
        anonymous.create({ userId: ALICE }),
        /CredentialsUnavailable .*alicloud:accessKey/,
      );
      assert.equal(emulator.requests().length, 0);
    });
  });

  describe("credentials", () => {
    it("signs with STS credentials from alicloud:securityToken", async () => {
      const sts = await configuredProvider({
        ...emulatorStackConfig(emulator),
        "alicloud:accessKey": emulator.sts.accessKeyId,
        "alicloud:secretKey": emulator.sts.accessKeySecret,
        "alicloud:securityToken": emulator.sts.securityToken,
      });
      await sts.create({ userId: ALICE });
      assert.equal(emulator.requests()[0]!.accessKeyId, emulator.sts.accessKeyId);
    });

    it("uses the default chain (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET) when the stack has no keys", async () => {
      const chained = await configuredProvider(
        { "quickbi:endpoint": emulator.url },
        {
          env: {
            ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
          },
        },
      );
      const saved = {
        id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
        secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      };
      // The library's chain reads process.env itself.
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emulator.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emulator.accessKeySecret;
      try {
        await chained.create({ userId: ALICE });
      } finally {
        restoreEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", saved.id);
        restoreEnv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", saved.secret);
      }
      assert.equal(emulator.requests()[0]!.signatureVerified, true);
    });

    it("uses ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY as @pulumi/alicloud does", async () => {
      const legacy = await configuredProvider(
        { "quickbi:endpoint": emulator.url },
        { env: { ALICLOUD_ACCESS_KEY: emulator.accessKeyId, ALICLOUD_SECRET_KEY: emulator.accessKeySecret } },
      );
      await legacy.create({ userId: ALICE });
      assert.equal(emulator.requests()[0]!.signatureVerified, true);
    });
  });

  describe("diff", () => {
    const olds = {
      userId: ALICE,
      requestId: "R",
      withdrawnAt: "T",
      region: "cn-hangzhou",
      endpoint: "https://quickbi-public.cn-hangzhou.aliyuncs.com",
    };

    it("sees no change for identical inputs", async () => {
      assert.deepEqual(await provider.diff!(ALICE, olds, { userId: ALICE }), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("replaces on a new userId", async () => {
      assert.deepEqual((await provider.diff!(ALICE, olds, { userId: "other" })).replaces, ["userId"]);
    });

    it("replaces on an explicit region other than the one used", async () => {
      assert.deepEqual(
        (await provider.diff!(ALICE, olds, { userId: ALICE, region: "eu-central-1" })).replaces,
        ["region"],
      );
    });

    it("sees no change when the explicit region is the one the default resolved to", async () => {
      assert.equal(
        (await provider.diff!(ALICE, olds, { userId: ALICE, region: "cn-hangzhou" })).changes,
        false,
      );
    });

    it("replaces on changed triggers", async () => {
      assert.deepEqual(
        (await provider.diff!(ALICE, { ...olds, triggers: [1] }, { userId: ALICE, triggers: [2] })).replaces,
        ["triggers"],
      );
    });

    it("sees no change for an endpoint change alone, and calls nothing", async () => {
      assert.equal(
        (await provider.diff!(ALICE, olds, { userId: ALICE, endpoint: "http://127.0.0.1:1" })).changes,
        false,
      );
      assert.equal(emulator.requests().length, 0);
    });
  });

  describe("read, update and delete", () => {
    it("read returns the stored state", async () => {
      const { id, outs } = await provider.create({ userId: ALICE });
      assert.deepEqual(await provider.read!(id, outs), { id, props: outs });
    });

    it("delete makes no call: the withdrawal cannot be undone", async () => {
      const { id, outs } = await provider.create({ userId: ALICE });
      emulator.clearLog();
      await provider.delete!(id, outs);
      assert.equal(emulator.requests().length, 0);
    });
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
