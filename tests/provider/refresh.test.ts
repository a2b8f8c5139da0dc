import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import {
  ALICE,
  checkAndCreate,
  configuredProvider,
  emulatorStackConfig,
  FINANCE,
  requestsFor,
  startCanaryEmulator,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("read (refresh) and update (drift)", () => {
  const t = useEmulatorAndProvider();

  it("reads the groups, the flags and the workspaces with three calls and reports no group after the withdrawal", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.clearLog();
    const { props } = await t.provider.read!(id, outs);
    assert.deepEqual(props.currentGroups, []);
    // The two residual-access reads run side by side, so their order is not fixed.
    assert.deepEqual(
      t.emulator
        .requests()
        .map((r) => r.action)
        .sort(),
      ["ListUserGroupsByUserId", "ListWorkspaceUserRolesByUserId", "QueryUserInfoByUserId"],
    );
  });

  it("reports a group the user was added back to", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.addMembership(ALICE, FINANCE);
    const { props } = await t.provider.read!(id, outs);
    assert.deepEqual(
      props.currentGroups.map((g: { name: string }) => g.name),
      ["Finance"],
    );
  });

  it("leaves the state as it was when the same groups come back with their keys in another order", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.addMembership(ALICE, FINANCE);
    const { props: drifted } = await t.provider.read!(id, outs);
    // The state as the engine hands it back need not keep the keys in the order the provider wrote them.
    const reordered = {
      ...drifted,
      currentGroups: drifted.currentGroups.map(({ id, name, path }: Record<string, string>) => ({
        path,
        name,
        id,
      })),
    };
    const { props } = await t.provider.read!(id, reordered);
    assert.equal(props, reordered, "an unchanged refresh returns the state it was given");
  });

  it("does not count a user deleted from Quick BI since as drift", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.removeUser(ALICE);
    const { id: readId, props } = await t.provider.read!(id, outs);
    assert.equal(readId, id);
    assert.deepEqual(props.currentGroups, []);
  });

  it("withdraws again on update after drift, recording the new RequestId and keeping the first in history", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.addMembership(ALICE, FINANCE);
    const { props: refreshed } = await t.provider.read!(id, outs);
    const { outs: updated } = await t.provider.update!(id, refreshed, { userId: ALICE });
    const withdrawals = requestsFor(t.emulator, "WithdrawAllUserGroups");
    assert.equal(withdrawals.length, 2);
    assert.equal(updated!.requestId, withdrawals[1]!.requestId);
    assert.deepEqual(
      updated!.groupsRemoved.map((g: { name: string }) => g.name),
      ["Finance"],
    );
    assert.deepEqual(updated!.currentGroups, []);
    assert.deepEqual(
      updated!.history.map((h: { requestId: string }) => h.requestId),
      [outs.requestId],
    );
    assert.deepEqual(
      t.emulator.state().memberships.filter((m) => m.userId === ALICE),
      [],
    );
  });

  it("records new notes on update without calling Quick BI", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.clearLog();
    const { outs: updated } = await t.provider.update!(id, outs, { userId: ALICE, ticket: "HR-9" });
    assert.equal(updated!.ticket, "HR-9");
    assert.equal(updated!.requestId, outs.requestId);
    assert.equal(t.emulator.requests().length, 0);
  });

  it("delete makes no call: the withdrawal cannot be undone", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    t.emulator.clearLog();
    await t.provider.delete!(id, outs);
    assert.equal(t.emulator.requests().length, 0);
  });
});

describe("where a refresh reads", () => {
  const t = useEmulatorAndProvider();

  it("follows a changed quickbi:endpoint (the emulator moved) instead of the endpoint recorded", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    const moved = await startEmulator();
    try {
      const provider = await configuredProvider(emulatorStackConfig(moved));
      await provider.read!(id, outs);
      assert.equal(moved.requests().length, 3);
    } finally {
      await moved.stop();
    }
  });

  it("uses the endpoint recorded when none is configured (an endpoint argument)", async () => {
    const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
    const { "quickbi:endpoint": _endpoint, ...withoutEndpoint } = emulatorStackConfig(t.emulator);
    const provider = await configuredProvider(withoutEndpoint);
    t.emulator.clearLog();
    await provider.read!(id, outs);
    assert.equal(t.emulator.requests().length, 3);
  });

  it("withdraws on drift through the endpoint the refresh read, even after the endpoint argument changed", async () => {
    const { "quickbi:endpoint": _endpoint, ...keysOnly } = emulatorStackConfig(t.emulator);
    const provider = await configuredProvider(keysOnly);
    const { id, outs } = await checkAndCreate(provider, { userId: ALICE, endpoint: t.emulator.url });
    t.emulator.addMembership(ALICE, FINANCE);
    const { props: refreshed } = await provider.read!(id, outs);
    const elsewhere = await startCanaryEmulator();
    try {
      // An endpoint change alone is no diff, but the drift is: the update runs with the new argument.
      await provider.update!(id, refreshed, { userId: ALICE, endpoint: elsewhere.url });
      assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 2);
      assert.equal(requestsFor(elsewhere, "WithdrawAllUserGroups").length, 0);
    } finally {
      await elsewhere.stop();
    }
  });
});
