// What QuickBIOffboarding plans, withdraws and refuses from a people file under the real Pulumi CLI,
// beyond tests/cli/offboarding.test.ts's story: one revocation per person behind the removal guard,
// the guard's limit and what it counts, and the bad entries it names by line, before and after
// Quick BI has answered. Against the emulator seeded with the gitops example's 30 people.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { User } from "../../emulator";
import { describeWithCli } from "./support/cli-gate";
import { callsOf, CliStack, failureOf, stepsOf, WITHDRAW, type CliStackOptions } from "./support/cli-stack";

const SEED = resolve(__dirname, "..", "..", "examples", "gitops", "seed.yaml");
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";

describeWithCli("QuickBIOffboarding's review of a people file, under the real Pulumi CLI", (cli) => {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-review-"));
  const peopleFile = join(dir, "people.yaml");
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A stack of the offboarding program reading `peopleFile`, whose text is `people` for now. */
  async function open(people: string, config: CliStackOptions["config"] = {}): Promise<CliStack> {
    writeFileSync(peopleFile, people);
    // The emulator has no quota here: a generous client-side limit keeps the tests quick.
    return CliStack.open(cli, {
      program: "offboarding",
      seed: SEED,
      config: { peopleFile, "quickbi:qps": "500", ...config },
    });
  }
  /** A people file listing these users by userId. */
  const listOf = (people: readonly User[]) =>
    `people:\n${people.map((u) => `  - userId: ${u.userId}\n    reason: left\n    ticket: HR-${u.accountName}\n`).join("")}`;
  const nonAdmins = (s: CliStack) => s.emulator.state().users.filter((u) => !u.adminUser);
  const groupsOf = (s: CliStack, userId: string) =>
    s.emulator.state().memberships.filter((m) => m.userId === userId);
  /** Asserts that `text` says each of `parts`, in full (file paths are not regular expressions). */
  function assertSays(text: string, ...parts: string[]): void {
    for (const part of parts) assert.ok(text.includes(part), `expected ${JSON.stringify(part)} in:\n${text}`);
  }

  describe("a preview of a list nobody was offboarded from yet", () => {
    let stack: CliStack;
    let users: User[];
    before(async () => {
      stack = await open("people: []\n");
      users = nonAdmins(stack);
    });
    after(() => stack?.close());

    it("plans the removal guard and one revocation per entry, named after the person, withdrawing no one", async () => {
      const [first, second] = users;
      writeFileSync(
        peopleFile,
        `people:\n  - userId: ${first!.userId}\n  - account: ${second!.accountName}\n    ticket: HR-2\n`,
      );

      const preview = await stack.preview();

      assert.deepEqual(
        stepsOf(preview, GUARD).map((s) => s.op),
        ["create"],
      );
      // The engine checks the two concurrently: its events come in the order the checks finish.
      const planned = stepsOf(preview).sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(
        planned.map((s) => `${s.op} ${s.name}`),
        [`create leavers-${first!.userId}`, `create leavers-account-${second!.accountName}`].sort(),
      );
      const byAccount = planned.find((s) => s.name === `leavers-account-${second!.accountName}`);
      const impact = byAccount?.inputs.impact as { summary: string };
      assert.ok(
        impact.summary.startsWith(`${second!.accountName} (${second!.nickName}) will leave`),
        impact.summary,
      );
      assert.equal(callsOf(preview, WITHDRAW).length, 0);
    });

    it("rejects bad entries with their line numbers, before anything is checked", async () => {
      const [first] = users;
      writeFileSync(
        peopleFile,
        [
          "people:",
          `  - userId: ${first!.userId}`,
          "  - reason: no one named",
          `  - userId: ${first!.userId}`,
          "  - account: bob",
          "    team: sales",
          "",
        ].join("\n"),
      );

      const preview = await failureOf(stack.preview());

      assert.match(preview.message, /has 3 problems/);
      assertSays(
        preview.message,
        `${peopleFile}:3: `,
        `${peopleFile}:4: duplicate entry for userId "${first!.userId}" (first listed at ${peopleFile}:2)`,
        `${peopleFile}:5: unknown key "team"`,
      );
      assert.deepEqual(preview.requests, []);
    });

    it("refuses one person listed by userId and again by account, naming both lines", async () => {
      const [person] = users;
      writeFileSync(
        peopleFile,
        `people:\n  - userId: ${person!.userId}\n  - account: ${person!.accountName}\n`,
      );

      const preview = await failureOf(stack.preview());

      // The two entries are checked concurrently: whichever finishes second names the other's line.
      const refusal = preview.message.split("\n").find((l) => l.includes("are the same Quick BI user"));
      assertSays(
        refusal ?? preview.message,
        `${peopleFile}:2`,
        `${peopleFile}:3`,
        `account "${person!.accountName}"`,
        `userId "${person!.userId}"`,
      );
      assert.equal(callsOf(preview, WITHDRAW).length, 0);
    });

    it("names the line of an account Quick BI does not know, not only the resource", async () => {
      writeFileSync(peopleFile, `people:\n  - userId: ${users[0]!.userId}\n  - account: nobody99\n`);

      const preview = await failureOf(stack.preview());

      assert.match(preview.message, /leavers-account-nobody99/);
      assertSays(preview.message, `${peopleFile}:3: Quick BI has no user with account "nobody99"`);
      assert.equal(callsOf(preview, WITHDRAW).length, 0);
    });
  });

  describe("an up of a list of three", () => {
    let stack: CliStack;
    let users: User[];
    let leavers: User[];
    let up: Awaited<ReturnType<CliStack["up"]>>;
    before(async () => {
      stack = await open("people: []\n");
      users = nonAdmins(stack);
      leavers = users.slice(0, 3);
      writeFileSync(peopleFile, listOf(leavers));
      up = await stack.up();
    });
    after(() => stack?.close());

    it("withdraws everyone on the list, one WithdrawAllUserGroups each", () => {
      assert.deepEqual(
        callsOf(up, WITHDRAW)
          .map((r) => r.params.UserId)
          .sort(),
        leavers.map((u) => u.userId).sort(),
      );
      for (const user of leavers) assert.deepEqual(groupsOf(stack, user.userId), [], user.accountName);
    });

    it("records each revocation in the state as depending on the removal guard", async () => {
      const { resources } = await stack.exportState();

      const guard = resources.find((r) => r.type === GUARD);
      const revocations = resources.filter((r) => r.type.endsWith(":UserGroupRevocation"));
      assert.equal(revocations.length, 3);
      for (const revocation of revocations) assert.deepEqual(revocation.dependencies, [guard?.urn]);
    });

    it("plans one create for a newcomer listed in the middle, the others unchanged and the guard updated", async () => {
      // Names, not positions, identify resources.
      const newcomer = users[9]!;
      writeFileSync(peopleFile, listOf([leavers[0]!, newcomer, leavers[1]!, leavers[2]!]));

      const preview = await stack.preview();

      assert.deepEqual(
        stepsOf(preview)
          .map((s) => `${s.op} ${s.name}`)
          .sort(),
        [`create leavers-${newcomer.userId}`, ...leavers.map((u) => `same leavers-${u.userId}`)].sort(),
      );
      assert.deepEqual(
        stepsOf(preview, GUARD).map((s) => s.op),
        ["update"],
        "the guard records the new list",
      );
      assert.equal(callsOf(preview, WITHDRAW).length, 0);
    });

    it("refuses a later list naming by account someone already offboarded by userId, naming both lines", async () => {
      const [person, other] = leavers;
      writeFileSync(
        peopleFile,
        `people:\n  - userId: ${person!.userId}\n    reason: left\n    ticket: HR-${person!.accountName}\n` +
          `  - account: ${other!.accountName}\n  - account: ${person!.accountName}\n`,
      );

      const preview = await failureOf(stack.preview());

      assertSays(
        preview.message,
        `${peopleFile}:6: account "${person!.accountName}" and userId "${person!.userId}" (${peopleFile}:2) are the same Quick BI user`,
      );
      assert.equal(callsOf(preview, WITHDRAW).length, 0);
    });
  });

  describe("the removal guard's limit", () => {
    let stack: CliStack | undefined;
    afterEach(() => stack?.close());

    it("lets a list of 12 through once quickbi:maxRemovalsPerUpdate is raised to 12", async () => {
      stack = await open("people: []\n", { "quickbi:maxRemovalsPerUpdate": "12" });
      writeFileSync(peopleFile, listOf(nonAdmins(stack).slice(0, 12)));

      const up = await stack.up();

      assert.equal(stepsOf(up).filter((s) => s.op === "create").length, 12);
      assert.equal(callsOf(up, WITHDRAW).length, 12);
      assert.equal((await stack.revocations()).length, 12);
    });

    it("counts only newcomers against the limit on later updates", async () => {
      stack = await open("people: []\n");
      const users = nonAdmins(stack);
      writeFileSync(peopleFile, listOf(users.slice(0, 10)));
      await stack.up();
      writeFileSync(peopleFile, listOf(users.slice(0, 20)));

      const preview = await stack.preview();

      assert.equal(stepsOf(preview).filter((s) => s.op === "create").length, 10);
      assert.equal(stepsOf(preview).filter((s) => s.op === "same").length, 10);
    });
  });
});
