// The fault-injection soak: many revocations through the real dynamic-provider host, each under its
// own randomized fault schedule, then a verdict on every one from the emulator's state and log.
// Used by soak.test.ts (a fixed seed, ~150 revocations) and by `npm run bench -- --full` (1,000+).
import type { ProviderCallError } from "../../harness/provider-host";
import { startProviderHost, urnFor } from "../../harness/provider-host";
import { makeHostProject } from "../../harness/host-project";
import type { FaultKind, FaultRule, Seed } from "../../emulator";
import { seededRandom, type Random } from "../../emulator/random";
import { CANARY_ENV, canariesIn } from "../support/canaries";
import { emulatorStackConfig, startCanaryEmulator } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";
import { ACTIONS, judge, type Outcome, type SoakResult } from "./soak-verdicts";
import { STEP_ACTIONS, type SeededAccess } from "./soak-steps";

export type { SoakResult, Verdict } from "./soak-verdicts";

/** Options of {@link runSoak}. */
export interface SoakOptions {
  readonly revocations: number;
  /** Seeds the fault schedules, the memberships and the emulator's generator. */
  readonly seed: number;
  /** Revocations in flight at once, as `pulumi up --parallel`. @default 8 */
  readonly parallel?: number;
  /** quickbi:readTimeout, short so that `hang` costs little. @default 250 */
  readonly readTimeoutMs?: number;
  /**
   * The bound on each Check and Create: a call still running after it is counted as a hang. Well above
   * the worst case of the retry budget (5 attempts per read, 5 withdrawals and 5 verifying lists in all,
   * each attempt at most readTimeout plus a 5 ms backoff). @default 60000
   */
  readonly callTimeoutMs?: number;
  /**
   * The revocations' scope. Beyond the groups, everyone is also seeded into one or two workspaces,
   * half of them as organisation admins, and one in ten owns a workspace of their own (which Quick BI
   * will not let them leave). @default - the groups alone
   */
  readonly scope?: readonly string[];
  /** Called after each revocation settles, with how many have. */
  readonly onProgress?: (settled: number) => void;
}

// Weighted: the faults a real gateway throws most often come up most often.
const FAULTS: readonly FaultKind[] = [
  "throttle",
  "throttle",
  "unavailable",
  "html502",
  "html503",
  "reset",
  "hang",
  "internal",
  "resultFalse",
  "keepMembership",
  "keepMembership",
  "forbidden",
  "latency",
];
const GROUPS = ["Company", "Finance", "Sales", "Engineering", "Support"].map((name, i) => ({
  usergroupId: `soak-group-${i}`,
  usergroupName: name,
  parentUsergroupId: "-1",
}));

/** Runs the soak against a fresh emulator and one provider host (one `pulumi up`). */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const parallel = options.parallel ?? 8;
  const readTimeoutMs = options.readTimeoutMs ?? 250;
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  const random = seededRandom(options.seed);
  const users = Array.from({ length: options.revocations }, (_, i) => soakUserId(i));
  const scoped = options.scope !== undefined && options.scope.length > 1;
  const seed = soakSeed(users, random, scoped);
  const emulator = await startCanaryEmulator({ seed, randomSeed: options.seed });
  const actions = scoped ? [...ACTIONS, ...STEP_ACTIONS] : ACTIONS;
  const schedules = new Map(
    users.map((userId) => [userId, faultSchedule(userId, readTimeoutMs, random, actions)]),
  );
  emulator.setFaults({ rules: [...schedules.values()].flat() });

  const project = await makeHostProject();
  const host = await startProviderHost({
    cwd: project.dir,
    pulumiDir: project.pulumiDir,
    project: project.name,
    env: CANARY_ENV,
    callTimeoutMs,
  });
  const provider = await revocationProviderText();
  const outcomes = new Map<string, Outcome>();
  const started = process.hrtime.bigint();
  try {
    await host.configure({
      ...emulatorStackConfig(emulator),
      "quickbi:readTimeout": String(readTimeoutMs),
      "quickbi:qps": "1000",
      "quickbi:concurrency": "16",
      // The soak is about the withdrawal under faults: a faulted lookup at check must leave the looking
      // to create, as with strict previews off. What a strict preview does with one is tested apart
      // (tests/provider/strict-preview.test.ts).
      "quickbi:strictPreview": "false",
    });
    let next = 0;
    let settled = 0;
    const worker = async () => {
      while (next < users.length) {
        const userId = users[next++]!;
        outcomes.set(userId, await revoke(host, provider, userId, options.scope));
        options.onProgress?.(++settled);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    await host.stop();
    await project.cleanup();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const seeded = scoped ? seededAccess(seed) : undefined;
  const result = judge(
    emulator,
    users,
    outcomes,
    schedules,
    seconds,
    canariesIn(host.output()).length,
    seeded,
  );
  await emulator.stop();
  return result;
}

async function revoke(
  host: Awaited<ReturnType<typeof startProviderHost>>,
  provider: string,
  userId: string,
  scope: readonly string[] | undefined,
): Promise<Outcome> {
  const urn = urnFor(REVOCATION_TYPE, `soak-${userId}`);
  let step: "check" | "create" = "check";
  try {
    const inputs = { userId, __provider: provider, ...(scope ? { scope: [...scope] } : {}) };
    const checked = await host.check(urn, {}, inputs);
    if (checked.failures.length > 0) {
      return {
        kind: "check failures",
        reasons: checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "),
      };
    }
    step = "create";
    const created = await host.create(urn, checked.inputs);
    return { kind: "created", outputs: created.properties };
  } catch (error) {
    return { kind: "rejected", error: error as ProviderCallError, step };
  }
}

/** A UserId of Quick BI's form (32 hex characters), distinct per index. */
export function soakUserId(index: number): string {
  return `50ac${index.toString(16).padStart(28, "0")}`;
}

/** The workspaces everyone may be in, owned by someone who is not offboarded. */
const WORKSPACES = ["Sales BI", "Finance", "Marketing"].map((name, i) => ({
  workspaceId: `soak-ws-${i}`,
  workspaceName: name,
  owner: "50ac-owner",
}));
const OWNER = {
  userId: "50ac-owner",
  accountId: "4999999999999999",
  accountName: "owner",
  nickName: "Owner",
  userType: 1 as const,
};

/**
 * Every user in one to three groups; with a scope, also in one or two workspaces, every other user an
 * organisation admin, and every tenth the owner (and admin) of a workspace of their own.
 */
export function soakSeed(users: readonly string[], random: Random, scoped: boolean): Seed {
  const groupsOnly = soakGroupsSeed(users, random);
  if (!scoped) return groupsOnly;
  const own = users.filter((_, i) => i % 10 === 0);
  return {
    ...groupsOnly,
    users: [...groupsOnly.users.map((u, i) => ({ ...u, adminUser: i % 2 === 0 })), OWNER],
    workspaces: [
      ...WORKSPACES,
      ...own.map((userId) => ({
        workspaceId: `soak-own-${userId}`,
        workspaceName: `Own ${userId}`,
        owner: userId,
      })),
    ],
    workspaceMembers: [
      ...users.flatMap((userId) => {
        const start = Math.floor(random() * WORKSPACES.length);
        return Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => ({
          userId,
          workspaceId: WORKSPACES[(start + k) % WORKSPACES.length]!.workspaceId,
          roleId: ([26, 27, 30] as const)[k % 3]!,
        }));
      }),
      ...own.map((userId) => ({ userId, workspaceId: `soak-own-${userId}`, roleId: 25 as const })),
    ],
  };
}

/** What each person was seeded with, for the verdict on their steps. */
function seededAccess(seed: Seed): ReadonlyMap<string, SeededAccess> {
  return new Map(
    seed.users.map((u) => [
      u.userId,
      {
        workspaces: (seed.workspaceMembers ?? [])
          .filter((m) => m.userId === u.userId)
          .map((m) => m.workspaceId),
        admin: u.adminUser === true,
      },
    ]),
  );
}

function soakGroupsSeed(users: readonly string[], random: Random): Seed {
  return {
    users: users.map((userId, i) => ({
      userId,
      accountId: String(5_000_000_000_000 + i),
      accountName: `soak-user-${i}`,
      nickName: `Soak User ${i}`,
      userType: 1 as const,
    })),
    groups: GROUPS,
    memberships: users.flatMap((userId) => {
      const count = 1 + Math.floor(random() * 3);
      const start = Math.floor(random() * GROUPS.length);
      return Array.from({ length: count }, (_, k) => ({
        userId,
        usergroupId: GROUPS[(start + k) % GROUPS.length]!.usergroupId,
      }));
    }),
  };
}

/**
 * Zero to three fault rules for one user, tried in order: a random kind, on one action or all, firing
 * one to three times or (one rule in ten) on every matching request. `latency` is sometimes longer than
 * the read timeout: the operation is applied but its answer is lost, the way a slow gateway does it.
 */
export function faultSchedule(
  userId: string,
  readTimeoutMs: number,
  random: Random,
  actions: readonly string[],
): FaultRule[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const count = pick([0, 1, 1, 2, 2, 3]);
  return Array.from({ length: count }, () => {
    const fault = pick(FAULTS);
    const action = pick([undefined, ...actions]);
    const persistent = random() < 0.1;
    return {
      fault,
      userId,
      ...(action === undefined ? {} : { action }),
      ...(persistent ? {} : { times: 1 + Math.floor(random() * 3) }),
      ...(fault === "latency" ? { latencyMs: pick([20, 80, readTimeoutMs + 150]) } : {}),
    };
  });
}
