import assert from "node:assert/strict";
import { createRateLimiter } from "../../provider/quickbi/rate-limit";

/** Schedules `count` calls that each take `ms`, recording when each started and how many ran at once. */
async function run(limiter: ReturnType<typeof createRateLimiter>, count: number, ms = 0) {
  const starts: number[] = [];
  const order: number[] = [];
  let running = 0;
  let peakRunning = 0;
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiter.schedule(async () => {
        starts.push(Date.now());
        order.push(i);
        peakRunning = Math.max(peakRunning, ++running);
        await new Promise((resolve) => setTimeout(resolve, ms));
        running--;
      }),
    ),
  );
  return { starts, order, peakRunning };
}

function peakPerWindow(starts: number[], windowMs = 1000): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe("the sliding-window rate limiter", () => {
  it("starts a lone burst of up to qps calls without waiting", async () => {
    const limiter = createRateLimiter({ qps: 5, concurrency: 5 });
    let started = 0;
    const calls = Array.from({ length: 5 }, () => limiter.schedule(async () => void started++));
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(started, 5);
    await Promise.all(calls);
  });

  it("never starts more than qps calls in any one-second window", async () => {
    const { starts } = await run(createRateLimiter({ qps: 5, concurrency: 10 }), 12);
    assert.equal(peakPerWindow(starts), 5);
  });

  it("holds a slot until a second after the call ends, so slow calls cannot bunch at the server", async () => {
    const { starts } = await run(createRateLimiter({ qps: 2, concurrency: 10 }), 4, 300);
    assert.deepEqual(
      starts
        .map((t) => t - starts[0]!)
        .map((t) => (t < 100 ? "now" : t >= 1300 ? "after end + 1 s" : "too early")),
      ["now", "now", "after end + 1 s", "after end + 1 s"],
    );
  });

  it("never runs more than concurrency calls at once", async () => {
    const { peakRunning } = await run(createRateLimiter({ qps: 1000, concurrency: 3 }), 10, 20);
    assert.equal(peakRunning, 3);
  });

  it("starts calls in the order they were scheduled", async () => {
    const { order } = await run(createRateLimiter({ qps: 1000, concurrency: 1 }), 6, 1);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it("passes on a call's result and its failure", async () => {
    const limiter = createRateLimiter({ qps: 10, concurrency: 1 });
    assert.equal(await limiter.schedule(async () => 42), 42);
    await assert.rejects(
      limiter.schedule(async () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await limiter.schedule(async () => "still running"), "still running");
  });
});
