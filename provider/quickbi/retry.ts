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

/** How the operation ended: the first value, or the last failure; and the attempts it took either way. */
export type RetryOutcome<T, F> = Attempt<T, F> & { readonly attempts: number };

/**
 * Runs `attempt` until it succeeds, its failure is final, or the budget is spent. Waits follow
 * "full jitter" exponential backoff (AWS Architecture Blog, 2015): the wait before attempt n+1 is
 * uniform in [0, min(maxDelay, base * 2^(n-1))], which spreads the retries of many resources
 * throttled at the same moment instead of having them hit the quota again together.
 */
export async function withRetry<T, F>(
  attempt: (attemptNumber: number) => Promise<Attempt<T, F>>,
  isRetryable: (failure: F) => boolean,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<RetryOutcome<T, F>> {
  const sleep = hooks.sleep ?? defaultSleep;
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if ("value" in outcome || n >= policy.maxAttempts || !isRetryable(outcome.failure)) {
      return { ...outcome, attempts: n };
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
