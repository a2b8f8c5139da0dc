// Undoing an offboarding, through the provider's own lifecycle against the emulator: what check
// refuses and previews, what diff calls an update or refuses, what update puts back and records, what
// a failed call leaves for the next `up`, and what is refused rather than guessed.
import assert from "node:assert/strict";
import type { CheckedInputs } from "../../provider/revocation/provider";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import type { PartialProgressError } from "../../provider/revocation/partial-progress";
import {
  ALICE,
  FINANCE,
  FINANCE_WORKSPACE,
  SALES,
  SALES_BI,
  requestsFor,
  useEmulatorAndProvider,
} from "../support/configured-provider";

const ALL = ["groups", "workspaces", "organizationRoles", "account"];
const RESTORE = { ticket: "HR-4712", reason: "offboarded by mistake" };

describe("restore", () => {
  const t = useEmulatorAndProvider();

  /** Alice offboarded to zero access: the checked inputs and the record, as the state keeps them. */
  async function offboarded(): Promise<{ inputs: CheckedInputs; outs: RevocationOutputs }> {
    const { inputs } = await t.provider.check!({}, { userId: ALICE, scope: ALL });
    const { outs } = await t.provider.create(inputs);
    return { inputs, outs };
  }

  /** check, diff, update, as `pulumi up` runs a changed resource; the update's outputs. */
  async function up(
    olds: { inputs: CheckedInputs; outs: RevocationOutputs },
    news: Record<string, unknown>,
  ): Promise<{ inputs: CheckedInputs; outs: RevocationOutputs }> {
    const checked = await t.provider.check!(olds.inputs, news);
    assert.deepEqual(checked.failures, []);
    const diff = await t.provider.diff!(ALICE, olds.outs, checked.inputs);
    assert.deepEqual(diff.replaces, []);
    const { outs } = await t.provider.update!(ALICE, olds.outs, checked.inputs);
    return { inputs: checked.inputs, outs: outs as RevocationOutputs };
  }

  const writes = (action: string) => requestsFor(t.emulator, action).length;

  it("is refused on a revocation not done yet, which has no record to restore from", async () => {
    const { failures } = await t.provider.check!({}, { userId: ALICE, restore: RESTORE });
    assert.equal(failures?.length, 1);
    assert.equal(failures![0]!.property, "restore");
    assert.match(failures![0]!.reason, /there is no record yet/);
  });

  for (const [value, reason] of [
    ["HR-4712", /restore must be a mapping; received the string "HR-4712"/],
    [{}, /restore is empty/],
    [{ ticket: "HR-4712", approver: "bob" }, /restore has unknown key "approver"/],
    [{ ticket: "HR-4712\nrm -rf" }, /restore\.ticket contains control characters/],
  ] as const)
    it(`refuses restore ${JSON.stringify(value)}, saying what is allowed`, async () => {
      const { failures } = await t.provider.check!({}, { userId: ALICE, restore: value });
      assert.match(failures?.find((f) => f.property === "restore")?.reason ?? "", reason);
    });

  it("is an update, never a replacement, both ways", async () => {
    const done = await offboarded();
    const { inputs } = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });
    const on = await t.provider.diff!(ALICE, done.outs, inputs);
    const off = await t.provider.diff!(
      ALICE,
      { ...done.outs, restore: RESTORE },
      { userId: ALICE, scope: ALL },
    );
    assert.deepEqual([on.changes, on.replaces], [true, []]);
    assert.deepEqual([off.changes, off.replaces], [true, []]);
  });

  it("restores the rest when a workspace was deleted since, naming it in the preview and the record", async () => {
    const done = await offboarded();
    t.emulator.deleteWorkspace(FINANCE_WORKSPACE);

    const { inputs } = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });
    const restored = await up(done, { userId: ALICE, scope: ALL, restore: RESTORE });

    assert.match(
      inputs.restoring!.summary,
      /not get back Finance: deleted since \(not in QueryOrganizationWorkspaceList\)/,
    );
    const record = restored.outs.restores!.at(-1)!;
    assert.equal(record.status, "done");
    assert.deepEqual(
      record.workspaces.map((w) => w.workspaceId),
      [SALES_BI],
    );
    assert.deepEqual(
      record.notRestored.map((n) => [n.kind, n.id]),
      [["workspace", FINANCE_WORKSPACE]],
    );
    assert.deepEqual(record.groups.map((g) => g.id).sort(), [FINANCE, SALES].sort());
  });

  it("keeps what was put back when a call fails, and the next up finishes without repeating it", async () => {
    const done = await offboarded();
    t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "AddUserGroupMembers" }] });
    const checked = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });

    const failure = (await t.provider.update!(ALICE, done.outs, checked.inputs).then(
      () => assert.fail("update succeeded"),
      (error: unknown) => error,
    )) as PartialProgressError;

    assert.match(failure.message, /Restoring alice \(Alice Wang\) is incomplete/);
    assert.match(failure.message, /AddUserGroupMembers for Quick BI user .* Access\.Forbidden/);
    const partial = failure.properties as unknown as RevocationOutputs;
    const record = partial.restores!.at(-1)!;
    assert.equal(record.status, "incomplete");
    assert.ok(record.account?.requestId);
    assert.equal(record.workspaces.length, 2);
    const calls = { updates: writes("UpdateUser"), workspaces: writes("AddUserToWorkspace") };

    t.emulator.setFaults({});
    const { outs } = await t.provider.update!(ALICE, partial, checked.inputs);

    const finished = (outs as RevocationOutputs).restores!;
    assert.equal(finished.length, 1);
    assert.equal(finished[0]!.status, "done");
    assert.equal(finished[0]!.account?.requestId, record.account?.requestId);
    assert.deepEqual([writes("UpdateUser"), writes("AddUserToWorkspace")], [calls.updates, calls.workspaces]);
  });

  it("does not record as done what Quick BI answered success to and the read-back does not show", async () => {
    const done = await offboarded();
    t.emulator.setFaults({ rules: [{ fault: "keepMembership", action: "AddUserToWorkspace", times: 1 }] });
    const checked = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });

    const failure = (await t.provider.update!(ALICE, done.outs, checked.inputs).catch(
      (e: unknown) => e,
    )) as PartialProgressError;

    assert.match(failure.message, /still not restored: Sales BI as Analyst/);
    const partial = failure.properties as unknown as RevocationOutputs;
    assert.deepEqual(
      partial.restores!.at(-1)!.workspaces.map((w) => w.workspaceId),
      [FINANCE_WORKSPACE],
    );
    const { outs } = await t.provider.update!(ALICE, partial, checked.inputs);
    assert.equal((outs as RevocationOutputs).restores!.at(-1)!.status, "done");
    assert.equal(t.emulator.state().workspaceMembers.filter((m) => m.userId === ALICE).length, 2);
  });

  it("refuses, names and does not guess an account whose state before was recorded as unknown", async () => {
    t.emulator.updateUser(ALICE, { isDeleted: true });
    const done = await offboarded();
    assert.ok(done.outs.steps?.account?.previousStateUnknown);

    const { inputs } = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });
    const before = writes("UpdateUser");
    const restored = await up(done, { userId: ALICE, scope: ALL, restore: RESTORE });

    assert.match(
      inputs.restoring!.summary,
      /not get back the account: it was already deactivated before this offboarding/,
    );
    const record = restored.outs.restores!.at(-1)!;
    assert.equal(record.account, undefined);
    assert.deepEqual(
      record.notRestored.map((n) => n.kind),
      ["account"],
    );
    assert.match(record.notRestored[0]!.reason, /recorded as unknown/);
    // Only the roles are given back; the account stays as it was.
    assert.equal(writes("UpdateUser") - before, 1);
    assert.equal(t.emulator.state().users.find((u) => u.userId === ALICE)!.isDeleted, true);
  });

  it("refuses at diff a preview whose plan is not what the record says was removed", async () => {
    const done = await offboarded();
    const { inputs } = await t.provider.check!(done.inputs, { userId: ALICE, scope: ALL, restore: RESTORE });
    const record = {
      ...done.outs,
      groupsRemoved: [...done.outs.groupsRemoved, { id: "ug-hr", name: "HR", path: "" }],
    };

    await assert.rejects(
      t.provider.diff!(ALICE, record, inputs),
      /user groups: the record says Finance, Sales, HR.*Nothing was changed/,
    );
  });

  it("restores, offboards again and restores again, with a group deleted before the first restore", async () => {
    const done = await offboarded();
    t.emulator.deleteGroup(SALES);
    const restored = await up(done, { userId: ALICE, scope: ALL, restore: RESTORE });
    const again = await up(restored, { userId: ALICE, scope: ALL });

    const second = await up(again, { userId: ALICE, scope: ALL, restore: { ticket: "HR-4713" } });

    assert.deepEqual(
      second.outs.restores!.map((r) => [r.ticket, r.status, r.groups.map((g) => g.id)]),
      [
        ["HR-4712", "done", [FINANCE]],
        ["HR-4713", "done", [FINANCE]],
      ],
    );
    assert.deepEqual(second.outs.history.length, 1);
    assert.match(second.inputs.restoring!.summary, /not get back Sales .*deleted since/);
    assert.equal(t.emulator.state().workspaceMembers.filter((m) => m.userId === ALICE).length, 2);
  });
});
