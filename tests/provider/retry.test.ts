import assert from "node:assert/strict";
import { withRetry, type Attempt } from "../../provider/quickbi/retry";

const POLICY = { maxAttempts: 4, retryBaseDelayMs: 100, retryMaxDelayMs: 250 };

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** An attempt that always fails with `failure`. */
const failing = (failure: string) => async (): Promise<Attempt<never, string>> => ({ failure });

describe("withRetry", () => {
  it("returns the first success and how many attempts it took", async () => {
    let calls = 0;
    const { sleep } = recordingSleep();
    const outcome = await withRetry(
      async (): Promise<Attempt<string, string>> => (++calls < 3 ? { failure: "busy" } : { value: "done" }),
      () => true,
      POLICY,
      {
        sleep,
      },
    );
    assert.deepEqual(outcome, { value: "done", attempts: 3 });
  });

  it("never retries a final failure", async () => {
    let calls = 0;
    const outcome = await withRetry(
      async (): Promise<Attempt<never, string>> => ({ failure: `final ${++calls}` }),
      () => false,
      POLICY,
    );
    assert.deepEqual(outcome, { failure: "final 1", attempts: 1 });
  });

  it("stops after maxAttempts and reports them with the last failure", async () => {
    const { sleep } = recordingSleep();
    const outcome = await withRetry(failing("busy"), () => true, POLICY, { sleep });
    assert.deepEqual(outcome, { failure: "busy", attempts: 4 });
  });

  it("waits with exponential backoff capped at the maximum (jitter at its ceiling)", async () => {
    const { sleep, waits } = recordingSleep();
    await withRetry(failing("busy"), () => true, POLICY, { sleep, random: () => 0.999999 });
    assert.deepEqual(waits, [99, 199, 249]);
  });

  it("spreads waits with full jitter", async () => {
    const { sleep, waits } = recordingSleep();
    await withRetry(failing("busy"), () => true, POLICY, { sleep, random: () => 0.5 });
    assert.deepEqual(waits, [50, 100, 125]);
  });
});
