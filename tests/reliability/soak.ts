// The fault-injection soak: many revocations through the real dynamic-provider host, each under its
// own randomized fault schedule, then a verdict on every one from the emulator's state and log.
// Used by soak.test.ts (a fixed seed, ~150 revocations) and by `npm run bench -- --full` (1,000+).
import type { ProviderCallError } from "../../harness/provider-host";
import { startProviderHost, urnFor, type PropertyMap } from "../../harness/provider-host";
import { makeHostProject } from "../../harness/host-project";
import type { FaultKind, FaultRule, QuickBIEmulator, RequestLogEntry, Seed } from "../../emulator";
import { seededRandom, type Random } from "../../emulator/random";
import { CANARY_ENV, canariesIn } from "../support/canaries";
import { emulatorStackConfig, startCanaryEmulator } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";

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
   * the worst case of the retry budget (5 attempts per operation, 5 verify rounds, each attempt at most
   * readTimeout plus a 5 ms backoff). @default 60000
   */
  readonly callTimeoutMs?: number;
  /** Called after each revocation settles, with how many have. */
  readonly onProgress?: (settled: number) => void;
}

/** How one revocation ended. */
export type Verdict =
  /** Outputs record a withdrawal, the user is in no group and the RequestId is a real 200 withdrawal. */
  | "done"
  /** Create failed with a message naming the operation, the user and the code; nothing recorded. */
  | "failed clearly"
  /** Create failed, but the message lacks the operation, the user or the code. */
  | "failed unclearly"
  /** Create failed and the engine would record something (ErrorResourceInitFailed). */
  | "failed but recorded"
  /** Outputs say withdrawn, but memberships remain or the RequestId is not a successful withdrawal. */
  | "false done"
  /** Neither done nor failed (e.g. create returned outputs that record no withdrawal). */
  | "lost"
  /** Check or Create did not answer within callTimeoutMs. */
  | "hang";

/** The counts a soak prints; `falseDone`, `lost`, `hangs` and `unclear` should all be 0. */
export interface SoakResult {
  readonly revocations: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Of the clear failures: how many had in fact withdrawn the user (safe: a re-run records it). */
  readonly failedAfterWithdrawing: number;
  /** Quick BI code → count, of the clear failures. */
  readonly failureCodes: Readonly<Record<string, number>>;
  /** Fault kind → how many requests it answered. */
  readonly faultsFired: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly seconds: number;
  /** Outputs, errors and host output that held a canary credential (must be 0). */
  readonly canarySightings: number;
  /** Every revocation with a bad verdict, with why. */
  readonly examples: Readonly<Record<string, string[]>>;
}

const ACTIONS = ["WithdrawAllUserGroups", "ListUserGroupsByUserId", "QueryUserInfoByUserId"] as const;
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
  const emulator = await startCanaryEmulator({ seed: soakSeed(users, random), randomSeed: options.seed });
  const schedules = new Map(users.map((userId) => [userId, faultSchedule(userId, readTimeoutMs, random)]));
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
        outcomes.set(userId, await revoke(host, provider, userId));
        options.onProgress?.(++settled);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    await host.stop();
    await project.cleanup();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = judge(emulator, users, outcomes, schedules, seconds, canariesIn(host.output()).length);
  await emulator.stop();
  return result;
}

type Outcome =
  | { readonly kind: "created"; readonly outputs: PropertyMap }
  | { readonly kind: "rejected"; readonly error: ProviderCallError; readonly step: "check" | "create" }
  | { readonly kind: "check failures"; readonly reasons: string };

async function revoke(
  host: Awaited<ReturnType<typeof startProviderHost>>,
  provider: string,
  userId: string,
): Promise<Outcome> {
  const urn = urnFor(REVOCATION_TYPE, `soak-${userId}`);
  let step: "check" | "create" = "check";
  try {
    const checked = await host.check(urn, {}, { userId, __provider: provider });
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

const DEADLINE_EXCEEDED = 4;

function judge(
  emulator: QuickBIEmulator,
  users: readonly string[],
  outcomes: ReadonlyMap<string, Outcome>,
  schedules: ReadonlyMap<string, readonly FaultRule[]>,
  seconds: number,
  hostCanaries: number,
): SoakResult {
  const log = emulator.requests();
  const state = emulator.state();
  const stillIn = new Set(state.memberships.map((m) => m.userId));
  const withdrawals = new Map<string, RequestLogEntry>(
    log.filter((r) => r.action === "WithdrawAllUserGroups").map((r) => [r.requestId, r]),
  );
  const verdicts = Object.fromEntries(
    (
      [
        "done",
        "failed clearly",
        "failed unclearly",
        "failed but recorded",
        "false done",
        "lost",
        "hang",
      ] as const
    ).map((v) => [v, 0]),
  ) as Record<Verdict, number>;
  const failureCodes: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  let failedAfterWithdrawing = 0;
  let canarySightings = hostCanaries;
  const note = (verdict: Verdict, userId: string, why: string) => {
    verdicts[verdict]++;
    if (verdict === "done" || verdict === "failed clearly") return;
    // What happened to a suspicious revocation: its fault rules and every request about the user.
    const trail =
      verdict === "failed unclearly"
        ? ""
        : ` [rules ${JSON.stringify(schedules.get(userId)?.map(({ userId: _u, ...rule }) => rule))}; requests ${log
            .filter((r) => r.params.UserId === userId)
            .map((r) => `${r.action}:${r.status}${r.fault ? `/${r.fault}` : ""}`)
            .join(" ")}]`;
    (examples[verdict] ??= []).push(`${userId}: ${why}${trail}`);
  };

  for (const userId of users) {
    const outcome = outcomes.get(userId);
    if (!outcome) {
      note("lost", userId, "never settled");
      continue;
    }
    if (outcome.kind === "created") {
      const outputs = outcome.outputs;
      canarySightings += canariesIn(JSON.stringify(outputs)).length;
      const proof = withdrawals.get(String(outputs.requestId));
      const genuine =
        proof !== undefined &&
        proof.status === 200 &&
        proof.params.UserId === userId &&
        proof.fault !== "resultFalse" &&
        proof.fault !== "keepMembership";
      if (outputs.outcome !== "withdrawn")
        note("lost", userId, `create returned outcome ${String(outputs.outcome)}`);
      else if (stillIn.has(userId)) note("false done", userId, "outputs say withdrawn, memberships remain");
      else if (!genuine)
        note("false done", userId, `requestId ${String(outputs.requestId)} is not a successful withdrawal`);
      else note("done", userId, "");
      continue;
    }
    if (outcome.kind === "check failures") {
      note("failed unclearly", userId, `check failed: ${outcome.reasons}`);
      continue;
    }
    const { error } = outcome;
    canarySightings += canariesIn(`${error.message}\n${JSON.stringify(error.initFailed ?? {})}`).length;
    if (error.code === DEADLINE_EXCEEDED) {
      note("hang", userId, `${outcome.step} gave no answer: ${error.message}`);
      continue;
    }
    if (error.initFailed) {
      note("failed but recorded", userId, error.message);
      continue;
    }
    // "failed: <code> (HTTP …" or, with no HTTP answer, "failed: <code> (after …" / "failed: <code>: …".
    const code = /failed: ([A-Za-z][\w.]*)(?: \(|: )/.exec(error.message)?.[1];
    const namesOperation = ACTIONS.some((action) => error.message.includes(action));
    if (code === undefined || !namesOperation || !error.message.includes(userId)) {
      note("failed unclearly", userId, error.message);
      continue;
    }
    note("failed clearly", userId, "");
    failureCodes[code] = (failureCodes[code] ?? 0) + 1;
    if (!stillIn.has(userId)) failedAfterWithdrawing++;
  }

  const faultsFired: Record<string, number> = {};
  for (const entry of log) if (entry.fault) faultsFired[entry.fault] = (faultsFired[entry.fault] ?? 0) + 1;
  return {
    revocations: users.length,
    verdicts,
    failedAfterWithdrawing,
    failureCodes,
    faultsFired,
    requests: log.length,
    seconds,
    canarySightings,
    examples,
  };
}

/** A UserId of Quick BI's form (32 hex characters), distinct per index. */
function soakUserId(index: number): string {
  return `50ac${index.toString(16).padStart(28, "0")}`;
}

/** Every user in one to three groups. */
function soakSeed(users: readonly string[], random: Random): Seed {
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
function faultSchedule(userId: string, readTimeoutMs: number, random: Random): FaultRule[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const count = pick([0, 1, 1, 2, 2, 3]);
  return Array.from({ length: count }, () => {
    const fault = pick(FAULTS);
    const action = pick([undefined, ...ACTIONS]);
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
