// `npm start -- gitops`: the gitops example as its CI would run it, with the real Pulumi CLI against the
// embedded Quick BI emulator: the preview of the list on main, the up of the merge, an up with no
// changes, then the previews of two pull requests: one adding a person (one create), one adding 12
// (the removal guard refuses).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { startEmulator, type User } from "../../emulator";
import { LocalStack } from "../../harness/local-stack";
import type { PulumiCli } from "../../harness/pulumi-cli";
import {
  changes,
  count,
  expect,
  groupsOf,
  heading,
  membership,
  pulumi,
  WITHDRAW,
  type Step,
} from "./session";

const ROOT = resolve(__dirname, "..", "..");
const EXAMPLE = resolve(ROOT, "examples", "gitops");
const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";
const COMPONENT = "pulumi-quickbi-offboarding:index:QuickBIOffboarding";

export async function gitops(cli: PulumiCli): Promise<void> {
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
  let local: LocalStack | undefined;
  try {
    const users = emulator.state().users;
    const leavers = listed.map((entry) => {
      const user = users.find((u) => u.userId === entry.userId || u.accountName === entry.account);
      expect(user !== undefined, `people.yaml lists ${JSON.stringify(entry)}, who is not in the seed`);
      return user;
    });
    console.log(
      [
        `Quick BI emulator at ${emulator.url}, seeded from examples/gitops/seed.yaml (${users.length} people)`,
        `people.yaml on main lists ${leavers.length} leavers:`,
        ...leavers.map((u) => `  ${describe(u)} is ${membership(groupsOf(emulator, u.userId))}`),
        "",
        `Stack ${project.name}/dev (program examples/gitops/${project.main}), local file backend and passphrase secrets`,
        "in a temporary directory, with the config of Pulumi.prod.yaml plus (CI gets STS credentials via OIDC instead):",
        `$ pulumi config set quickbi:endpoint ${emulator.url}`,
        `$ pulumi config set alicloud:accessKey ${emulator.accessKeyId}`,
        `$ pulumi config set --secret alicloud:secretKey '<the emulator's test secret>'`,
      ].join("\n"),
    );
    // The program and the provider host resolve the package from the repository's node_modules, as a
    // GitOps repository's own `npm ci` would provide it beside its Pulumi.yaml.
    local = await LocalStack.open({
      cli,
      project: project.name,
      projectDir: ROOT,
      main: join(EXAMPLE, project.main),
      config: {
        ...prod.config,
        "quickbi:endpoint": emulator.url,
        "alicloud:accessKey": emulator.accessKeyId,
        "alicloud:secretKey": { secret: emulator.accessKeySecret },
      },
    });
    const stack = local;

    heading("main: the list as merged");
    const preview = await pulumi(stack, emulator, "preview --diff");
    expect(!preview.error, `preview failed: ${preview.error?.message}`);
    expect(
      sameSet(ops(changes(preview.steps)), [
        `create ${COMPONENT}`,
        `create ${GUARD}`,
        ...leavers.map(() => `create ${REVOCATION}`),
      ]),
      `preview should plan the component, the guard and ${leavers.length} revocations, planned: ${ops(preview.steps).join(", ")}`,
    );
    expect(count(preview.requests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);

    const up = await pulumi(stack, emulator, "up --yes");
    expect(!up.error, `up failed: ${up.error?.message}`);
    expect(
      count(up.requests, WITHDRAW) === leavers.length,
      `up should call ${WITHDRAW} ${leavers.length} times, called it ${count(up.requests, WITHDRAW)} times`,
    );
    console.log("");
    for (const user of leavers) {
      const groups = groupsOf(emulator, user.userId);
      console.log(`${describe(user)} is now ${membership(groups)}`);
      expect(groups.length === 0, `after up, ${user.accountName} is still ${membership(groups)}`);
    }

    const again = await pulumi(stack, emulator, "up --yes");
    expect(!again.error, `the second up failed: ${again.error?.message}`);
    const changed = changes(again.steps);
    expect(changed.length === 0, `the second up changed ${changed.map((s) => `${s.name} (${s.op})`).join()}`);
    expect(again.requests.length === 0, `the second up made ${again.requests.length} Quick BI requests`);
    console.log(`\nNo changes, and no Quick BI request at all.`);

    // A pull request's job previews main's state with the branch's people.yaml.
    const previewPullRequest = async (number: number, added: readonly User[]) => {
      const entries = added.map(
        (u) =>
          `  - account: ${u.accountName}\n    reason: Left the company\n    ticket: HR-${2100 + number}\n`,
      );
      const file = join(prDir, `pr-${number}`, "people.yaml");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${peopleText.trimEnd()}\n${entries.join("")}`);
      const shown = entries.slice(0, 2).flatMap((e) => e.trimEnd().split("\n"));
      const more = entries.length > 2 ? [`  (and ${entries.length - 2} more entries like these)`] : [];
      console.log(["", "The change to people.yaml:", ...shown.map((l) => `  +${l}`), ...more].join("\n"));
      // The example's program reads its list from this key when set (the branch's checkout). The
      // preview runs in that checkout, as the pull request's job does, so the list is named by its
      // path there (`people.yaml:28`), not by where this session keeps it.
      await stack.setConfig({ [`${project.name}:peopleFile`]: file });
      const cwd = process.cwd();
      process.chdir(dirname(file));
      try {
        return await pulumi(stack, emulator, "preview --diff");
      } finally {
        process.chdir(cwd);
        await stack.stack.removeConfig(`${project.name}:peopleFile`);
      }
    };
    const newcomers = users.filter((u) => !u.adminUser && !leavers.includes(u));

    heading("pull request #2: one more leaver");
    const joiner = newcomers[0]!;
    const one = await previewPullRequest(2, [joiner]);
    expect(!one.error, `the pull request's preview failed: ${one.error?.message}`);
    const creates = one.steps.filter((s) => s.type === REVOCATION && s.op === "create");
    expect(
      creates.length === 1 && creates[0]?.name === `leavers-account-${joiner.accountName}`,
      `the pull request should plan one create, planned: ${ops(changes(one.steps)).join(", ")}`,
    );
    expect(
      one.steps.filter((s) => s.type === REVOCATION && s.op === "same").length === leavers.length,
      "the people already offboarded should be unchanged",
    );
    expect(count(one.requests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);
    console.log(
      `\nExactly one new revocation; the ${leavers.length} people already offboarded are unchanged.`,
    );

    heading("pull request #3: a pasted list of 12 leavers");
    const twelve = await previewPullRequest(3, newcomers.slice(1, 13));
    expect(twelve.error !== undefined, "the removal guard let 12 new people through");
    expect(
      /would offboard 12 people/.test(twelve.error.message),
      `the preview failed otherwise: ${twelve.error.message}`,
    );
    expect(
      twelve.requests.length === 0,
      `the refused preview made ${twelve.requests.length} Quick BI requests`,
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
    await local?.close();
    rmSync(prDir, { recursive: true, force: true });
    await emulator.stop();
  }
}

function describe(user: User): string {
  return `${user.accountName} (${user.nickName})`;
}

function ops(steps: readonly Step[]): string[] {
  return steps.map((s) => `${s.op} ${s.type}`);
}

/** The same steps, in any order: the engine runs independent steps in parallel. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sorted = (list: readonly string[]) => [...list].sort().join("\n");
  return sorted(a) === sorted(b);
}
