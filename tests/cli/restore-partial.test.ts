// A restore refused midway, under the real Pulumi CLI: the up fails naming the refusal, the state keeps
// what was put back (with its RequestIds) as the resource's partial outputs and init error, a refresh in
// between works, and the next up finishes the rest without repeating a single write.
import assert from "node:assert/strict";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import { ALICE } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, failureOf, opsOf, REVOCATION, type CommandRun } from "./support/cli-stack";

const ALL = ["groups", "workspaces", "organizationRoles", "account"];
const WRITES = ["WithdrawAllUserGroups", "UpdateUser", "AddUserGroupMembers", "AddUserToWorkspace"];

async function exported(stack: CliStack): Promise<{ outputs: RevocationOutputs; initErrors?: string[] }> {
  const [revocation] = (await stack.exportState()).resources.filter((r) => r.type === REVOCATION);
  return revocation as unknown as { outputs: RevocationOutputs; initErrors?: string[] };
}

const writes = (run: CommandRun) => run.requests.map((r) => r.action).filter((a) => WRITES.includes(a));

describeWithCli("a restore refused midway, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, {
      program: "revocation",
      config: { userId: ALICE, scope: JSON.stringify(ALL) },
    });
    await stack.up();
    await stack.configSet({ restore: JSON.stringify({ ticket: "HR-4712" }) });
  });
  after(() => stack?.close());

  it("fails the up naming the refusal, and keeps what was put back in the state with init errors", async () => {
    stack.emulator.setFaults({ rules: [{ fault: "forbidden", action: "AddUserGroupMembers" }] });

    const failed = await failureOf(stack.up());

    assert.match(failed.message, /Restoring alice \(Alice Wang\) is incomplete/);
    assert.match(
      failed.message,
      /AddUserGroupMembers for Quick BI user "[0-9a-f]+" failed: Access\.Forbidden \(HTTP 400, RequestId [0-9A-F-]+\)/,
    );
    assert.match(
      failed.message,
      /Fix the cause above, then run `pulumi up`: it continues the restore without repeating what is done/,
    );
    const { outputs, initErrors } = await exported(stack);
    const record = outputs.restores!.at(-1)!;
    assert.equal(record.status, "incomplete");
    assert.deepEqual(record.groups, []);
    assert.equal(record.workspaces.length, 2);
    assert.ok(record.account?.requestId && record.organizationRoles?.requestId);
    assert.equal(initErrors?.length, 1);
  });

  it("refreshes the partly restored resource without a write", async () => {
    const refresh = await stack.refresh();

    assert.deepEqual(writes(refresh), []);
    assert.equal((await exported(stack)).outputs.restores!.at(-1)!.status, "incomplete");
  });

  it("finishes on the next up with the groups alone, repeating nothing already put back", async () => {
    stack.emulator.setFaults({});
    const before = (await exported(stack)).outputs.restores!.at(-1)!;

    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update"]);
    assert.deepEqual(writes(up), ["AddUserGroupMembers", "AddUserGroupMembers"]);
    const { outputs, initErrors } = await exported(stack);
    const record = outputs.restores!.at(-1)!;
    assert.equal(initErrors, undefined);
    assert.equal(outputs.restores!.length, 1);
    assert.equal(record.status, "done");
    assert.deepEqual(
      [record.account, record.organizationRoles, record.workspaces],
      [before.account, before.organizationRoles, before.workspaces],
    );
    assert.equal(record.groups.length, 2);
  });
});
