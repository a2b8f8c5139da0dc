// `npm start` (or `npm start -- offboard-one`): the offboard-one example stack's whole lifecycle with the
// real Pulumi CLI against the embedded Quick BI emulator: preview, up, up again, refresh, a restore and
// offboarding again (restore-alice.ts), destroy. Its program offboards alice to zero access: groups,
// workspaces, organisation admin role, account.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import type { QuickBIStepsRecord } from "../../provider";
import { LocalStack, type StateResource } from "../../harness/local-stack";
import type { PulumiCli } from "../../harness/pulumi-cli";
import { restoreAlice } from "./restore-alice";
import { changes, count, expect, groupsOf, membership, pulumi, WITHDRAW } from "./session";

const ROOT = resolve(__dirname, "..", "..");
const SEED = "examples/offboard-one/seed.yaml";
const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";

export async function offboardOne(cli: PulumiCli): Promise<void> {
  const project = parseYaml(readFileSync(resolve(ROOT, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main: string;
  };
  // A fixed randomSeed makes the emulator's RequestIds the same on every run.
  const emulator = await startEmulator({ seed: resolve(ROOT, SEED), randomSeed: 1 });
  let local: LocalStack | undefined;
  try {
    const alice = emulator.state().users.find((u) => u.accountName === "alice");
    expect(alice !== undefined, `the seed ${SEED} has no user with accountName alice`);
    const groupsOfAlice = () => groupsOf(emulator, alice.userId);
    const accessOfAlice = () => accessOf(emulator, alice.userId);
    console.log(
      [
        `Quick BI emulator at ${emulator.url}, seeded from ${SEED}`,
        `alice (${alice.nickName}, UserId ${alice.userId}) is ${membership(groupsOfAlice())}; ${accessOfAlice()}`,
        "",
        `Stack ${project.name}/dev (program ${project.main}), local file backend and passphrase secrets in a temporary directory:`,
        `$ pulumi config set quickbi:endpoint ${emulator.url}`,
        `$ pulumi config set alicloud:accessKey ${emulator.accessKeyId}`,
        `$ pulumi config set --secret alicloud:secretKey '<the emulator's test secret>'`,
      ].join("\n"),
    );
    // The repository root is the Pulumi project: its node_modules/pulumi-quickbi-offboarding links
    // back to the repository, so the program and the provider host load dist/.
    local = await LocalStack.open({
      cli,
      project: project.name,
      projectDir: ROOT,
      main: resolve(ROOT, project.main),
      config: {
        "quickbi:endpoint": emulator.url,
        "alicloud:accessKey": emulator.accessKeyId,
        "alicloud:secretKey": { secret: emulator.accessKeySecret },
      },
    });
    const groupsBefore = groupsOfAlice();
    expect(groupsBefore.length > 0, "alice starts in no group; the seed is not the example's");

    const preview = await pulumi(local, emulator, "preview --diff");
    expect(!preview.error, `preview failed: ${preview.error?.message}`);
    const planned = changes(preview.steps);
    expect(
      planned.length === 1 && planned[0]?.op === "create" && planned[0].type === REVOCATION,
      `preview should plan one create, planned: ${planned.map((s) => `${s.op} ${s.type}`).join(", ") || "nothing"}`,
    );
    const impact = planned[0].inputs.impact as { summary?: string } | undefined;
    expect(
      impact?.summary?.startsWith("alice (Alice Wang) will leave") === true,
      `the preview's impact is ${JSON.stringify(impact)}`,
    );
    expect(count(preview.requests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);
    expect(groupsOfAlice().length === groupsBefore.length, "alice lost groups during preview");

    const up = await pulumi(local, emulator, "up --yes");
    expect(!up.error, `up failed: ${up.error?.message}`);
    const withdrawals = up.requests.filter((r) => r.action === WITHDRAW);
    expect(
      withdrawals.length === 1,
      `up should call ${WITHDRAW} once, called it ${withdrawals.length} times`,
    );
    expect(withdrawals[0]?.status === 200, `${WITHDRAW} answered HTTP ${withdrawals[0]?.status}`);
    const record = (await revocations(local))[0]?.outputs ?? {};
    expect(
      record.requestId === withdrawals[0]?.requestId,
      `the state's requestId ${JSON.stringify(record.requestId)} is not the RequestId ${withdrawals[0]?.requestId} of the ${WITHDRAW} call`,
    );
    console.log(`\nThe state's requestId (pulumi stack export) is the RequestId of the ${WITHDRAW} call.`);
    console.log(`alice is now ${membership(groupsOfAlice())}; ${accessOfAlice()}`);
    expect(groupsOfAlice().length === 0, `after up, alice is still ${membership(groupsOfAlice())}`);
    expect(accessOfAlice() === NO_ACCESS, `after up, alice: ${accessOfAlice()}`);
    // Each step's record holds the RequestIds of the writes the emulator answered for it.
    const steps = record.steps as QuickBIStepsRecord | undefined;
    const writes = up.requests
      .filter((r) => WRITES.includes(r.action) && r.status === 200)
      .map((r) => r.requestId);
    const recorded = [
      record.requestId,
      ...(steps?.workspaces?.removed.map((w) => w.requestId) ?? []),
      steps?.organizationRoles?.requestId,
      steps?.account?.requestId,
    ];
    expect(
      JSON.stringify(recorded) === JSON.stringify(writes),
      `the record's RequestIds ${JSON.stringify(recorded)} are not those of the writes ${JSON.stringify(writes)}`,
    );
    console.log("Every write's RequestId is in the record: groups, each workspace, the roles, the account.");

    const again = await pulumi(local, emulator, "up --yes");
    expect(!again.error, `the second up failed: ${again.error?.message}`);
    const changed = changes(again.steps);
    expect(changed.length === 0, `the second up changed ${changed.map((s) => `${s.name} (${s.op})`).join()}`);
    expect(again.requests.length === 0, `the second up made ${again.requests.length} Quick BI requests`);
    console.log(`\nNo changes, and no Quick BI request at all.`);

    const refresh = await pulumi(local, emulator, "refresh --yes");
    expect(!refresh.error, `refresh failed: ${refresh.error?.message}`);
    expect((await revocations(local)).length === 1, "refresh dropped the revocation from the state");
    expect(count(refresh.requests, WITHDRAW) === 0, `refresh called ${WITHDRAW}`);

    await restoreAlice(local, emulator, alice.userId);

    const destroy = await pulumi(local, emulator, "destroy --yes");
    expect(!destroy.error, `destroy failed: ${destroy.error?.message}`);
    expect((await revocations(local)).length === 0, "destroy left the revocation in the state");
    expect(destroy.requests.length === 0, `destroy made ${destroy.requests.length} Quick BI request(s)`);
    console.log(
      `\nThe revocation is gone from the state, and alice's groups are NOT restored: she is still ${membership(groupsOfAlice())}; ${accessOfAlice()}.`,
    );
    console.log(
      "delete makes no Quick BI call: destroying the resource, or removing it, never gives anything back.",
    );
    expect(groupsOfAlice().length === 0, "destroy gave alice groups back");
    expect(accessOfAlice() === NO_ACCESS, "destroy gave alice access back");
  } finally {
    await local?.close();
    await emulator.stop();
  }
}

/** The writes of an offboarding to zero access, in the order it makes them. */
const WRITES = [WITHDRAW, "DeleteUserFromWorkspace", "UpdateUser"];
const NO_ACCESS = "in no workspace, no organisation admin, the account deactivated";

/** alice's access beyond the groups, in the words the session prints. */
function accessOf(emulator: QuickBIEmulator, userId: string): string {
  const state = emulator.state();
  const workspaces = state.workspaceMembers
    .filter((m) => m.userId === userId)
    .map(
      (m) => state.workspaces.find((w) => w.workspaceId === m.workspaceId)?.workspaceName ?? m.workspaceId,
    );
  const user = state.users.find((u) => u.userId === userId);
  return [
    workspaces.length === 0
      ? "in no workspace"
      : `in ${workspaces.length} workspace${workspaces.length === 1 ? "" : "s"}: ${workspaces.join(", ")}`,
    user?.adminUser ? "an organisation admin" : "no organisation admin",
    user?.isDeleted ? "the account deactivated" : "the account active",
  ].join(", ");
}

function revocations(local: LocalStack): Promise<StateResource[]> {
  return local.resources(REVOCATION);
}
