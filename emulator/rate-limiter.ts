/**
 * A sliding-window log limiter: at most `limit` admissions in any `windowMs`. A ring buffer of the last
 * `limit` admission times makes each check O(1), which matters because it sits on every request.
 */
export class SlidingWindowLimiter {
  private readonly times: number[];
  private next = 0;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {
    this.times = new Array<number>(limit).fill(0);
  }

  /** Admits and records the request if the window has room; otherwise records nothing. */
  tryAcquire(now: number): boolean {
    if (this.count === this.limit) {
      // The slot about to be overwritten holds the oldest admission in the window.
      if (now - (this.times[this.next] ?? 0) < this.windowMs) return false;
    } else {
      this.count++;
    }
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }
}
