// A mistaken offboarding undone by a reviewed change, under the real Pulumi CLI: alice, offboarded to
// zero access, gets back what the record says was taken (one of her groups was deleted since: named,
// the rest restored), a refresh finds no drift in it, and removing `restore` offboards her again with
// every withdrawal and the restore kept. One stack for the story; each test is one step of it.
import assert from "node:assert/strict";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import { ALICE } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, opsOf, REVOCATION, stepsOf, type CommandRun } from "./support/cli-stack";

const ALL = ["groups", "workspaces", "organizationRoles", "account"];
const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";
const SALES = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003";
const SALES_BI = "9337d121-a78f-4c1b-a8bc-f81de1170001";
const FINANCE_WS = "9337d121-a78f-4c1b-a8bc-f81de1170002";
const WRITES = [
  "WithdrawAllUserGroups",
  "DeleteUserFromWorkspace",
  "UpdateUser",
  "AddUserGroupMembers",
  "AddUserToWorkspace",
];

async function record(stack: CliStack): Promise<RevocationOutputs> {
  const [revocation] = (await stack.exportState()).resources.filter((r) => r.type === REVOCATION);
  return revocation!.outputs as unknown as RevocationOutputs;
}

const writes = (run: CommandRun) => run.requests.map((r) => r.action).filter((a) => WRITES.includes(a));

describeWithCli("restoring a mistaken offboarding under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, {
      program: "revocation",
      config: { userId: ALICE, scope: JSON.stringify(ALL), ticket: "HR-4711" },
    });
    await stack.up();
  });
  after(() => stack?.close());

  const alice = () => stack.emulator.state().users.find((u) => u.userId === ALICE)!;
  const groupsOfAlice = () =>
    stack.emulator
      .state()
      .memberships.filter((m) => m.userId === ALICE)
      .map((m) => m.usergroupId);
  const workspacesOfAlice = () =>
    stack.emulator
      .state()
      .workspaceMembers.filter((m) => m.userId === ALICE)
      .map((m) => [m.workspaceId, m.roleId]);

  it("previews what the record says was removed, names the group deleted since, and writes nothing", async () => {
    stack.emulator.deleteGroup(SALES);
    await stack.configSet({
      restore: JSON.stringify({ ticket: "HR-4712", reason: "offboarded by mistake" }),
    });

    const preview = await stack.preview({ diff: true });

    assert.deepEqual(opsOf(preview), ["update"]);
    const restoring = stepsOf(preview)[0]?.inputs.restoring as { summary: string };
    assert.equal(
      restoring.summary,
      "alice (Alice Wang) will rejoin 1 user group: Finance; rejoin Sales BI as Analyst, Finance as Viewer; " +
        "regain organisation admin; be reactivated; not get back Sales (5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003): " +
        `deleted since (ListByUserGroupId, RequestId ${callsOf(preview, "ListByUserGroupId")[0]!.requestId})`,
    );
    assert.match(preview.stdout, /summary +: "alice \(Alice Wang\) will rejoin 1 user group: Finance;/);
    assert.deepEqual(writes(preview), []);
  });

  it("restores the rest on up, each write with its RequestId and read back, and names the missing group", async () => {
    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update"]);
    assert.deepEqual(writes(up), [
      "UpdateUser",
      "UpdateUser",
      "AddUserToWorkspace",
      "AddUserToWorkspace",
      "AddUserGroupMembers",
    ]);
    const outs = await record(stack);
    const [restore] = outs.restores!;
    assert.equal(restore?.status, "done");
    assert.equal(restore?.ticket, "HR-4712");
    const ids = (action: string) => callsOf(up, action).map((c) => c.requestId);
    assert.deepEqual(
      restore?.groups.map((g) => [g.id, g.requestId]),
      [[FINANCE, ids("AddUserGroupMembers")[0]]],
    );
    assert.deepEqual(
      restore?.workspaces.map((w) => [w.workspaceId, w.roleId, w.requestId]),
      [
        [SALES_BI, "27", ids("AddUserToWorkspace")[0]],
        [FINANCE_WS, "30", ids("AddUserToWorkspace")[1]],
      ],
    );
    assert.deepEqual([restore?.account?.requestId, restore?.organizationRoles?.requestId], ids("UpdateUser"));
    assert.deepEqual(restore?.organizationRoles?.roleIds, [111111111]);
    assert.deepEqual(
      restore?.notRestored.map((n) => [n.kind, n.id]),
      [["group", SALES]],
    );
    assert.ok(restore?.verifiedAt);
    // Read back: the record is what Quick BI now shows.
    assert.deepEqual(groupsOfAlice(), [FINANCE]);
    assert.deepEqual(workspacesOfAlice(), [
      [SALES_BI, 27],
      [FINANCE_WS, 30],
    ]);
    assert.deepEqual([alice().adminUser, alice().isDeleted], [true, false]);
  });

  it("refreshes without calling what the restore gave back drift: the next up changes nothing", async () => {
    const refresh = await stack.refresh();
    const up = await stack.up();

    assert.deepEqual(writes(refresh), []);
    assert.deepEqual(opsOf(up), ["same"]);
    assert.deepEqual(writes(up), []);
  });

  it("offboards her again when restore is removed, keeping every withdrawal and the restore", async () => {
    const before = await record(stack);
    await stack.configSet({ restore: "null" });

    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update"]);
    assert.deepEqual(writes(up), [
      "WithdrawAllUserGroups",
      "DeleteUserFromWorkspace",
      "DeleteUserFromWorkspace",
      "UpdateUser",
      "UpdateUser",
    ]);
    const outs = await record(stack);
    assert.equal(outs.restore, undefined);
    assert.deepEqual(outs.restores, before.restores);
    assert.deepEqual(
      outs.history.map((w) => w.requestId),
      [before.requestId],
    );
    assert.equal(outs.requestId, callsOf(up, "WithdrawAllUserGroups")[0]!.requestId);
    assert.deepEqual(
      outs.groupsRemoved.map((g) => g.id),
      [FINANCE],
    );
    assert.deepEqual([groupsOfAlice(), workspacesOfAlice()], [[], []]);
    assert.deepEqual([alice().adminUser, alice().isDeleted], [false, true]);
  });
});
