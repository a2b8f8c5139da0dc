import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { ALICE, configuredProvider, emulatorStackConfig } from "../support/configured-provider";

/** The most requests the emulator saw start in any one-second window. */
function peakPerSecond(emulator: QuickBIEmulator): number {
  const times = emulator.requests().map((r) => r.time);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe("the shared rate limit", () => {
  let emulator: QuickBIEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ faults: { qps: 20 } });
  });
  afterEach(() => emulator.stop());

  it("keeps every resource of a provider process under quickbi:qps together", async () => {
    const provider = await configuredProvider({
      ...emulatorStackConfig(emulator),
      "quickbi:qps": "15",
      "quickbi:concurrency": "8",
    });
    await Promise.all(
      Array.from({ length: 30 }, () =>
        provider.read!(ALICE, {
          userId: ALICE,
          region: "cn-hangzhou",
          endpoint: emulator.url,
          currentGroups: [],
        }),
      ),
    );
    // A refresh reads three things: the groups, the user's flags and the workspaces.
    assert.equal(emulator.requests().length, 90);
    assert.ok(emulator.requests().every((r) => r.status === 200));
    assert.ok(peakPerSecond(emulator) <= 15, `peak ${peakPerSecond(emulator)}/s`);
  });

  it("is what prevents throttling: a client allowed above the quota gets throttled", async () => {
    const unlimited = await configuredProvider({
      ...emulatorStackConfig(emulator),
      "quickbi:qps": "10000",
      "quickbi:concurrency": "64",
      "quickbi:maxAttempts": "1",
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        unlimited.read!(ALICE, {
          userId: ALICE,
          region: "cn-hangzhou",
          endpoint: emulator.url,
          currentGroups: [],
        }),
      ),
    );
    assert.ok(results.some((r) => r.status === "rejected" && /Throttling\.User/.test(String(r.reason))));
  });
});
