// A people-file entry's optional `name` names the person's resource, so a plan reads like a review
// (`leavers-Emma Sun`, not `leavers-50e9fa4f…`). People offboarded before they had a name keep their
// resources (an alias): naming them replaces nothing, calls Quick BI not at all, and the removal guard,
// whose keys never depend on the name, sees no one new. Under the real Pulumi CLI.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { User } from "../../emulator";
import { describeWithCli } from "./support/cli-gate";
import { CliStack, stepsOf } from "./support/cli-stack";

const SEED = resolve(__dirname, "..", "..", "examples", "gitops", "seed.yaml");
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";

describeWithCli("readable resource names from a people file, under the real Pulumi CLI", (cli) => {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-names-"));
  const peopleFile = join(dir, "people.yaml");
  let stack: CliStack;
  let users: User[];
  before(async () => {
    writeFileSync(peopleFile, "people: []\n");
    stack = await CliStack.open(cli, { program: "offboarding", seed: SEED, config: { peopleFile } });
    users = stack.emulator
      .state()
      .users.filter((u) => !u.adminUser)
      .slice(0, 2);
    writePeople({ named: false });
    await stack.up();
  });
  after(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function writePeople({ named }: { named: boolean }): void {
    writeFileSync(
      peopleFile,
      `people:\n${users.map((u) => `  - userId: ${u.userId}\n${named ? `    name: ${u.nickName}\n` : ""}`).join("")}`,
    );
  }

  it("names people listed by userId alone by their userId, as before", async () => {
    const names = (await stack.revocations()).map((r) => r.urn.split("::").pop()).sort();
    assert.deepEqual(names, users.map((u) => `leavers-${u.userId}`).sort());
  });

  it("previews naming them as a plan with no replacement, no new person and no Quick BI call", async () => {
    writePeople({ named: true });

    const preview = await stack.preview();

    const revocations = stepsOf(preview);
    assert.deepEqual(
      revocations.map((s) => `${s.op} ${s.name}`).sort(),
      users.map((u) => `same leavers-${u.nickName}`).sort(),
    );
    assert.deepEqual(
      stepsOf(preview, GUARD).map((s) => s.op),
      ["same"],
      "the removal guard's keys did not change",
    );
    assert.deepEqual(preview.requests, []);
  });

  it("renames them on up, keeping each record, with no Quick BI call", async () => {
    const before = await stack.revocations();

    const up = await stack.up();

    assert.deepEqual(up.requests, []);
    const after = await stack.revocations();
    assert.deepEqual(
      after.map((r) => r.urn.split("::").pop()).sort(),
      users.map((u) => `leavers-${u.nickName}`).sort(),
    );
    assert.deepEqual(
      after.map((r) => r.outputs?.requestId).sort(),
      before.map((r) => r.outputs?.requestId).sort(),
      "the audit records are the ones of the first up",
    );
  });
});
