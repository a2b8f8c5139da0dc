// QuickBIOffboarding through the real dynamic-provider host: the program under setMocks, the removal
// guard and the revocations driven by harness/engine.ts as `pulumi preview` and `up` would drive them,
// against the emulator seeded with the gitops example's 30 people.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, type QuickBIEmulator, type User } from "../../emulator";
import { MiniEngine, type EngineError, type Plan } from "../../harness/engine";
import { makeHostProject, type HostProject } from "../../harness/host-project";
import { QuickBIOffboarding } from "../../provider";
import { emulatorStackConfig, requestsFor } from "../support/configured-provider";

const SEED = resolve(__dirname, "..", "..", "examples", "gitops", "seed.yaml");
const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";
const WITHDRAW = "WithdrawAllUserGroups";

describe("QuickBIOffboarding through the real provider host", () => {
  let project: HostProject;
  let dir: string;
  let emulator: QuickBIEmulator;
  let users: User[];

  before(async () => {
    project = await makeHostProject();
    dir = await mkdtemp(join(tmpdir(), "offboarding-host-"));
  });
  after(async () => {
    await project.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    emulator = await startEmulator({ seed: SEED, randomSeed: 5 });
    users = emulator.state().users.filter((u) => !u.adminUser);
  });
  afterEach(() => emulator.stop());

  function engineWith(config: Record<string, string> = {}): MiniEngine {
    return new MiniEngine({
      projectDir: project.dir,
      // The emulator has no quota here: a generous client-side limit keeps the tests quick.
      stackConfig: { ...emulatorStackConfig(emulator), "quickbi:qps": "500", ...config },
    });
  }

  /** Writes a people file (YAML text) and returns a program offboarding everyone on it. */
  async function peopleFile(text: string): Promise<{ file: string; program: () => void }> {
    const file = join(dir, `people-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, text);
    return { file, program: () => void new QuickBIOffboarding("leavers", { peopleFile: file }) };
  }

  /** A people file listing these users by userId. */
  const listOf = (people: readonly User[]) =>
    peopleFile(
      `people:\n${people.map((u) => `  - userId: ${u.userId}\n    reason: left\n    ticket: HR-${u.accountName}\n`).join("")}`,
    );

  const revocations = (steps: Plan["steps"]) => steps.filter((s) => s.type === REVOCATION);
  const groupsOf = (userId: string) => emulator.state().memberships.filter((m) => m.userId === userId);

  it("plans one revocation per entry, named after the person, each waiting for the removal guard", async () => {
    const [first, second] = users;
    const { program } = await peopleFile(
      `people:\n  - userId: ${first!.userId}\n  - account: ${second!.accountName}\n    ticket: HR-2\n`,
    );

    const plan = await engineWith().preview(program);

    const guard = plan.steps.find((s) => s.type === GUARD);
    assert.equal(guard?.op, "create");
    assert.deepEqual(
      revocations(plan.steps).map((s) => `${s.op} ${s.name}`),
      [`create leavers-${first!.userId}`, `create leavers-account-${second!.accountName}`],
    );
    for (const step of revocations(plan.steps)) assert.deepEqual(step.dependencies, [guard?.urn]);
    const impact = revocations(plan.steps)[1]?.checkedInputs?.impact as { summary: string };
    assert.match(impact.summary, new RegExp(`^${second!.accountName} \\(${second!.nickName}\\) will leave`));
    assert.equal(requestsFor(emulator, WITHDRAW).length, 0);
  });

  it("withdraws everyone on the list on up, one WithdrawAllUserGroups each", async () => {
    const leavers = users.slice(0, 3);
    const { program } = await listOf(leavers);

    const summary = await engineWith().up(program);

    assert.ok(summary.steps.every((s) => s.status === "succeeded"));
    assert.deepEqual(
      requestsFor(emulator, WITHDRAW)
        .map((r) => r.params.UserId)
        .sort(),
      leavers.map((u) => u.userId).sort(),
    );
    for (const user of leavers) assert.deepEqual(groupsOf(user.userId), [], user.accountName);
  });

  it("plans exactly one create when one person is added, the others unchanged", async () => {
    const engine = engineWith();
    await engine.up((await listOf(users.slice(0, 3))).program);
    emulator.clearLog();
    // The newcomer goes in the middle of the list: names, not positions, identify resources.
    const grown = [users[0]!, users[9]!, users[1]!, users[2]!];

    const plan = await engine.preview((await listOf(grown)).program);

    assert.deepEqual(
      revocations(plan.steps).map((s) => `${s.op} ${s.name}`),
      [
        `same leavers-${users[0]!.userId}`,
        `create leavers-${users[9]!.userId}`,
        `same leavers-${users[1]!.userId}`,
        `same leavers-${users[2]!.userId}`,
      ],
    );
    assert.equal(plan.steps.find((s) => s.type === GUARD)?.op, "update", "the guard records the new list");
    assert.equal(requestsFor(emulator, WITHDRAW).length, 0);
  });

  it("refuses at preview a list that adds more than 10 people, saying how to raise the limit, calling nothing", async () => {
    const { program } = await listOf(users.slice(0, 12));

    const previewing = engineWith().preview(program);

    await assert.rejects(previewing, (error: EngineError<Plan>) => {
      assert.match(error.message, /this update would offboard 12 people/);
      assert.match(error.message, /the removal guard allows 10 per update \(the default\)/);
      assert.match(error.message, /pulumi config set quickbi:maxRemovalsPerUpdate 12/);
      assert.match(error.message, /12 resource\(s\) that depend on them were not checked/);
      assert.equal(error.result.unchecked?.length, 12);
      return true;
    });
    assert.equal(requestsFor(emulator, WITHDRAW).length, 0);
    assert.equal(emulator.requests().length, 0, "not even the impact lookups of check ran");
  });

  it("applies nothing on up when the guard refuses", async () => {
    const leavers = users.slice(0, 12);
    const engine = engineWith();

    await assert.rejects(engine.up((await listOf(leavers)).program), /this update would offboard 12 people/);

    assert.deepEqual(engine.exportState(), []);
    assert.equal(requestsFor(emulator, WITHDRAW).length, 0);
    for (const user of leavers) assert.notDeepEqual(groupsOf(user.userId), [], user.accountName);
  });

  it("lets the same list through once quickbi:maxRemovalsPerUpdate is raised", async () => {
    const leavers = users.slice(0, 12);

    const summary = await engineWith({ "quickbi:maxRemovalsPerUpdate": "12" }).up(
      (await listOf(leavers)).program,
    );

    assert.equal(revocations(summary.steps).length, 12);
    assert.ok(summary.steps.every((s) => s.status === "succeeded"));
    assert.equal(requestsFor(emulator, WITHDRAW).length, 12);
  });

  it("counts only newcomers against the limit on later updates", async () => {
    const engine = engineWith();
    await engine.up((await listOf(users.slice(0, 10))).program);

    const plan = await engine.preview((await listOf(users.slice(0, 20))).program);

    assert.equal(revocations(plan.steps).filter((s) => s.op === "create").length, 10);
  });

  it("rejects bad entries with their line numbers, before anything is checked", async () => {
    const [first] = users;
    const { file, program } = await peopleFile(
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

    const previewing = engineWith().preview(program);

    await assert.rejects(previewing, (error: Error) => {
      assert.match(error.message, /has 3 problems/);
      assert.match(error.message, new RegExp(`${escape(file)}:3: `));
      assert.match(
        error.message,
        new RegExp(
          `${escape(file)}:4: duplicate entry for userId "${first!.userId}" \\(first listed at ${escape(file)}:2\\)`,
        ),
      );
      assert.match(error.message, new RegExp(`${escape(file)}:5: unknown key "team"`));
      return true;
    });
    assert.equal(emulator.requests().length, 0);
  });

  describe("at review time, with Quick BI's answers", () => {
    it("refuses at preview one person listed by userId and again by account, naming both lines", async () => {
      const [person] = users;
      const { file, program } = await peopleFile(
        `people:\n  - userId: ${person!.userId}\n  - account: ${person!.accountName}\n`,
      );
      await assert.rejects(
        engineWith().preview(program),
        new RegExp(
          `${escape(file)}:3: account "${person!.accountName}" and userId "${person!.userId}" \\(${escape(file)}:2\\) are the same Quick BI user`,
        ),
      );
      assert.equal(requestsFor(emulator, WITHDRAW).length, 0);
    });

    it("refuses a pull request listing by account someone already offboarded by userId", async () => {
      const [person, other] = users;
      const engine = engineWith();
      await engine.up((await listOf([person!])).program);
      const { program } = await peopleFile(
        `people:\n  - userId: ${person!.userId}\n    reason: left\n    ticket: HR-${person!.accountName}\n` +
          `  - account: ${other!.accountName}\n  - account: ${person!.accountName}\n`,
      );
      await assert.rejects(
        engine.preview(program),
        /:6: account ".*" and userId ".*" \(.*:2\) are the same Quick BI user/,
      );
    });

    it("names the line of an account Quick BI does not know, not only the resource", async () => {
      const { file, program } = await peopleFile(
        `people:\n  - userId: ${users[0]!.userId}\n  - account: nobody99\n`,
      );
      await assert.rejects(
        engineWith().preview(program),
        new RegExp(
          `leavers-account-nobody99.*${escape(file)}:3: Quick BI has no user with account "nobody99"`,
          "s",
        ),
      );
    });
  });
});
