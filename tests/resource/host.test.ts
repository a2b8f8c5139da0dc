import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { startHostSession, type HostSession } from "../../harness/host-session";
import { urnFor } from "../../harness/provider-host";
import { ALICE, emulatorStackConfig, requestsFor } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";

const URN = urnFor(REVOCATION_TYPE, "offboard-alice");

describe("QuickBIUserGroupRevocation in the real dynamic-provider host", () => {
  let emulator: QuickBIEmulator;
  let session: HostSession;

  before(async () => {
    emulator = await startEmulator({ randomSeed: 7 });
    session = await startHostSession({
      provider: await revocationProviderText(),
      config: emulatorStackConfig(emulator),
    });
  });
  after(async () => {
    await session?.stop();
    await emulator?.stop();
  });
  beforeEach(() => {
    emulator.setFaults({});
    emulator.clearLog();
  });

  it("runs Check → Create → Diff → Read → Update → Delete with exactly one withdrawal", async () => {
    const checked = await session.host.check(URN, {}, session.props({ userId: ALICE }));
    assert.deepEqual(checked.failures, []);

    const created = await session.host.create(URN, checked.inputs);
    const withdrawals = requestsFor(emulator, "WithdrawAllUserGroups");
    assert.equal(withdrawals.length, 1);
    assert.equal(created.id, ALICE);
    assert.equal(created.properties.requestId, withdrawals[0]!.requestId);
    assert.match(String(created.properties.withdrawnAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(created.properties.endpoint, emulator.url);
    assert.equal(typeof created.properties.__provider, "string");

    const diff = await session.host.diff(created.id, URN, created.properties, checked.inputs);
    assert.deepEqual(diff, { changes: "none", replaces: [], deleteBeforeReplace: false });

    const read = await session.host.read(created.id, URN, created.properties);
    assert.deepEqual({ ...read.properties, checkedAt: "" }, { ...created.properties, checkedAt: "" });

    const updated = await session.host.update(
      created.id,
      URN,
      created.properties,
      session.props({ userId: ALICE, endpoint: "http://127.0.0.1:1" }),
    );
    assert.equal(updated.properties.requestId, created.properties.requestId);

    const before = emulator.requests().length;
    await session.host.delete(created.id, URN, created.properties);
    assert.equal(emulator.requests().length, before, "delete sent nothing");
    assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 1);
  });

  it("reports invalid input as a check failure and sends nothing", async () => {
    const checked = await session.host.check(URN, {}, session.props({ userId: "alice\u0000" }));
    assert.equal(checked.failures[0]?.property, "userId");
    assert.equal(emulator.requests().length, 0);
  });

  it("asks for a replacement when userId changes", async () => {
    const olds = session.props({
      userId: ALICE,
      requestId: "R",
      withdrawnAt: "T",
      region: "cn-hangzhou",
      endpoint: emulator.url,
    });
    const diff = await session.host.diff(ALICE, URN, olds, session.props({ userId: "someoneelse" }));
    assert.deepEqual(diff.replaces, ["userId"]);
  });

  it("retries a throttled withdrawal and records the RequestId of the attempt that succeeded", async () => {
    emulator.setFaults({ rules: [{ fault: "throttle", action: "WithdrawAllUserGroups", times: 1 }] });
    const checked = await session.host.check(URN, {}, session.props({ userId: ALICE }));
    const created = await session.host.create(URN, checked.inputs);
    const withdrawals = requestsFor(emulator, "WithdrawAllUserGroups");
    assert.deepEqual(
      withdrawals.map((r) => r.code ?? r.status),
      ["Throttling.User", 200],
    );
    assert.equal(created.properties.requestId, withdrawals[1]!.requestId);
  });

  it("fails create with a message naming operation, user, code, status, RequestId and a fix", async () => {
    emulator.setFaults({ rules: [{ fault: "forbidden", action: "WithdrawAllUserGroups" }] });
    const error = await session.host.create(URN, session.props({ userId: ALICE })).then(
      () => assert.fail("create succeeded"),
      (e: Error) => e,
    );
    const requestId = requestsFor(emulator, "WithdrawAllUserGroups")[0]!.requestId;
    assert.match(
      error.message,
      new RegExp(
        `^WithdrawAllUserGroups for Quick BI user "${ALICE}" failed: Access\\.Forbidden \\(HTTP 400, RequestId ${requestId}\\)`,
      ),
    );
    assert.match(error.message, /RAM policy allowing quickbi-public:WithdrawAllUserGroups/);
  });

  it("deletes without calling Quick BI", async () => {
    const props = session.props({
      userId: ALICE,
      requestId: "R",
      withdrawnAt: "T",
      region: "cn-hangzhou",
      endpoint: emulator.url,
    });
    await session.host.delete(ALICE, URN, props);
    assert.equal(emulator.requests().length, 0);
  });
});
