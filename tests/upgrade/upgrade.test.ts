// Upgrades never surprise: a stack deployed by a release (its fixture, from capture.ts), updated to this
// checkout with no change to its program, plans no change for anyone, makes no Quick BI write and finds
// no drift. For each fixture: a fresh file-backend stack, `pulumi stack import` of the release's
// export, an emulator holding the world the release left, and the same program run with this
// checkout's code (TypeScript as an inline program, YAML as its project directory with this
// checkout's plugin), through the real CLI: preview, up, refresh.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorState } from "../../emulator/model";
import { findExampleTools } from "../../harness/example-stack";
import { describeWithCli } from "../cli/support/cli-gate";
import { CliStack, type CommandRun, type ProgramAt } from "../cli/support/cli-stack";
import {
  ENDPOINT_PLACEHOLDER,
  FIXTURE_FILES,
  REPO,
  shapeEnv,
  upgradeFixtures,
  type UpgradeFixture,
} from "./shapes";

/**
 * The Quick BI calls an upgraded stack may make: the emulator's reads, and nothing else. An `up`
 * previews first, and the preview of a person already offboarded reads who they are (an account is
 * looked up) and what they still hold (groups, admin flag, workspaces: the impact and the residual
 * access); a refresh reads the same to record drift. A withdrawal, or any write a later version adds
 * (a workspace removal, UpdateUser), fails the test, named; a new read is added here with its reason.
 */
const READS = new Set([
  "QueryUserInfoByUserId",
  "QueryUserInfoByAccount",
  "CheckOrganizationMember",
  "ListUserGroupsByUserId",
  "QueryUserGroupMember",
  "ListWorkspaceUserRolesByUserId",
  // A refresh of more than 50 people reads the organisation once (provider/refresh/): the fixtures hold
  // fewer, but a larger stack's upgrade reads these and nothing else.
  "QueryUserList",
  "QueryUserGroupListByParentId",
  "QueryOrganizationWorkspaceList",
  "QueryWorkspaceUserList",
]);

/**
 * The steps the engine planned or took that are not `same`, as `<op> <type> <name>`; the reads of a
 * `--refresh` (`refresh` steps) are not changes: what they find shows in the plan that follows them.
 */
function changedSteps(run: CommandRun): string[] {
  return run.events.flatMap((event) => {
    const step = event.resourcePreEvent?.metadata;
    if (!step || step.op === "same" || step.op === "refresh") return [];
    return [`${step.op} ${step.type} ${step.urn.split("::").pop() ?? ""}`];
  });
}

/**
 * What a refresh found changed, as `<op> <type> <name>`: the engine reports a resource whose read
 * differs from its state (a person back in a group, say) as an `update`, an unchanged one as `same`.
 */
function driftFound(run: CommandRun): string[] {
  return run.events.flatMap((event) => {
    const outcome = event.resOutputsEvent?.metadata;
    if (!outcome || outcome.op === "same") return [];
    return [`${outcome.op} ${outcome.type} ${outcome.urn.split("::").pop() ?? ""}`];
  });
}

/** Fails naming each change, with what the CLI printed. */
function assertUnchanged(changes: readonly string[], run: CommandRun): void {
  if (changes.length > 0)
    assert.fail(`pulumi ${run.command}: ${changes.join("; ")}\n\nThe CLI printed:\n${run.stdout}`);
}

/** The requests of a run that are not an allowed read, as `<action> <params>`. */
function writesOf(run: CommandRun): string[] {
  return run.requests
    .filter((r) => !READS.has(r.action))
    .map((r) => `${r.action} ${JSON.stringify(r.params)}`);
}

for (const fixture of upgradeFixtures()) upgradeSuite(fixture);

function upgradeSuite({ release, shape, dir }: UpgradeFixture): void {
  const title = `a stack deployed by ${release} (${shape.title}), updated to this checkout`;
  const yamlTools = shape.language === "yaml" ? findExampleTools("yaml") : undefined;
  if (yamlTools && "missing" in yamlTools) {
    describe(title, () => it.skip(`SKIPPED: no ${yamlTools.missing}; scripts/native-toolchain obtains it`));
    return;
  }
  describeWithCli(title, (cli) => {
    const world = JSON.parse(readFileSync(join(dir, FIXTURE_FILES.world), "utf8")) as EmulatorState;
    let stack: CliStack;
    let cwd: string;
    before(async () => {
      const program: ProgramAt =
        shape.language === "typescript"
          ? { project: shape.project, main: join(dir, "index.ts") }
          : { project: shape.project, projectFiles: dir };
      stack = await CliStack.open(cli, {
        program,
        seed: join(dir, FIXTURE_FILES.world),
        emulatorConfig: shape.emulatorConfig,
        env: shapeEnv(shape, REPO, yamlTools && "yamlHost" in yamlTools ? yamlTools.yamlHost : undefined),
      });
      const workDir = stack.local.stack.workspace.workDir;
      const state = readFileSync(join(dir, FIXTURE_FILES.state), "utf8").split(ENDPOINT_PLACEHOLDER);
      writeFileSync(join(stack.local.dir, "import.json"), state.join(stack.emulator.url));
      await stack.pulumi(["stack", "import", "--file", join(stack.local.dir, "import.json")]);
      // A program names its people file relative to the project directory, where a real `pulumi up`
      // runs it; the inline program runs in this process, so this process works there meanwhile.
      if (existsSync(join(dir, "people.yaml")) && shape.language === "typescript")
        copyFileSync(join(dir, "people.yaml"), join(workDir, "people.yaml"));
      cwd = process.cwd();
      process.chdir(workDir);
    });
    after(async () => {
      if (cwd) process.chdir(cwd);
      await stack?.close();
    });

    it("plans no change in the nightly drift check's `pulumi preview --refresh`, read through the release's own __provider", async () => {
      // A refresh reads each resource with the provider the release serialized into the state (for
      // TypeScript `require("pulumi-quickbi-offboarding/provider-runtime")`, which must still resolve
      // in this version), and goes on doing so after an `up` whose steps are all `same`: the engine
      // keeps a resource's old inputs, `__provider` included, until it updates it.
      const preview = await stack.preview({ diff: true, refresh: true });

      assertUnchanged(changedSteps(preview), preview);
      assert.ok(preview.requests.length > 0, "the refresh read nothing from Quick BI");
      assert.deepEqual(writesOf(preview), []);
    });

    it("previews no change for anyone: every step is `same`, and makes no Quick BI write", async () => {
      const preview = await stack.preview({ diff: true });

      assertUnchanged(changedSteps(preview), preview);
      assert.ok(preview.events.some((e) => e.resourcePreEvent?.metadata.op === "same"));
      assert.deepEqual(writesOf(preview), []);
    });

    it("makes no Quick BI write on up, and leaves Quick BI as the release left it", async () => {
      const up = await stack.up();

      assertUnchanged(changedSteps(up), up);
      assert.ok(up.events.some((e) => e.resourcePreEvent?.metadata.op === "same"));
      assert.deepEqual(writesOf(up), []);
      assert.deepEqual(stack.emulator.state(), world);
    });

    it("finds no drift on refresh", async () => {
      const refresh = await stack.refresh();

      assert.ok(refresh.requests.length > 0, "the refresh read nothing from Quick BI");
      assert.ok(refresh.events.some((e) => e.resOutputsEvent?.metadata.op === "same"));
      assertUnchanged(driftFound(refresh), refresh);
      assert.deepEqual(writesOf(refresh), []);
    });

    // Only a program with a people list has entries a name can be given to.
    if (!existsSync(join(dir, "people.yaml"))) return;
    it("renames a person listed by userId when the list gives them a name: no replacement, no Quick BI write", async () => {
      const peopleFile = join(stack.local.stack.workspace.workDir, "people.yaml");
      const userId = /- userId: (\S+)/.exec(readFileSync(peopleFile, "utf8"))?.[1];
      assert.ok(userId, "the fixture's list names someone by userId");
      writeFileSync(
        peopleFile,
        readFileSync(peopleFile, "utf8").replace(
          `- userId: ${userId}\n`,
          `- userId: ${userId}\n    name: Alice Wang\n`,
        ),
      );

      const up = await stack.up();

      // The alias carries the resource to its new name: a `same` step, not a create and a delete.
      assertUnchanged(changedSteps(up), up);
      assert.ok(
        up.events.some((e) => e.resourcePreEvent?.metadata.urn.endsWith("::leavers-Alice Wang")),
        "the resource now has the person's name",
      );
      assert.deepEqual(writesOf(up), []);
      assert.deepEqual(stack.emulator.state(), world);
    });
  });
}
