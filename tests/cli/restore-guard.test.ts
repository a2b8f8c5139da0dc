// The removal guard counts restores as removals, under the real Pulumi CLI: a people file that asks to
// restore more people than the guard allows is refused at preview, naming them and the one way to
// raise the limit, and nothing is written; raised deliberately, the same change restores them. Taking
// the restores away again, which offboards them again, counts the same way.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { User } from "../../emulator";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, failureOf, opsOf } from "./support/cli-stack";

const SEED = resolve(__dirname, "..", "..", "examples", "gitops", "seed.yaml");
const WRITES = ["WithdrawAllUserGroups", "AddUserGroupMembers", "AddUserToWorkspace", "UpdateUser"];

describeWithCli("the removal guard on restores, under the real Pulumi CLI", (cli) => {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-restores-"));
  const peopleFile = join(dir, "people.yaml");
  let stack: CliStack;
  let people: User[];
  const groupsOf = (userId: string) =>
    stack.emulator
      .state()
      .memberships.filter((m) => m.userId === userId)
      .map((m) => m.usergroupId);
  let groupsBefore: string[][];
  before(async () => {
    writePeople([], false);
    stack = await CliStack.open(cli, {
      program: "offboarding",
      seed: SEED,
      config: { peopleFile, "quickbi:maxRemovalsPerUpdate": "3" },
    });
    people = stack.emulator
      .state()
      .users.filter((u) => !u.adminUser)
      .slice(0, 3);
    groupsBefore = people.map((p) => groupsOf(p.userId));
    writePeople(people, false);
    await stack.up();
    await stack.configSet({ "quickbi:maxRemovalsPerUpdate": "2" });
  });
  after(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function writePeople(list: readonly User[], restore: boolean): void {
    const entry = (u: User) =>
      `  - userId: ${u.userId}\n    ticket: HR-${u.accountName}\n` +
      (restore ? `    restore: { ticket: HR-back-${u.accountName}, reason: offboarded by mistake }\n` : "");
    writeFileSync(peopleFile, `people:\n${list.map(entry).join("")}`);
  }

  it("refuses at preview a change restoring 3 people when the guard allows 2, and writes nothing", async () => {
    writePeople(people, true);

    const preview = await failureOf(stack.preview());

    assert.match(preview.message, /this update would restore 3 people \(/);
    for (const person of people) assert.match(preview.message, new RegExp(person.userId));
    assert.match(
      preview.message,
      /counts restores, and offboarding a restored person again, as removals and allows 2 per update \(stack config quickbi:maxRemovalsPerUpdate\)/,
    );
    assert.match(preview.message, /pulumi config set quickbi:maxRemovalsPerUpdate 3/);
    assert.deepEqual(
      preview.requests.filter((r) => WRITES.includes(r.action)),
      [],
    );
  });

  it("restores all 3 once the limit is raised for this update", async () => {
    await stack.configSet({ "quickbi:maxRemovalsPerUpdate": "3" });

    const up = await stack.up();

    assert.deepEqual(opsOf(up), ["update", "update", "update"]);
    assert.ok(groupsBefore.every((groups) => groups.length > 0));
    assert.deepEqual(
      people.map((p) => groupsOf(p.userId)),
      groupsBefore,
    );
  });

  it("counts offboarding the 3 of them again as removals: refused at 2, done at 3", async () => {
    await stack.configSet({ "quickbi:maxRemovalsPerUpdate": "2" });
    writePeople(people, false);

    const refused = await failureOf(stack.preview());
    await stack.configSet({ "quickbi:maxRemovalsPerUpdate": "3" });
    const up = await stack.up();

    assert.match(refused.message, /this update would offboard 3 people \(/);
    assert.deepEqual(
      refused.requests.filter((r) => WRITES.includes(r.action)),
      [],
    );
    assert.equal(up.requests.filter((r) => r.action === "WithdrawAllUserGroups").length, 3);
    assert.deepEqual(
      people.map((p) => groupsOf(p.userId)),
      [[], [], []],
    );
  });
});
