import Bottleneck from "bottleneck";

/** Schedules calls so that at most `concurrency` are in flight and they start at most `qps` per second. */
export interface RateLimiter {
  schedule<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * One limiter per provider process, shared by every resource: `pulumi up` creates resources in
 * parallel, and 500 revocations at once would otherwise trip Quick BI's quota into throttling.
 * Bottleneck's `minTime` spaces call starts evenly (1000/qps ms apart), so no one-second window holds
 * more than `qps` starts, retries included.
 */
export function createRateLimiter(options: {
  readonly qps: number;
  readonly concurrency: number;
}): RateLimiter {
  const bottleneck = new Bottleneck({
    maxConcurrent: options.concurrency,
    minTime: Math.ceil(1000 / options.qps),
  });
  return { schedule: (call) => bottleneck.schedule(call) };
}

/** No limit: for a client used alone. */
export const UNLIMITED: RateLimiter = { schedule: (call) => call() };
