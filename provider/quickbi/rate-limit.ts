/** Schedules calls so that at most `concurrency` run at once and Quick BI sees at most `qps` in any second. */
export interface RateLimiter {
  schedule<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * One limiter per provider process, shared by every resource: `pulumi up` creates resources in
 * parallel, and 500 revocations at once would otherwise trip Quick BI's quota into throttling.
 *
 * `qps` slots, each held from a call's start until one second after it ends. A request reaches the
 * server somewhere between its start and its end, so however the network bunches requests, no
 * one-second window at the server holds more than `qps` of them: the rule a sliding-window quota
 * enforces. A lone revocation's calls start at once (Bottleneck's `minTime` spacing, tried first, made
 * each wait 100 ms at 10/s: 3.8× the API's own latency), and a bulk run uses qps × 1 s / (1 s + latency)
 * of the quota (98% at 20 ms). Calls start in the order they were scheduled.
 */
export function createRateLimiter(
  options: { readonly qps: number; readonly concurrency: number },
  clock: () => number = Date.now,
): RateLimiter {
  const windowMs = 1000;
  const releases: number[] = []; // when the slots of finished calls free up, in order
  const waiting: (() => void)[] = [];
  let running = 0;
  let timer: NodeJS.Timeout | undefined;

  function pump(): void {
    while (waiting.length > 0 && running < options.concurrency) {
      const now = clock();
      while (releases.length > 0 && releases[0]! <= now) releases.shift();
      if (running + releases.length >= options.qps) {
        if (releases.length > 0) {
          timer ??= setTimeout(() => {
            timer = undefined;
            pump();
          }, releases[0]! - now);
        }
        // Otherwise every slot is held by a running call: its end calls pump again.
        return;
      }
      running++;
      waiting.shift()!();
    }
  }

  return {
    schedule<T>(call: () => Promise<T>): Promise<T> {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        pump();
      }).then(() =>
        call().finally(() => {
          running--;
          releases.push(clock() + windowMs);
          pump();
        }),
      );
    },
  };
}

/** No limit: for a client used alone. */
export const UNLIMITED: RateLimiter = { schedule: (call) => call() };
