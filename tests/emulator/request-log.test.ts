import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor } from "./helpers/client";
import { ALICE, REQUEST_ID, UNKNOWN_USER } from "./helpers/fixtures";

describe("emulator request log", () => {
  let emulator: QuickBIEmulator;
  afterEach(async () => emulator?.stop());

  it("records action, params, signatureVerified, status, requestId, accessKeyId and time of a success", async () => {
    // given an emulator whose clock reads a fixed instant (close enough to the client's for the skew rule)
    const receivedAt = Date.now();
    emulator = await startEmulator({ clock: () => receivedAt });
    // when
    const body = await call(clientFor(emulator), "WithdrawAllUserGroups", { UserId: ALICE });
    // then
    const [entry] = emulator.requests();
    assert.deepEqual(
      { ...entry, time: typeof entry?.time },
      {
        action: "WithdrawAllUserGroups",
        params: { UserId: ALICE },
        signatureVerified: true,
        status: 200,
        requestId: body.RequestId,
        accessKeyId: emulator.accessKeyId,
        time: "number",
      },
    );
  });

  it("records the error code of a business error", async () => {
    // given
    emulator = await startEmulator();
    // when
    const error = await callFailing(clientFor(emulator), "WithdrawAllUserGroups", { UserId: UNKNOWN_USER });
    // then
    const [entry] = emulator.requests();
    assert.equal(entry?.code, "User.Not.In.Organization");
    assert.equal(entry?.status, 400);
    assert.equal(entry?.requestId, error.data?.RequestId);
  });

  it("records a request with a bad signature as not verified", async () => {
    // given
    emulator = await startEmulator();
    // when
    await callFailing(clientFor(emulator, { accessKeySecret: "wrong" }), "WithdrawAllUserGroups", {
      UserId: ALICE,
    });
    // then
    const [entry] = emulator.requests();
    assert.equal(entry?.signatureVerified, false);
    assert.equal(entry?.code, "SignatureDoesNotMatch");
  });

  it("records the injected fault's name", async () => {
    // given
    emulator = await startEmulator({ faults: { rules: [{ fault: "resultFalse" }] } });
    // when
    await call(clientFor(emulator), "WithdrawAllUserGroups", { UserId: ALICE });
    // then
    assert.equal(emulator.requests()[0]?.fault, "resultFalse");
  });

  it("gives every response its own upper-case UUID RequestId", async () => {
    // given
    emulator = await startEmulator();
    const client = clientFor(emulator);
    // when
    await Promise.all(
      Array.from({ length: 50 }, () => call(client, "CheckOrganizationMember", { UserId: ALICE })),
    );
    await callFailing(client, "CheckOrganizationMember", {});
    // then
    const ids = emulator.requests().map((r) => r.requestId);
    assert.equal(new Set(ids).size, 51);
    for (const id of ids) assert.match(id, REQUEST_ID);
  });

  it("makes RequestIds reproducible with randomSeed", async () => {
    // given
    const idsWithSeed = async (): Promise<string> => {
      const e = await startEmulator({ randomSeed: 1234 });
      const body = await call(clientFor(e), "CheckOrganizationMember", { UserId: ALICE });
      await e.stop();
      return body.RequestId;
    };
    // then
    assert.equal(await idsWithSeed(), await idsWithSeed());
  });

  it("empties on clearLog", async () => {
    // given
    emulator = await startEmulator();
    await call(clientFor(emulator), "CheckOrganizationMember", { UserId: ALICE });
    // when
    emulator.clearLog();
    // then
    assert.deepEqual(emulator.requests(), []);
  });

  it("never holds the AccessKey secret or the STS token", async () => {
    // given
    emulator = await startEmulator();
    await call(clientFor(emulator, emulator.sts), "CheckOrganizationMember", { UserId: ALICE });
    await callFailing(
      clientFor(emulator, { ...emulator.sts, securityToken: "x" }),
      "CheckOrganizationMember",
      {},
    );
    // when
    const logged = JSON.stringify(emulator.requests());
    // then
    assert.ok(!logged.includes(emulator.sts.accessKeySecret));
    assert.ok(!logged.includes(emulator.sts.securityToken));
  });
});
