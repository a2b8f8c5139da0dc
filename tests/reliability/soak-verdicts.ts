// The soak's verdict on each revocation, from what the host answered and what the emulator's state
// and request log say happened: a "done" must be proven by the state and by a real withdrawal.
import type { ProviderCallError, PropertyMap } from "../../harness/provider-host";
import type { FaultRule, QuickBIEmulator, RequestLogEntry } from "../../emulator";
import { canariesIn } from "../support/canaries";
import type { StepsRecord } from "../../provider/revocation/steps/record";
import { judgeSteps, STEP_ACTIONS, type SeededAccess } from "./soak-steps";

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
  /**
   * With a scope: create failed after the groups' withdrawal and recorded what it did (partial outputs
   * the next `up` finishes), truthfully and completely.
   */
  | "recorded partial"
  /** With a scope: Quick BI took access away that the record does not say (a record lost). */
  | "record lost"
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

/** What the host answered for one revocation. */
export type Outcome =
  | { readonly kind: "created"; readonly outputs: PropertyMap }
  | { readonly kind: "rejected"; readonly error: ProviderCallError; readonly step: "check" | "create" }
  | { readonly kind: "check failures"; readonly reasons: string };

/** The operations a failure may name. */
export const ACTIONS = ["WithdrawAllUserGroups", "ListUserGroupsByUserId", "QueryUserInfoByUserId"] as const;

const DEADLINE_EXCEEDED = 4;

/** Every revocation's verdict, the failure codes and the faults that fired. */
export function judge(
  emulator: QuickBIEmulator,
  users: readonly string[],
  outcomes: ReadonlyMap<string, Outcome>,
  schedules: ReadonlyMap<string, readonly FaultRule[]>,
  seconds: number,
  hostCanaries: number,
  /** With a scope: what each person was seeded with. */
  seeded?: ReadonlyMap<string, SeededAccess>,
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
        "recorded partial",
        "record lost",
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

  /** Notes the steps' first problem and says false, or says true when the record is truthful and complete. */
  const stepsTruthful = (userId: string, outputs: PropertyMap): boolean => {
    const steps = outputs.steps as StepsRecord | undefined;
    const problems = judgeSteps(userId, steps, seeded!.get(userId)!, state, log);
    if (problems.length === 0) return true;
    note(problems[0]!.verdict, userId, problems.map((p) => p.why).join("; "));
    return false;
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
      else if (seeded && !stepsTruthful(userId, outputs)) continue;
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
      if (!seeded) note("failed but recorded", userId, error.message);
      else if (stepsTruthful(userId, error.initFailed.properties))
        note("recorded partial", userId, error.message);
      continue;
    }
    // "failed: <code> (HTTP …" or, with no HTTP answer, "failed: <code> (after …" / "failed: <code>: …".
    const code = /failed: ([A-Za-z][\w.]*)(?: \(|: )/.exec(error.message)?.[1];
    const namesOperation = [...ACTIONS, ...STEP_ACTIONS].some((action) => error.message.includes(action));
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
