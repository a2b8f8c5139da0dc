// A new userId is another person: the real engine replaces the revocation, creating the replacement
// first and deleting the old one after (deleteBeforeReplace: false), and the delete calls nothing.
import assert from "node:assert/strict";
import { ALICE, BOB } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, stepsOf, WITHDRAW, type CommandRun } from "./support/cli-stack";

describeWithCli("changing a revocation's userId, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  let replaced: CommandRun;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
    await stack.up();
    await stack.local.setConfig({ userId: BOB });
    replaced = await stack.up();
  });
  after(() => stack?.close());

  it("creates the replacement, then deletes the old revocation", () => {
    assert.deepEqual(
      stepsOf(replaced).map((s) => `${s.op} ${String(s.inputs.userId)}`),
      [`create-replacement ${BOB}`, `replace ${BOB}`, `delete-replaced ${ALICE}`],
    );
  });

  it("deletes the old revocation without a call: every request was about the new user", () => {
    const users = new Set(replaced.requests.map((r) => r.params.UserId));

    assert.deepEqual([...users], [BOB]);
    assert.equal(callsOf(replaced, WITHDRAW).length, 1);
  });
});
