// `npm start -- gitops`: the gitops example as its CI would run it, against the embedded Quick BI
// emulator: the preview of the list on main, the up of the merge, an up with no changes, then the
// previews of two pull requests: one adding a person (one create), one adding 12 (the guard refuses).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { startEmulator, type User } from "../../emulator";
import { formatPlan, formatUpdate } from "../../harness/cli-output";
import {
  MiniEngine,
  type AppliedStep,
  type EngineError,
  type MiniEngineOptions,
  type Plan,
  type PlannedStep,
} from "../../harness/engine";
import {
  command,
  count,
  during,
  expect,
  groupsOf,
  membership,
  printRequests,
  programAt,
  WITHDRAW,
} from "./session";

const ROOT = resolve(__dirname, "..", "..");
const EXAMPLE = resolve(ROOT, "examples", "gitops");
const STACK = "dev";
const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";

export async function gitops(): Promise<void> {
  const project = parseYaml(readFileSync(join(EXAMPLE, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main: string;
  };
  const prod = parseYaml(readFileSync(join(EXAMPLE, "Pulumi.prod.yaml"), "utf8")) as {
    config: Record<string, string>;
  };
  const peopleText = readFileSync(join(EXAMPLE, "people.yaml"), "utf8");
  const listed = (parseYaml(peopleText) as { people: { userId?: string; account?: string }[] }).people;
  const emulator = await startEmulator({ seed: join(EXAMPLE, "seed.yaml"), randomSeed: 1 });
  const prDir = mkdtempSync(join(tmpdir(), "quickbi-gitops-pr-"));
  try {
    const users = emulator.state().users;
    const leavers = listed.map((entry) => {
      const user = users.find((u) => u.userId === entry.userId || u.accountName === entry.account);
      expect(user !== undefined, `people.yaml lists ${JSON.stringify(entry)}, who is not in the seed`);
      return user;
    });
    // What `pulumi config set` would add to a local stack with the production stack's settings.
    const stackConfig = {
      ...prod.config,
      "quickbi:endpoint": emulator.url,
      "alicloud:accessKey": emulator.accessKeyId,
      "alicloud:secretKey": emulator.accessKeySecret,
    };
    // The example directory is the Pulumi project, as `pulumi up` in CI sees it: the host runs there
    // and resolves the package from the repository's node_modules above it.
    const options: MiniEngineOptions = {
      projectDir: EXAMPLE,
      stackConfig,
      project: project.name,
      stack: STACK,
    };
    const main = new MiniEngine(options);
    const program = programAt(join(EXAMPLE, project.main));

    console.log(
      [
        "No Pulumi CLI here: each `pulumi` command below is harness/engine.ts running the program under",
        "setMocks and driving the real @pulumi/pulumi dynamic-provider host over gRPC, as the engine does.",
        "",
        `Quick BI emulator at ${emulator.url}, seeded from examples/gitops/seed.yaml (${users.length} people)`,
        `Stack ${project.name}/${STACK}, program examples/gitops/${project.main}, config from Pulumi.prod.yaml plus:`,
        `  quickbi:endpoint    ${emulator.url}`,
        `  alicloud:accessKey  ${emulator.accessKeyId}  (the emulator's test key; CI gets STS credentials via OIDC)`,
        `  alicloud:secretKey  [secret]`,
        "",
        `people.yaml on main lists ${leavers.length} leavers:`,
        ...leavers.map((u) => `  ${describe(u)} is ${membership(groupsOf(emulator, u.userId))}`),
      ].join("\n"),
    );

    heading("main: the list as merged");
    command("pulumi preview --diff");
    const [plan, previewRequests] = await during(emulator, () => main.preview(program));
    console.log(formatPlan(plan, STACK, impactOf));
    printRequests("preview", previewRequests);
    expect(
      sameList(ops(plan.steps), [`create ${GUARD}`, ...leavers.map(() => `create ${REVOCATION}`)]),
      `preview should plan the guard and ${leavers.length} revocations, planned: ${ops(plan.steps).join(", ")}`,
    );
    expect(count(previewRequests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);

    command("pulumi up --yes");
    const [up, upRequests] = await during(emulator, () => main.up(program));
    console.log(formatUpdate(up, STACK, "Updating", recordOf));
    printRequests("up", upRequests);
    expect(
      count(upRequests, WITHDRAW) === leavers.length,
      `up should call ${WITHDRAW} ${leavers.length} times, called it ${count(upRequests, WITHDRAW)} times`,
    );
    console.log("");
    for (const user of leavers) {
      const groups = groupsOf(emulator, user.userId);
      console.log(`${describe(user)} is now ${membership(groups)}`);
      expect(groups.length === 0, `after up, ${user.accountName} is still ${membership(groups)}`);
    }

    command("pulumi up --yes");
    const [again, againRequests] = await during(emulator, () => main.up(program));
    console.log(formatUpdate(again, STACK));
    printRequests("the second up", againRequests);
    const changed = again.steps.filter((s) => s.op !== "same");
    expect(changed.length === 0, `the second up changed ${changed.map((s) => `${s.name} (${s.op})`).join()}`);
    expect(againRequests.length === 0, `the second up made ${againRequests.length} Quick BI requests`);
    console.log(`\nNo changes: no Quick BI request at all.`);

    // A pull request is the main branch's state with the branch's people.yaml.
    const pullRequest = (number: number, added: readonly User[]) => {
      const entries = added.map(
        (u) =>
          `  - account: ${u.accountName}\n    reason: Left the company\n    ticket: HR-${2100 + number}\n`,
      );
      // The branch's checkout of people.yaml.
      const file = join(prDir, `pr-${number}`, "people.yaml");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${peopleText.trimEnd()}\n${entries.join("")}`);
      const shown = entries.slice(0, 2).flatMap((e) => e.trimEnd().split("\n"));
      const more = entries.length > 2 ? [`  (and ${entries.length - 2} more entries like these)`] : [];
      console.log(["", "The change to people.yaml:", ...shown.map((l) => `  +${l}`), ...more].join("\n"));
      const engine = new MiniEngine({
        ...options,
        stackConfig: { ...stackConfig, [`${project.name}:peopleFile`]: file },
        state: main.exportState(),
      });
      return () => engine.preview(program);
    };
    const newcomers = users.filter((u) => !u.adminUser && !leavers.includes(u));

    heading("pull request #2: one more leaver");
    const joiner = newcomers[0]!;
    const previewOne = pullRequest(2, [joiner]);
    command("pulumi preview --diff");
    const [onePlan, oneRequests] = await during(emulator, previewOne);
    console.log(formatPlan(onePlan, STACK, impactOf));
    printRequests("preview", oneRequests);
    const creates = onePlan.steps.filter((s) => s.type === REVOCATION && s.op === "create");
    expect(
      creates.length === 1 && creates[0]?.name === `leavers-account-${joiner.accountName}`,
      `the pull request should plan one create, planned: ${ops(onePlan.steps).join(", ")}`,
    );
    expect(
      onePlan.steps.filter((s) => s.type === REVOCATION && s.op === "same").length === leavers.length,
      "the people already offboarded should be unchanged",
    );
    expect(count(oneRequests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);
    console.log(
      `\nExactly one new revocation; the ${leavers.length} people already offboarded are unchanged.`,
    );

    heading("pull request #3: a pasted list of 12 leavers");
    const previewTwelve = pullRequest(3, newcomers.slice(1, 13));
    command("pulumi preview --diff");
    const [refusal, twelveRequests] = await during(emulator, () =>
      previewTwelve().then(
        () => undefined,
        (error: EngineError<Plan>) => error,
      ),
    );
    expect(refusal !== undefined, "the removal guard let 12 new people through");
    console.log(`error: ${refusal.message}`);
    printRequests("preview", twelveRequests);
    expect(
      /would offboard 12 people/.test(refusal.message),
      `the preview failed otherwise: ${refusal.message}`,
    );
    expect(
      twelveRequests.length === 0,
      `the refused preview made ${twelveRequests.length} Quick BI requests`,
    );
    console.log(
      [
        "",
        "The removal guard refused at preview: no revocation was checked (they all depend on the guard),",
        "nobody was looked up or withdrawn, and the pull request's check fails. If the 12 are intended, the",
        "same pull request sets quickbi:maxRemovalsPerUpdate to 12 in Pulumi.prod.yaml, for reviewers to see.",
      ].join("\n"),
    );
  } finally {
    rmSync(prDir, { recursive: true, force: true });
    await emulator.stop();
  }
}

/** Under each revocation, who leaves which groups (the impact `check` computed), and the ticket. */
function impactOf(step: PlannedStep): string[] {
  const inputs = step.checkedInputs ?? {};
  if (step.type === GUARD) {
    return step.op === "same"
      ? []
      : [`people on the list: ${(inputs.people as unknown[] | undefined)?.length ?? 0}`];
  }
  if (step.op !== "create") return [];
  const impact = inputs.impact as { summary?: string } | undefined;
  return [impact?.summary ?? "impact unknown", `ticket ${String(inputs.ticket)}: ${String(inputs.reason)}`];
}

/** Under each revocation, its audit record. */
function recordOf(step: AppliedStep): string[] {
  if (step.type !== REVOCATION || step.op === "same" || !step.outputs) return [];
  const { outcome, groupsRemoved, requestId } = step.outputs as {
    outcome: string;
    groupsRemoved: { name: string }[];
    requestId: string;
  };
  return [
    `${outcome}: left ${groupsRemoved.map((g) => g.name).join(", ") || "no group"}, RequestId ${requestId}`,
  ];
}

function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

function describe(user: User): string {
  return `${user.accountName} (${user.nickName})`;
}

function ops(steps: readonly PlannedStep[]): string[] {
  return steps.map((s) => `${s.op} ${s.type}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
