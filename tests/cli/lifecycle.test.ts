// The lifecycle of one revocation (docs/audit-record-and-drift.md), run by the real Pulumi CLI against
// the emulator: preview, up, a second up, refresh, destroy. One stack for the story; each test is one step of it, in order.
import assert from "node:assert/strict";
import { ALICE, FINANCE, SALES } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, opsOf, stepsOf, WITHDRAW } from "./support/cli-stack";
import { recordOfTheOneWithdrawal } from "./support/withdrawal-record";

describeWithCli("one revocation's lifecycle under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
  });
  after(() => stack?.close());

  /** What refresh may change: the revocations' inputs and outputs (the engine rewrites its own bookkeeping). */
  const records = async () =>
    (await stack.revocations()).map((r) => ({ inputs: r.inputs, outputs: r.outputs }));
  const groupsOfAlice = () => stack.emulator.state().memberships.filter((m) => m.userId === ALICE);

  it("previews with --diff who will leave which groups, and withdraws no one", async () => {
    const preview = await stack.preview({ diff: true });

    const summary = "alice (Alice Wang) will leave 2 user groups: Finance, Sales";
    assert.match(preview.stdout, /\+ pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation: \(create\)/);
    // The CLI pads keys to the longest in the object (the impact also holds residualAccess).
    assert.match(preview.stdout, new RegExp(`summary +: "${summary.replace(/[()]/g, "\\$&")}"`));
    const [step, ...others] = stepsOf(preview);
    assert.equal(others.length, 0);
    assert.equal(step?.op, "create");
    const impact = step?.inputs.impact as { summary: string; groups: { id: string }[] };
    assert.equal(impact.summary, summary);
    assert.deepEqual(
      impact.groups.map((g) => g.id),
      [FINANCE, SALES],
    );
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
    assert.equal(groupsOfAlice().length, 2);
  });

  it("withdraws once on up, and the state holds the RequestId the emulator issued", async () => {
    const up = await stack.up();

    await recordOfTheOneWithdrawal(stack, up);
    assert.deepEqual(groupsOfAlice(), []);
  });

  it("changes nothing and calls Quick BI not once on a second up", async () => {
    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["same"]);
    assert.deepEqual(up.requests, []);
  });

  it("changes nothing in the state on a refresh that finds nothing changed", async () => {
    const before = await records();

    const refresh = await stack.refresh();

    // The groups, and the residual access (the workspaces and the user's flags), read again.
    assert.deepEqual(refresh.requests.map((r) => r.action).sort(), [
      "ListUserGroupsByUserId",
      "ListWorkspaceUserRolesByUserId",
      "QueryUserInfoByUserId",
    ]);
    assert.deepEqual(await records(), before);
    assert.match(refresh.stdout, /Resources:\n\s+2 unchanged/);
  });

  it("destroys without calling Quick BI, and gives the user no group back", async () => {
    const destroy = await stack.destroy();

    assert.deepEqual(opsOf(destroy), ["delete"]);
    assert.deepEqual(destroy.requests, []);
    assert.deepEqual(await stack.revocations(), []);
    assert.deepEqual(groupsOfAlice(), []);
  });
});
