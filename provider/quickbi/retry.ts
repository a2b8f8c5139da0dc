/** How often and how patiently one operation is attempted. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
}

export interface RetryHooks {
  /** Injected so tests can run without real waiting; defaults to `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected for deterministic jitter; defaults to `Math.random`. */
  readonly random?: () => number;
}

/** How one attempt ended: a value, or a failure described where it happened. */
export type Attempt<T, F> = { readonly value: T } | { readonly failure: F };

/**
 * How the operation ended: the first value, or the last failure; and the attempts drawn from its
 * budget, the first included (for a shared budget, by every call that shares it so far).
 */
export type RetryOutcome<T, F> = Attempt<T, F> & { readonly attempts: number };

/**
 * Attempts that one call, or several calls together, may make. A revocation's WithdrawAllUserGroups
 * calls share one (see withdrawal.ts): retries after an error and withdrawals repeated because groups
 * remained draw from the same `quickbi:maxAttempts`, so the budget a user sets is the most requests
 * that step sends.
 */
export class AttemptBudget {
  #used = 0;
  constructor(readonly total: number) {}
  /** Attempts drawn so far. */
  get used(): number {
    return this.#used;
  }
  get left(): number {
    return this.total - this.#used;
  }
  /** Draws one attempt; false when none is left. */
  take(): boolean {
    if (this.left <= 0) return false;
    this.#used++;
    return true;
  }
}

/**
 * Runs `attempt` until it succeeds, its failure is final, or the budget is spent. Waits follow
 * "full jitter" exponential backoff (AWS Architecture Blog, 2015): the wait before attempt n+1 is
 * uniform in [0, min(maxDelay, base * 2^(n-1))], which spreads the retries of many resources
 * throttled at the same moment instead of having them hit the quota again together.
 * @param budget - @default - `policy.maxAttempts` attempts for this call alone
 */
export async function withRetry<T, F>(
  attempt: (attemptNumber: number) => Promise<Attempt<T, F>>,
  isRetryable: (failure: F) => boolean,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
  budget: AttemptBudget = new AttemptBudget(policy.maxAttempts),
): Promise<RetryOutcome<T, F>> {
  const sleep = hooks.sleep ?? defaultSleep;
  // The first attempt is always made: a caller only calls while its budget has one left.
  budget.take();
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if ("value" in outcome || !isRetryable(outcome.failure) || !budget.take()) {
      return { ...outcome, attempts: budget.used };
    }
    await sleep(backoffDelay(policy, n, hooks.random));
  }
}

/** The full-jitter wait after failed attempt `attempt` (1-based). */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.retryMaxDelayMs, policy.retryBaseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
