// Drift under the real Pulumi CLI: someone adds the offboarded user back to a group out of band (as an
// administrator in the console would); refresh records it, preview shows it, up withdraws again.
// One stack for the story; each test is one step of it, in order.
import assert from "node:assert/strict";
import { ALICE, FINANCE, SALES } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, stepsOf } from "./support/cli-stack";

const WITHDRAW = "WithdrawAllUserGroups";

interface AuditRecord {
  requestId: string;
  currentGroups: { id: string }[];
  groupsRemoved: { id: string }[];
  history: { requestId: string; groupsRemoved: { id: string }[] }[];
}

describeWithCli("a user added back to a group, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  let first: AuditRecord;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
    await stack.up();
    first = await record();
    stack.emulator.addMembership(ALICE, FINANCE);
  });
  after(() => stack?.close());

  async function record(): Promise<AuditRecord> {
    const [revocation] = await stack.revocations();
    return revocation?.outputs as unknown as AuditRecord;
  }
  const groupsOfAlice = () => stack.emulator.state().memberships.filter((m) => m.userId === ALICE);

  it("records the re-added group in currentGroups on refresh, withdrawing no one", async () => {
    const refresh = await stack.refresh();

    assert.deepEqual(
      (await record()).currentGroups.map((g) => g.id),
      [FINANCE],
    );
    assert.equal(callsOf(refresh, WITHDRAW).length, 0);
  });

  it("shows an update of the revocation in the next preview", async () => {
    const preview = await stack.preview();

    assert.deepEqual(
      stepsOf(preview).map((s) => s.op),
      ["update"],
    );
    assert.match(preview.stdout, /~ +pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation offboard update/);
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
  });

  it("withdraws again on up, and keeps the earlier withdrawal in history", async () => {
    const up = await stack.up();

    const withdrawals = callsOf(up, WITHDRAW);
    assert.equal(withdrawals.length, 1);
    const now = await record();
    assert.equal(now.requestId, withdrawals[0]?.requestId);
    assert.deepEqual(
      now.groupsRemoved.map((g) => g.id),
      [FINANCE],
    );
    assert.deepEqual(now.currentGroups, []);
    assert.deepEqual(
      now.history.map((h) => [h.requestId, h.groupsRemoved.map((g) => g.id)]),
      [[first.requestId, [FINANCE, SALES]]],
    );
    assert.deepEqual(groupsOfAlice(), []);
  });

  it("finds and withdraws a re-added group in one step with up --refresh", async () => {
    stack.emulator.addMembership(ALICE, SALES);

    const up = await stack.up({ refresh: true });

    const withdrawals = callsOf(up, WITHDRAW);
    assert.equal(withdrawals.length, 1);
    const now = await record();
    assert.equal(now.requestId, withdrawals[0]?.requestId);
    assert.deepEqual(
      now.groupsRemoved.map((g) => g.id),
      [SALES],
    );
    assert.equal(now.history.length, 2);
    assert.deepEqual(groupsOfAlice(), []);
  });
});
