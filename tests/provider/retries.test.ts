import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  requestsFor,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("retries", () => {
  const t = useEmulatorAndProvider();
  const ALICE_ANY_IMPACT = { userId: ALICE };

  for (const fault of [
    "throttle",
    "unavailable",
    "html502",
    "html503",
    "internal",
    "reset",
    "resultFalse",
  ] as const) {
    it(`retries a ${fault} answer to WithdrawAllUserGroups and records the attempt that succeeded`, async () => {
      t.emulator.setFaults({ rules: [{ fault, action: "WithdrawAllUserGroups", times: 2 }] });
      const { outs } = await t.provider.create(ALICE_ANY_IMPACT);
      const calls = requestsFor(t.emulator, "WithdrawAllUserGroups");
      assert.equal(calls.length, 3);
      assert.equal(outs.requestId, calls[2]!.requestId);
    });
  }

  it("never reads a list answered with Result false as 'in no group': it retries", async () => {
    t.emulator.setFaults({ rules: [{ fault: "resultFalse", action: "ListUserGroupsByUserId", times: 2 }] });
    const { outs } = await t.provider.create(ALICE_ANY_IMPACT);
    assert.equal(outs.groupsRemoved.length, 2);
    assert.equal(requestsFor(t.emulator, "ListUserGroupsByUserId").length, 4);
  });

  it("fails rather than verify a withdrawal against lists that keep answering Result false", async () => {
    const checked = await t.provider.check!({}, ALICE_ANY_IMPACT);
    t.emulator.setFaults({
      rules: [{ fault: "keepMembership" }, { fault: "resultFalse", action: "ListUserGroupsByUserId" }],
    });
    await assert.rejects(t.provider.create(checked.inputs), /ListUserGroupsByUserId .* failed: ResultFalse/);
  });

  it("retries a user lookup answered with Result false instead of withdrawing an undefined user", async () => {
    t.emulator.setFaults({ rules: [{ fault: "resultFalse", action: "QueryUserInfoByUserId", times: 1 }] });
    const { outs } = await t.provider.create(ALICE_ANY_IMPACT);
    assert.equal(outs.userId, ALICE);
    assert.ok(requestsFor(t.emulator, "WithdrawAllUserGroups").every((r) => r.params.UserId === ALICE));
  });

  it("retries a read that never answers, after the read timeout", async () => {
    t.emulator.setFaults({ rules: [{ fault: "hang", action: "WithdrawAllUserGroups", times: 1 }] });
    const impatient = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:readTimeout": "300",
    });
    await impatient.create(ALICE_ANY_IMPACT);
    assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 2);
  });

  it("retries a refused connection and reports it by name when the budget runs out", async () => {
    const gone = await startEmulator();
    const url = gone.url;
    await gone.stop();
    const refused = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:endpoint": url,
      "quickbi:maxAttempts": "2",
    });
    await assert.rejects(
      refused.create(ALICE_ANY_IMPACT),
      /failed: ECONNREFUSED \(after 2 attempts\): connect ECONNREFUSED 127\.0\.0\.1:\d+ \(POST http:\/\/127\.0\.0\.1:\d+\/\)\. The retry budget ran out/,
    );
  });

  it("gives up on throttling after quickbi:maxAttempts and says how to raise it", async () => {
    t.emulator.setFaults({ rules: [{ fault: "throttle", action: "WithdrawAllUserGroups" }] });
    const limited = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:maxAttempts": "3",
    });
    await assert.rejects(
      limited.create(ALICE_ANY_IMPACT),
      /WithdrawAllUserGroups .*Throttling\.User \(HTTP 400, .*after 3 attempts\).*quickbi:maxAttempts/,
    );
    assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 3);
  });

  it("says that a withdrawal whose attempts all failed may have been applied, naming the groups it held just before", async () => {
    t.emulator.setFaults({ rules: [{ fault: "unavailable", action: "WithdrawAllUserGroups" }] });
    const limited = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:maxAttempts": "2",
    });
    await assert.rejects(
      limited.create(ALICE_ANY_IMPACT),
      /WithdrawAllUserGroups .*ServiceUnavailable \(HTTP 503, .*after 2 attempts\).*just before, the user was in 2 group\(s\): Finance \(.*\), Sales \(.*\)\. An attempt may already have been applied by Quick BI .*Check the user's groups in Quick BI's member management/,
    );
  });

  it("fails when Quick BI keeps answering Success true but Result false", async () => {
    t.emulator.setFaults({ rules: [{ fault: "resultFalse", action: "WithdrawAllUserGroups" }] });
    await assert.rejects(
      t.provider.create(ALICE_ANY_IMPACT),
      /WithdrawAllUserGroups .* failed: ResultFalse \(HTTP 200, RequestId [0-9A-F-]{36}, after 5 attempts\)/,
    );
  });

  it("rejects a malformed quickbi:maxAttempts naming the key and how to fix it", async () => {
    const misconfigured = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:maxAttempts": "lots",
    });
    await assert.rejects(
      misconfigured.create(ALICE_ANY_IMPACT),
      /Stack config quickbi:maxAttempts is "lots"; allowed: a whole number from 1 to 20\. Fix it with `pulumi config set quickbi:maxAttempts <value>`/,
    );
  });
});
