// Bad input under the real Pulumi CLI: the engine's check failure stops the preview, naming the
// property, before anything reaches Quick BI.
import assert from "node:assert/strict";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, failureOf } from "./support/cli-stack";

describeWithCli("bad input, under the real Pulumi CLI", (cli) => {
  let stack: CliStack;
  before(async () => {
    stack = await CliStack.open(cli, { program: "revocation", config: { userId: "alice wang" } });
  });
  after(() => stack?.close());

  it("fails a preview with an invalid userId, naming the property, with no Quick BI call", async () => {
    const preview = await failureOf(stack.preview());

    assert.match(
      preview.message,
      /resource 'offboard': property userId value \{alice wang\} has a problem: userId "alice wang" contains " " \(U\+0020\)/,
    );
    assert.deepEqual(preview.requests, []);
  });
});
