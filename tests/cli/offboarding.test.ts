// QuickBIOffboarding from a people file under the real Pulumi CLI, as examples/gitops runs it: a pull
// request adding one person plans one withdrawal; one adding more than the removal guard allows is
// refused at preview, and nothing is withdrawn. One stack for the story, its tests in order.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { User } from "../../emulator";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, failureOf, stepsOf, WITHDRAW } from "./support/cli-stack";

const SEED = resolve(__dirname, "..", "..", "examples", "gitops", "seed.yaml");

describeWithCli("QuickBIOffboarding from a people file, under the real Pulumi CLI", (cli) => {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-people-"));
  const peopleFile = join(dir, "people.yaml");
  let stack: CliStack;
  let users: User[];
  before(async () => {
    writePeople([]);
    stack = await CliStack.open(cli, { program: "offboarding", seed: SEED, config: { peopleFile } });
    users = stack.emulator.state().users.filter((u) => !u.adminUser);
    writePeople(users.slice(0, 2));
    await stack.up();
  });
  after(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function writePeople(people: readonly User[]): void {
    writeFileSync(
      peopleFile,
      `people:\n${people.map((u) => `  - userId: ${u.userId}\n    ticket: HR-${u.accountName}\n`).join("")}`,
    );
  }

  it("plans exactly one withdrawal when one person is added to the file", async () => {
    const added = users[2]!;
    writePeople(users.slice(0, 3));

    const preview = await stack.preview();

    const planned = stepsOf(preview).filter((s) => s.op !== "same");
    assert.deepEqual(
      planned.map((s) => `${s.op} ${s.name}`),
      [`create leavers-${added.userId}`],
    );
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
  });

  it("refuses at preview a list that adds more people than the removal guard allows, saying why, calling nothing", async () => {
    writePeople(users.slice(0, 2 + 11));

    const preview = await failureOf(stack.preview());

    assert.match(preview.message, /this update would offboard 11 people/);
    assert.match(preview.message, /the removal guard allows 10 per update \(the default\)/);
    assert.match(preview.message, /pulumi config set quickbi:maxRemovalsPerUpdate 11/);
    // Every revocation depends on the guard, so the engine checks none of them: not even a lookup.
    assert.deepEqual(preview.requests, []);
  });

  it("refuses the same list on up, withdrawing no one", async () => {
    writePeople(users.slice(0, 2 + 11));

    const up = await failureOf(stack.up());

    assert.match(up.message, /the removal guard allows 10 per update/);
    assert.deepEqual(up.requests, []);
    const revocations = await stack.revocations();
    assert.equal(revocations.length, 2);
  });
});
