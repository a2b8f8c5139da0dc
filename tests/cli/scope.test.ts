// Offboarding to zero access under the real Pulumi CLI: a scope beyond the groups is previewed step
// by step, a refused step fails the `up` with the record of what was done kept in the state, a refresh
// in between works, the next `up` finishes the rest without repeating it, and drift on each step is
// found by refresh and taken away again by up. One stack for the story; each test is one step of it.
import assert from "node:assert/strict";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import { ALICE } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, failureOf, opsOf, REVOCATION, stepsOf, WITHDRAW } from "./support/cli-stack";

const ALL = ["groups", "workspaces", "organizationRoles", "account"];
const SALES_BI = "9337d121-a78f-4c1b-a8bc-f81de1170001";
const ADMIN = "0a9b8c7d6e5f40312a3b4c5d6e7f8a04";
const MARKETING = "9337d121-a78f-4c1b-a8bc-f81de1170003";

/** The revocation as `pulumi stack export` holds it, init errors included. */
async function exported(stack: CliStack): Promise<{ outputs: RevocationOutputs; initErrors?: string[] }> {
  const { stdout } = await stack.pulumi(["stack", "export"]);
  const resources = (JSON.parse(stdout) as { deployment: { resources: Record<string, unknown>[] } })
    .deployment.resources;
  const revocation = resources.find((r) => r.type === REVOCATION)!;
  return revocation as unknown as { outputs: RevocationOutputs; initErrors?: string[] };
}

describeWithCli("offboarding to zero access under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, {
      program: "revocation",
      config: { userId: ALICE, scope: JSON.stringify(ALL) },
    });
  });
  after(() => stack?.close());

  const alice = () => stack.emulator.state().users.find((u) => u.userId === ALICE)!;
  const workspacesOfAlice = () => stack.emulator.state().workspaceMembers.filter((m) => m.userId === ALICE);
  const writes = (run: { readonly requests: readonly { action: string }[] }) =>
    run.requests
      .map((r) => r.action)
      .filter((a) => ["WithdrawAllUserGroups", "DeleteUserFromWorkspace", "UpdateUser"].includes(a));

  it("previews every step: one line of counts first, then the plan by name; writes nothing", async () => {
    const preview = await stack.preview({ diff: true });

    const [step] = stepsOf(preview);
    const impact = step?.inputs.impact as { summary: string; plan: string };
    assert.equal(
      impact.summary,
      "alice (Alice Wang) will leave 2 user groups, 2 workspaces; lose organisation admin; be deactivated",
    );
    assert.match(
      preview.stdout,
      /summary +: "alice \(Alice Wang\) will leave 2 user groups, 2 workspaces; lose/,
    );
    // Each step's own line, short enough for the CLI not to cut it.
    for (const line of [
      "leave 2 workspaces: Sales BI (Analyst), Finance (Viewer)",
      "lose organisation admin",
      "be deactivated",
    ])
      assert.match(preview.stdout, new RegExp(`summary *: "${line.replace(/[()]/g, "\\$&")}"`));
    assert.equal(
      impact.plan,
      "alice (Alice Wang) will leave 2 user groups: Finance, Sales; leave 2 workspaces: Sales BI (Analyst), Finance (Viewer); lose organisation admin; be deactivated",
    );
    assert.deepEqual(writes(preview), []);
  });

  it("fails the up at a refused step, naming it, and keeps what was done in the state with init errors", async () => {
    stack.emulator.setFaults({ rules: [{ fault: "forbidden", action: "UpdateUser" }] });

    const failed = await failureOf(stack.up());

    assert.match(failed.message, /Offboarding alice \(Alice Wang\) is incomplete/);
    assert.match(
      failed.message,
      /organizationRoles: UpdateUser for Quick BI user "[0-9a-f]+" failed: Access\.Forbidden \(HTTP 400, RequestId [0-9A-F-]+\)/,
    );
    assert.match(failed.message, /Fix the cause above, then run `pulumi up`/);
    const { outputs, initErrors } = await exported(stack);
    assert.equal(outputs.requestId, callsOf(failed, WITHDRAW)[0]?.requestId);
    assert.equal(outputs.steps?.workspaces?.status, "done");
    assert.equal(outputs.steps?.workspaces?.removed.length, 2);
    assert.equal(outputs.steps?.organizationRoles?.status, "incomplete");
    assert.deepEqual(outputs.steps?.organizationRoles?.roleIdsBefore, [111111111]);
    assert.equal(outputs.steps?.account?.status, "not-run");
    assert.deepEqual(initErrors?.length, 1);
    assert.match(initErrors![0]!, /Offboarding alice \(Alice Wang\) is incomplete/);
    assert.deepEqual(workspacesOfAlice(), []);
    assert.equal(alice().adminUser, true);
  });

  it("refreshes the partly done resource", async () => {
    const refresh = await stack.refresh();

    assert.deepEqual(writes(refresh), []);
    assert.equal((await exported(stack)).outputs.steps?.workspaces?.status, "done");
  });

  it("finishes the rest on the next up, repeating nothing already done", async () => {
    stack.emulator.setFaults({});
    const before = (await exported(stack)).outputs;

    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update"]);
    assert.deepEqual(writes(up), ["UpdateUser", "UpdateUser"]);
    const { outputs, initErrors } = await exported(stack);
    assert.equal(initErrors, undefined);
    assert.equal(outputs.requestId, before.requestId);
    assert.deepEqual(outputs.steps?.workspaces, before.steps?.workspaces);
    assert.deepEqual(
      [outputs.steps?.organizationRoles?.status, outputs.steps?.account?.status],
      ["done", "done"],
    );
    assert.deepEqual([alice().adminUser, alice().isDeleted], [false, true]);
  });

  it("changes nothing and calls Quick BI not once on a second up", async () => {
    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["same"]);
    assert.deepEqual(up.requests, []);
  });

  it("finds on refresh alice back in a workspace, admin again and reactivated; up takes each away again", async () => {
    stack.emulator.addWorkspaceMember(ALICE, SALES_BI, 26);
    stack.emulator.updateUser(ALICE, { adminUser: true, isDeleted: false });

    await stack.refresh();
    const drifted = (await exported(stack)).outputs.steps!;
    assert.deepEqual(
      drifted.workspaces?.current?.map((w) => w.workspaceId),
      [SALES_BI],
    );
    assert.deepEqual(drifted.organizationRoles?.current, [111111111]);
    assert.equal(drifted.account?.current, "active");
    const up = await stack.up();

    assert.deepEqual(writes(up), ["DeleteUserFromWorkspace", "UpdateUser", "UpdateUser"]);
    const steps = (await exported(stack)).outputs.steps!;
    assert.deepEqual(steps.workspaces?.history?.length, 1);
    assert.deepEqual(steps.organizationRoles?.history?.length, 1);
    assert.deepEqual(steps.account?.history?.length, 1);
    assert.deepEqual(workspacesOfAlice(), []);
    assert.deepEqual([alice().adminUser, alice().isDeleted], [false, true]);
  });
});

describeWithCli("a workspace its owner cannot leave, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, {
      program: "revocation",
      config: { userId: ADMIN, scope: JSON.stringify(ALL) },
    });
  });
  after(() => stack?.close());

  it("names the owned workspace and the fix in the preview", async () => {
    const preview = await stack.preview();

    const impact = stepsOf(preview)[0]?.inputs.impact as { plan: string };
    assert.match(
      impact.plan,
      /cannot leave Marketing \(Admin\), which they own: hand it to another user first/,
    );
  });

  it("takes every other step on up, then fails naming the workspace, Quick BI's refusal and the hand-over", async () => {
    const failed = await failureOf(stack.up());

    assert.match(
      failed.message,
      /Marketing: DeleteUserFromWorkspace .* CanNot\.Remove\.WorkspaceOwner \(HTTP 400, RequestId [0-9A-F-]+\)/,
    );
    assert.match(
      failed.message,
      /Hand each workspace the person owns to another user in Quick BI's workspace management, then run `pulumi up`/,
    );
    const { outputs } = await exported(stack);
    assert.deepEqual(
      outputs.steps?.workspaces?.kept.map((k) => [k.workspaceId, k.owner]),
      [[MARKETING, true]],
    );
    assert.deepEqual(
      [outputs.steps?.organizationRoles?.status, outputs.steps?.account?.status],
      ["done", "done"],
    );
  });

  it("after the hand-over, the next up removes them from it and repeats nothing else", async () => {
    stack.emulator.setWorkspaceOwner(MARKETING, ALICE);

    const up = await stack.up();

    assert.deepEqual(
      up.requests
        .map((r) => r.action)
        .filter((a) => a !== "ListWorkspaceUserRolesByUserId" && a !== "QueryUserInfoByUserId"),
      ["DeleteUserFromWorkspace"],
    );
    assert.equal((await exported(stack)).outputs.steps?.workspaces?.status, "done");
    assert.deepEqual(
      stack.emulator.state().workspaceMembers.filter((m) => m.userId === ADMIN),
      [],
    );
  });
});
