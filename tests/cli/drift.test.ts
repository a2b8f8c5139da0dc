// Drift under the real Pulumi CLI: someone adds the offboarded user back to a group out of band (as an
// administrator in the console would); refresh records it, preview shows it, up withdraws again.
// One stack for the story; each test is one step of it, in order.
import assert from "node:assert/strict";
import { ALICE, FINANCE, SALES } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import { callsOf, CliStack, opsOf, WITHDRAW } from "./support/cli-stack";
import { recordOfTheOneWithdrawal } from "./support/withdrawal-record";

describeWithCli("a user added back to a group, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  let first: RevocationOutputs;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
    await stack.up();
    first = await record();
    stack.emulator.addMembership(ALICE, FINANCE);
  });
  after(() => stack?.close());

  async function record(): Promise<RevocationOutputs> {
    const [revocation] = await stack.revocations();
    return revocation?.outputs as unknown as RevocationOutputs;
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

    assert.deepEqual(opsOf(preview), ["update"]);
    assert.match(preview.stdout, /~ +pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation offboard update/);
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
  });

  it("withdraws again on up, and keeps the earlier withdrawal in history", async () => {
    const up = await stack.up();

    const now = await recordOfTheOneWithdrawal(stack, up);
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

    const now = await recordOfTheOneWithdrawal(stack, up);
    assert.deepEqual(
      now.groupsRemoved.map((g) => g.id),
      [SALES],
    );
    assert.equal(now.history.length, 2);
    assert.deepEqual(groupsOfAlice(), []);
  });
});
