import assert from "node:assert/strict";
import { withRetry } from "../../provider/quickbi/retry";

const POLICY = { maxAttempts: 4, retryBaseDelayMs: 100, retryMaxDelayMs: 250 };

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe("withRetry", () => {
  it("returns the first success and how many attempts it took", async () => {
    let calls = 0;
    const { sleep } = recordingSleep();
    const outcome = await withRetry(
      async () => (++calls < 3 ? Promise.reject(new Error("busy")) : "done"),
      () => true,
      POLICY,
      {
        sleep,
      },
    );
    assert.deepEqual(outcome, { value: "done", attempts: 3 });
  });

  it("never retries a final error", async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => Promise.reject(new Error(`final ${++calls}`)),
        () => false,
        POLICY,
      ),
      (e: Error & { attempts: number }) => e.message === "final 1" && e.attempts === 1,
    );
  });

  it("stops after maxAttempts and reports them on the error", async () => {
    const { sleep } = recordingSleep();
    await assert.rejects(
      withRetry(
        async () => Promise.reject(new Error("busy")),
        () => true,
        POLICY,
        { sleep },
      ),
      (e: Error & { attempts: number }) => e.attempts === 4,
    );
  });

  it("waits with exponential backoff capped at the maximum (jitter at its ceiling)", async () => {
    const { sleep, waits } = recordingSleep();
    await assert.rejects(
      withRetry(
        async () => Promise.reject(new Error("busy")),
        () => true,
        POLICY,
        { sleep, random: () => 0.999999 },
      ),
    );
    assert.deepEqual(waits, [99, 199, 249]);
  });

  it("spreads waits with full jitter", async () => {
    const { sleep, waits } = recordingSleep();
    await assert.rejects(
      withRetry(
        async () => Promise.reject(new Error("busy")),
        () => true,
        POLICY,
        { sleep, random: () => 0.5 },
      ),
    );
    assert.deepEqual(waits, [50, 100, 125]);
  });
});
