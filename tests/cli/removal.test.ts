// What removing a revocation does under the real Pulumi CLI: nothing in Quick BI (a withdrawal cannot
// be undone), and the resource options `protect` and `retainOnDelete` as Pulumi documents them.
import assert from "node:assert/strict";
import { ALICE } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, failureOf, opsOf } from "./support/cli-stack";

describeWithCli("removing a revocation, under the real Pulumi CLI", (cli) => {
  let stack: CliStack | undefined;
  afterEach(() => stack?.close());

  /** A stack whose revocation of alice is done, with these options. */
  async function offboarded(options: { protect?: boolean; retainOnDelete?: boolean } = {}) {
    const config = Object.fromEntries(Object.entries(options).map(([key, value]) => [key, String(value)]));
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE, ...config } });
    await stack.up();
    return stack;
  }
  const groupsOf = (s: CliStack, userId: string) =>
    s.emulator.state().memberships.filter((m) => m.userId === userId);

  it("deletes a revocation removed from the program from the state, calling Quick BI not once", async () => {
    const s = await offboarded();
    await s.local.setConfig({ declared: "false" });

    const up = await s.up();

    assert.deepEqual(opsOf(up), ["delete"]);
    assert.deepEqual(up.requests, []);
    assert.deepEqual(await s.revocations(), []);
    assert.deepEqual(groupsOf(s, ALICE), []);
  });

  it("refuses to destroy a protected revocation, naming it, and keeps it", async () => {
    const s = await offboarded({ protect: true });

    const destroy = await failureOf(s.destroy());

    assert.match(
      destroy.message,
      /resource "urn:pulumi:dev::quickbi-cli-test::[^"]*::offboard" cannot be deleted/,
    );
    assert.match(destroy.message, /because it is protected/);
    assert.deepEqual(destroy.requests, []);
    assert.equal((await s.revocations()).length, 1);
  });

  it("drops a retainOnDelete revocation removed from the program from the state without deleting it", async () => {
    const s = await offboarded({ retainOnDelete: true });
    await s.local.setConfig({ declared: "false" });

    const up = await s.up();

    assert.match(up.stdout, /offboard deleted \([^)]*\)\s*\[retain\]/);
    assert.deepEqual(up.requests, []);
    assert.deepEqual(await s.revocations(), []);
  });
});
