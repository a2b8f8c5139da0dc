// A stack default scope changed later, under the real Pulumi CLI: `quickbi:scope` widened for a list
// already offboarded from its groups applies to everyone it covers. The preview shows each person's
// new steps; the removal guard counts everyone whose steps change; once allowed, `up` runs only the
// new steps (updates, never replacements) and repeats no withdrawal. One stack, its tests in order.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALICE, BOB } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, failureOf, opsOf, stepsOf, WITHDRAW } from "./support/cli-stack";

describeWithCli("a stack default scope widened later, under the real Pulumi CLI", (cli) => {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-scope-"));
  const peopleFile = join(dir, "people.yaml");
  let stack: CliStack;
  before(async () => {
    writeFileSync(peopleFile, `people:\n  - userId: ${ALICE}\n  - userId: ${BOB}\n`);
    stack = await CliStack.open(cli, { program: "offboarding", config: { peopleFile } });
    await stack.up();
  });
  after(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const writes = (run: { readonly requests: readonly { action: string }[] }) =>
    run.requests
      .map((r) => r.action)
      .filter((a) => ["DeleteUserFromWorkspace", "UpdateUser", WITHDRAW].includes(a));

  it("counts everyone whose steps change against the removal guard, and refuses at preview", async () => {
    await stack.configSet({
      "quickbi:scope": "groups,workspaces,account",
      "quickbi:maxRemovalsPerUpdate": "1",
    });

    const refused = await failureOf(stack.preview());

    assert.match(refused.message, /this update would offboard 0 new people and change the steps of 2/);
    assert.deepEqual(writes(refused), []);
  });

  it("previews each person's new steps as an update, with no replacement and no write", async () => {
    await stack.configSet({ "quickbi:maxRemovalsPerUpdate": "2" });

    const preview = await stack.preview();

    assert.deepEqual(opsOf(preview), ["update", "update"]);
    const summaries = stepsOf(preview).map((s) => (s.inputs.impact as { summary: string }).summary);
    assert.deepEqual(summaries.sort(), [
      "alice (Alice Wang) will leave 0 user groups, 2 workspaces; be deactivated",
      "bob (Bob Li) will leave 0 user groups, 1 workspace; be deactivated",
    ]);
    assert.deepEqual(writes(preview), []);
  });

  it("runs only the new steps on up: no withdrawal again", async () => {
    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update", "update"]);
    assert.equal(callsOf(up, WITHDRAW).length, 0);
    assert.deepEqual(writes(up).sort(), [
      "DeleteUserFromWorkspace",
      "DeleteUserFromWorkspace",
      "DeleteUserFromWorkspace",
      "UpdateUser",
      "UpdateUser",
    ]);
    const state = stack.emulator.state();
    assert.deepEqual(
      state.workspaceMembers.filter((m) => [ALICE, BOB].includes(m.userId)),
      [],
    );
    assert.deepEqual(
      state.users.filter((u) => [ALICE, BOB].includes(u.userId)).map((u) => u.isDeleted),
      [true, true],
    );
  });
});
