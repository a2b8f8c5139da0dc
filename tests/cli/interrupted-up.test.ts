// An interrupted `pulumi up`: the CLI is killed while WithdrawAllUserGroups is in flight, after Quick
// BI has removed the groups but before the answer arrived. Then the user does what the real CLI says,
// step by step (docs/errors-and-retries.md, "Interrupted update"). One stack for the story, its tests in order.
import assert from "node:assert/strict";
import { ALICE, FINANCE, SALES } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, failureOf, REVOCATION, WITHDRAW } from "./support/cli-stack";
import { upKilledDuring } from "./support/interrupted-up";
import { recordOfTheOneWithdrawal } from "./support/withdrawal-record";
const LOCKED =
  "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end " +
  "or delete the lock file with `pulumi cancel`.";
const PENDING = [
  "warning: Attempting to deploy or update resources with 1 pending operations from previous deployment.",
  `  * urn:pulumi:dev::quickbi-cli-test::${REVOCATION}::offboard, interrupted while creating`,
  "These resources are in an unknown state because the Pulumi CLI was interrupted while waiting for changes to these resources to complete.",
  "you can repair your stack using `pulumi refresh` which will refresh the state from the provider you are using and clear the pending operations if there are any.",
  "Note that `pulumi refresh` will need to be run interactively to clear pending CREATE operations.",
];

describeWithCli("an up killed while WithdrawAllUserGroups is in flight, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
    await upKilledDuring(stack, WITHDRAW);
  });
  after(() => stack?.close());

  const groupsOfAlice = () => stack.emulator.state().memberships.filter((m) => m.userId === ALICE);

  it("keeps the interrupted create's checked inputs, with the groups the preview showed, as a pending operation", async () => {
    const state = await stack.exportState();

    assert.deepEqual(groupsOfAlice(), [], "the interrupted call had removed the groups");
    assert.equal(state.resources.filter((r) => r.type === REVOCATION).length, 0);
    const [pending, ...others] = state.pendingOperations;
    assert.equal(others.length, 0);
    assert.equal(pending?.type, "creating");
    const impact = pending?.resource.inputs?.impact as { groups: { id: string; name: string }[] };
    assert.deepEqual(
      impact.groups.map((g) => g.id),
      [FINANCE, SALES],
    );
  });

  it("refuses the next up while the killed update's lock remains, saying to run pulumi cancel", async () => {
    const up = await failureOf(stack.up());

    assert.ok(up.message.includes(LOCKED), up.message);
    assert.deepEqual(up.requests, []);
  });

  it("completes the offboarding on the up after pulumi cancel, warning of the pending create", async () => {
    const cancel = await stack.pulumi(["cancel", "--yes"]);
    assert.match(cancel.stdout, /The currently running update for 'dev' has been canceled!/);

    const up = await stack.up();

    for (const line of PENDING) assert.ok(up.stdout.includes(line), `missing: ${line}\n${up.stdout}`);
    const record = await recordOfTheOneWithdrawal(stack, up);
    // The interrupted call had removed the groups: this withdrawal found none. What was removed is in
    // the pending operation (first test) until it is cleared.
    assert.deepEqual(record.groupsRemoved, []);
    assert.deepEqual(groupsOfAlice(), []);
  });

  it("keeps the pending create after that up, until pulumi refresh --clear-pending-creates clears it", async () => {
    assert.equal((await stack.exportState()).pendingOperations.length, 1);
    const [before] = await stack.revocations();

    // The CLI itself, as the user types it: the Automation API of @pulumi/pulumi before 3.1xx (the
    // oldest matrix row, 3.139) has no clearPendingCreates option. A refresh runs no program.
    const refresh = await stack.pulumi(["refresh", "--clear-pending-creates", "--yes"]);

    assert.equal(callsOf(refresh, WITHDRAW).length, 0);
    assert.deepEqual((await stack.exportState()).pendingOperations, []);
    const [after] = await stack.revocations();
    assert.deepEqual(after?.outputs, before?.outputs);
  });
});
