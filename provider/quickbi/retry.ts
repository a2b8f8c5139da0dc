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

/** The last error, and how many attempts it took to give up. */
export interface RetryOutcome<T> {
  readonly value: T;
  readonly attempts: number;
}

/**
 * Runs `attempt` until it succeeds, the error is final, or the budget is spent. Waits follow
 * "full jitter" exponential backoff (AWS Architecture Blog, 2015): the wait before attempt n+1 is
 * uniform in [0, min(maxDelay, base * 2^(n-1))], which spreads the retries of many resources
 * throttled at the same moment instead of having them hit the quota again together.
 * The rejected error gets an `attempts` property.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<RetryOutcome<T>> {
  const sleep = hooks.sleep ?? defaultSleep;
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      if (n >= policy.maxAttempts || !isRetryable(error)) {
        throw Object.assign(error instanceof Error ? error : new Error(String(error)), { attempts: n });
      }
      await sleep(backoffDelay(policy, n, hooks.random));
    }
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
