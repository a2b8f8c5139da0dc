import { asRecord, describe, readStructuredFile } from "./load-file";
import type { Random } from "./random";
import { SlidingWindowLimiter } from "./rate-limiter";

/** Every fault the emulator can inject. README.md describes what each answers. */
export const FAULT_KINDS = [
  "throttle",
  "unavailable",
  "html502",
  "html503",
  "latency",
  "reset",
  "hang",
  "internal",
  "forbidden",
  "resultFalse",
  "keepMembership",
] as const;

/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** When and how one fault fires. Rules are tried in order; the first that matches and has budget fires. */
export interface FaultRule {
  readonly fault: FaultKind;
  /** Only requests for this action. @default - every action */
  readonly action?: string;
  /** Only requests whose `UserId` parameter is this. @default - every request */
  readonly userId?: string;
  /** Fire at most this many times. @default - unlimited */
  readonly times?: number;
  /** Chance of firing when the rule matches, drawn from the seeded generator. @default 1 */
  readonly probability?: number;
  /** Delay before answering, for `latency`. @default 1000 */
  readonly latencyMs?: number;
}

/** The faults to inject: a global QPS quota and/or rules. */
export interface FaultPlan {
  /** Above this many authenticated requests in any 1 s window, answer 400 `Throttling.User`. @default - no quota */
  readonly qps?: number;
  readonly rules?: readonly FaultRule[];
}

/** What the injector decided for one request. */
export interface FaultDecision {
  readonly fault: FaultKind;
  readonly latencyMs: number;
}

/** The writes `keepMembership` applies to: each answers success but changes nothing. */
export const KEEP_MEMBERSHIP_ACTIONS: readonly string[] = [
  "WithdrawAllUserGroups",
  "DeleteUserFromWorkspace",
  "UpdateUser",
  "AddUserGroupMembers",
  "AddUserToWorkspace",
];

const RULE_DEFAULTS = { probability: 1, latencyMs: 1000 } as const;

/** Resolves the `faults` option: an object, a path to a JSON/YAML file, or nothing. */
export function loadFaultPlan(faults: FaultPlan | string | undefined): FaultPlan {
  if (faults === undefined) return {};
  return typeof faults === "string"
    ? parseFaultPlan(readStructuredFile(faults), faults)
    : parseFaultPlan(faults, "faults");
}

/** Checks an untrusted value against the fault plan format. */
export function parseFaultPlan(value: unknown, source: string): FaultPlan {
  const root = asRecord(value, source);
  for (const key of Object.keys(root)) {
    if (key !== "qps" && key !== "rules")
      throw new Error(`${source}: unknown field "${key}"; allowed: qps, rules`);
  }
  if (root.qps !== undefined && !isPositive(root.qps)) {
    throw new Error(`${source}: qps must be a positive integer, got ${describe(root.qps)}`);
  }
  if (root.rules !== undefined && !Array.isArray(root.rules)) {
    throw new Error(`${source}: rules must be a list, got ${describe(root.rules)}`);
  }
  const rules = ((root.rules ?? []) as unknown[]).map((r, i) => parseRule(r, `${source}: rules[${i}]`));
  return { ...(root.qps === undefined ? {} : { qps: root.qps as number }), rules };
}

function parseRule(value: unknown, where: string): FaultRule {
  const r = asRecord(value, where);
  if (!FAULT_KINDS.includes(r.fault as FaultKind)) {
    throw new Error(`${where}.fault must be one of ${FAULT_KINDS.join(", ")}; got ${describe(r.fault)}`);
  }
  for (const field of ["action", "userId"] as const) {
    if (r[field] !== undefined && typeof r[field] !== "string") {
      throw new Error(`${where}.${field} must be a string, got ${describe(r[field])}`);
    }
  }
  if (r.times !== undefined && !isPositive(r.times)) {
    throw new Error(`${where}.times must be a positive integer, got ${describe(r.times)}`);
  }
  if (
    r.probability !== undefined &&
    !(typeof r.probability === "number" && r.probability >= 0 && r.probability <= 1)
  ) {
    throw new Error(`${where}.probability must be a number from 0 to 1, got ${describe(r.probability)}`);
  }
  if (r.latencyMs !== undefined && !(Number.isInteger(r.latencyMs) && (r.latencyMs as number) >= 0)) {
    throw new Error(`${where}.latencyMs must be a non-negative integer, got ${describe(r.latencyMs)}`);
  }
  return r as unknown as FaultRule;
}

function isPositive(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0;
}

/** Applies a fault plan to the stream of requests; holds the rules' remaining budgets and the quota window. */
export class FaultInjector {
  private readonly rules: readonly FaultRule[];
  private readonly remaining: number[];
  private readonly limiter: SlidingWindowLimiter | undefined;

  constructor(
    plan: FaultPlan,
    private readonly random: Random,
  ) {
    this.rules = plan.rules ?? [];
    this.remaining = this.rules.map((r) => r.times ?? Infinity);
    this.limiter = plan.qps === undefined ? undefined : new SlidingWindowLimiter(plan.qps);
  }

  /** The fault for this request, if any. The quota is checked first: it stands for the gateway. */
  decide(action: string, userId: string | undefined, now: number): FaultDecision | undefined {
    if (this.limiter && !this.limiter.tryAcquire(now)) return { fault: "throttle", latencyMs: 0 };
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (this.remaining[i]! <= 0) continue;
      if (rule.action !== undefined && rule.action !== action) continue;
      if (rule.userId !== undefined && rule.userId !== userId) continue;
      // An answered-but-not-done write only means something for a write; elsewhere it must not use up budget.
      if (rule.fault === "keepMembership" && !KEEP_MEMBERSHIP_ACTIONS.includes(action)) continue;
      const probability = rule.probability ?? RULE_DEFAULTS.probability;
      if (probability < 1 && this.random() >= probability) continue;
      this.remaining[i]!--;
      return { fault: rule.fault, latencyMs: rule.latencyMs ?? RULE_DEFAULTS.latencyMs };
    }
    return undefined;
  }
}
