// The fault-injection soak of restores: everyone is offboarded to zero access without faults, one
// shared group is deleted, then each person's restore runs through the real dynamic-provider host under
// its own randomized fault schedule. A restore that fails keeps its partial record, and a second `up`
// without faults must finish it. The verdict on each comes from the emulator's state and request log:
// a write recorded as done must be real and visible (no false done), and anything given back must be in
// the record (none lost).
import type { PropertyMap, ProviderCallError } from "../../harness/provider-host";
import { startProviderHost, urnFor } from "../../harness/provider-host";
import { makeHostProject } from "../../harness/host-project";
import type { EmulatorState, FaultRule, QuickBIEmulator } from "../../emulator";
import { seededRandom } from "../../emulator/random";
import type { RestoreRecord } from "../../provider/revocation/restore/record";
import { CANARY_ENV, canariesIn } from "../support/canaries";
import { emulatorStackConfig, startCanaryEmulator } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";
import { faultSchedule, soakSeed, soakUserId } from "./soak";

/** The actions a restore makes, for the fault schedules and for failures to name. */
export const RESTORE_ACTIONS = [
  "AddUserGroupMembers",
  "AddUserToWorkspace",
  "UpdateUser",
  "ListByUserGroupId",
  "QueryOrganizationWorkspaceList",
  "ListUserGroupsByUserId",
  "ListWorkspaceUserRolesByUserId",
  "QueryUserInfoByUserId",
] as const;

const SCOPE = ["groups", "workspaces", "organizationRoles", "account"];
const RESTORE = { ticket: "SOAK-1", reason: "offboarded by mistake" };
/** Deleted after the offboarding: everyone who was in it has one group that cannot be put back. */
const DELETED_GROUP = "soak-group-4";

export type RestoreVerdict =
  /** Restored and recorded truthfully on the first `up`. */
  | "done"
  /** Failed with a partial record that was truthful, and the next `up` (no faults) finished it. */
  | "finished on the next up"
  /** The preview refused it (no write was made). */
  | "refused at preview"
  /** The record says something was given back that Quick BI does not show, or calls a restore done that is not. */
  | "false done"
  /** Quick BI gave back something the record does not say. */
  | "record lost"
  /** Neither done nor a truthful partial record, or the next `up` did not finish it. */
  | "lost"
  | "hang";

export interface RestoreSoakResult {
  readonly people: number;
  readonly verdicts: Readonly<Record<RestoreVerdict, number>>;
  /** How many restores named the deleted group as not restored. */
  readonly namedDeletedGroup: number;
  /** How many people the offboarding had taken out of that group. */
  readonly inDeletedGroup: number;
  readonly faultsFired: Readonly<Record<string, number>>;
  readonly canarySightings: number;
  readonly examples: Readonly<Record<string, string[]>>;
}

/** What one person holds in Quick BI, by id. */
interface Access {
  readonly groups: readonly string[];
  readonly workspaces: readonly string[];
  readonly admin: boolean;
  readonly active: boolean;
}

export async function runRestoreSoak(options: {
  readonly people: number;
  readonly seed: number;
  readonly parallel?: number;
}): Promise<RestoreSoakResult> {
  const parallel = options.parallel ?? 8;
  const random = seededRandom(options.seed);
  const users = Array.from({ length: options.people }, (_, i) => soakUserId(i));
  const emulator = await startCanaryEmulator({
    seed: soakSeed(users, random, true),
    randomSeed: options.seed,
  });
  const project = await makeHostProject();
  const host = await startProviderHost({
    cwd: project.dir,
    pulumiDir: project.pulumiDir,
    project: project.name,
    env: CANARY_ENV,
    callTimeoutMs: 60_000,
  });
  const provider = await revocationProviderText();
  const verdicts = Object.fromEntries(
    (
      [
        "done",
        "finished on the next up",
        "refused at preview",
        "false done",
        "record lost",
        "lost",
        "hang",
      ] as const
    ).map((v) => [v, 0]),
  ) as Record<RestoreVerdict, number>;
  const examples: Record<string, string[]> = {};
  let namedDeletedGroup = 0;
  const inDeletedGroup = new Set<string>();
  let canarySightings = 0;
  const note = (verdict: RestoreVerdict, userId: string, why: string) => {
    verdicts[verdict]++;
    if (verdict !== "done" && verdict !== "finished on the next up")
      (examples[verdict] ??= []).push(`${userId}: ${why}`);
  };
  try {
    await host.configure({
      ...emulatorStackConfig(emulator),
      "quickbi:readTimeout": "250",
      "quickbi:qps": "1000",
      "quickbi:concurrency": "16",
      "quickbi:strictPreview": "false",
    });
    const inputs = (userId: string): PropertyMap => ({ userId, __provider: provider, scope: [...SCOPE] });
    // Offboarded without faults: the record every restore starts from (a workspace owner's is partial).
    const offboarded = new Map<string, { inputs: PropertyMap; state: PropertyMap }>();
    await inParallel(users, parallel, async (userId) => {
      const urn = urnFor(REVOCATION_TYPE, `soak-${userId}`);
      const checked = await host.check(urn, {}, inputs(userId));
      try {
        offboarded.set(userId, {
          inputs: checked.inputs,
          state: (await host.create(urn, checked.inputs)).properties,
        });
      } catch (error) {
        const partial = (error as ProviderCallError).initFailed?.properties;
        if (partial) offboarded.set(userId, { inputs: checked.inputs, state: partial });
      }
    });
    const before = new Map(users.map((u) => [u, accessOf(emulator.state(), u)]));
    for (const [userId, { state }] of offboarded)
      if ((state.groupsRemoved as { id: string }[] | undefined)?.some((g) => g.id === DELETED_GROUP))
        inDeletedGroup.add(userId);
    emulator.deleteGroup(DELETED_GROUP);
    const schedules = new Map<string, FaultRule[]>(
      users.map((u) => [u, faultSchedule(u, 250, random, RESTORE_ACTIONS)]),
    );
    emulator.setFaults({ rules: [...schedules.values()].flat() });

    const restoring = { ...RESTORE };
    const partials = new Map<string, PropertyMap>();
    await inParallel(users, parallel, async (userId) => {
      const urn = urnFor(REVOCATION_TYPE, `soak-${userId}`);
      const { inputs: oldInputs, state } = offboarded.get(userId)!;
      try {
        const checked = await host.check(urn, oldInputs, { ...inputs(userId), restore: restoring });
        if (checked.failures.length > 0)
          return note("refused at preview", userId, checked.failures.map((f) => f.reason).join("; "));
        const { properties } = await host.update(userId, urn, state, checked.inputs, oldInputs);
        const problem = judge(emulator, userId, before.get(userId)!, properties, true);
        canarySightings += canariesIn(JSON.stringify(properties)).length;
        if (problem) return note(problem.verdict, userId, problem.why);
        if (named(properties)) namedDeletedGroup++;
        return note("done", userId, "");
      } catch (error) {
        const failure = error as ProviderCallError;
        canarySightings += canariesIn(failure.message).length;
        if (failure.code === 4) return note("hang", userId, failure.message);
        const partial = failure.initFailed?.properties;
        if (!partial) return note("lost", userId, `failed with no record: ${failure.message}`);
        const problem = judge(emulator, userId, before.get(userId)!, partial, false);
        if (problem) return note(problem.verdict, userId, `partial: ${problem.why}`);
        partials.set(userId, partial);
      }
    });
    // The next `up`, the faults gone: each partial record is finished.
    emulator.setFaults({});
    await inParallel([...partials.keys()], parallel, async (userId) => {
      const urn = urnFor(REVOCATION_TYPE, `soak-${userId}`);
      const { inputs: oldInputs } = offboarded.get(userId)!;
      try {
        const checked = await host.check(urn, oldInputs, { ...inputs(userId), restore: restoring });
        const { properties } = await host.update(
          userId,
          urn,
          partials.get(userId)!,
          checked.inputs,
          oldInputs,
        );
        const problem = judge(emulator, userId, before.get(userId)!, properties, true);
        if (problem) return note(problem.verdict, userId, `finished: ${problem.why}`);
        if (named(properties)) namedDeletedGroup++;
        return note("finished on the next up", userId, "");
      } catch (error) {
        return note("lost", userId, `the next up did not finish: ${(error as Error).message}`);
      }
    });
  } finally {
    await host.stop();
    await project.cleanup();
  }
  const faultsFired: Record<string, number> = {};
  for (const r of emulator.requests()) if (r.fault) faultsFired[r.fault] = (faultsFired[r.fault] ?? 0) + 1;
  await emulator.stop();
  return {
    people: users.length,
    verdicts,
    namedDeletedGroup,
    inDeletedGroup: inDeletedGroup.size,
    faultsFired,
    canarySightings,
    examples,
  };
}

/** Whether a record names the deleted group among what it could not put back. */
function named(state: PropertyMap): boolean {
  const record = (state.restores as RestoreRecord[] | undefined)?.at(-1);
  return record?.notRestored.some((n) => n.id === DELETED_GROUP) ?? false;
}

/**
 * The first problem of one person's restore record, or undefined when it is truthful: every write it
 * records is a real answered call and visible in Quick BI; everything given back since the offboarding
 * is recorded and the restore is done (for a finished one; a partial record is judged on its writes).
 */
function judge(
  emulator: QuickBIEmulator,
  userId: string,
  before: Access,
  state: PropertyMap,
  expectDone: boolean,
): { verdict: RestoreVerdict; why: string } | undefined {
  const record = (state.restores as RestoreRecord[] | undefined)?.at(-1);
  if (!record) return { verdict: "lost", why: "no restore record" };
  const log = emulator.requests();
  const now = accessOf(emulator.state(), userId);
  const answered = (requestId: string, action: string, codes: readonly string[] = []) =>
    log.some(
      (r) =>
        r.requestId === requestId &&
        r.action === action &&
        r.params.UserId === userId &&
        (r.status === 200
          ? r.fault !== "keepMembership" && r.fault !== "resultFalse"
          : codes.includes(r.code ?? "")),
    );
  for (const g of record.groups) {
    if (!now.groups.includes(g.id)) return { verdict: "false done", why: `${g.name} recorded, not a member` };
    if (!answered(g.requestId, "AddUserGroupMembers"))
      return { verdict: "false done", why: `${g.name}: ${g.requestId} is no successful AddUserGroupMembers` };
  }
  for (const w of record.workspaces) {
    if (!now.workspaces.includes(w.workspaceId))
      return { verdict: "false done", why: `${w.workspaceName} recorded, not a member` };
    if (!answered(w.requestId, "AddUserToWorkspace", ["User.AlreadyIn.Workspace"]))
      return {
        verdict: "false done",
        why: `${w.workspaceName}: ${w.requestId} is no AddUserToWorkspace answer`,
      };
  }
  if (record.organizationRoles && !now.admin)
    return { verdict: "false done", why: "roles recorded, not admin" };
  if (record.account && !now.active)
    return { verdict: "false done", why: "reactivation recorded, still deactivated" };
  // A partial record may lack a write whose answer was lost (it says the call failed); the finishing
  // `up` meets it as User.AlreadyIn.Workspace or an idempotent add and records it then.
  if (!expectDone) return undefined;
  const gained = {
    groups: now.groups.filter((g) => !before.groups.includes(g) && !record.groups.some((r) => r.id === g)),
    workspaces: now.workspaces.filter(
      (w) => !before.workspaces.includes(w) && !record.workspaces.some((r) => r.workspaceId === w),
    ),
  };
  if (gained.groups.length > 0 || gained.workspaces.length > 0)
    return {
      verdict: "record lost",
      why: `given back, not recorded: ${[...gained.groups, ...gained.workspaces].join(", ")}`,
    };
  if (now.admin && !before.admin && !record.organizationRoles)
    return { verdict: "record lost", why: "admin again, not recorded" };
  if (now.active && !before.active && !record.account)
    return { verdict: "record lost", why: "reactivated, not recorded" };
  if (record.status !== "done") return { verdict: "lost", why: `status ${record.status}: ${record.error}` };
  return undefined;
}

function accessOf(state: EmulatorState, userId: string): Access {
  const user = state.users.find((u) => u.userId === userId);
  return {
    groups: state.memberships.filter((m) => m.userId === userId).map((m) => m.usergroupId),
    workspaces: state.workspaceMembers.filter((m) => m.userId === userId).map((m) => m.workspaceId),
    admin: user?.adminUser === true,
    active: user?.isDeleted !== true,
  };
}

async function inParallel<T>(
  items: readonly T[],
  parallel: number,
  run: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
