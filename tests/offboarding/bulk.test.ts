// A bulk offboarding through the real provider host against an emulator with a QPS quota: the
// provider's shared limiter is what keeps hundreds of concurrent steps under the quota. Figures are
// printed (not asserted on time): people, quota, limiter, peak requests in one second, throttled.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startEmulator, type QuickBIEmulator, type RequestLogEntry, type Seed } from "../../emulator";
import { MiniEngine, type EngineError, type UpdateSummary } from "../../harness/engine";
import { makeHostProject, type HostProject } from "../../harness/host-project";
import { QuickBIOffboarding } from "../../provider";
import { emulatorStackConfig } from "../support/configured-provider";

const PEOPLE = 200;
/** The emulator's quota: a request beyond it in any sliding second is answered Throttling.User. */
const QUOTA = 200;
/** The provider's limiter, below the quota so that no request is throttled (retries are not needed). */
const LIMITER_QPS = 150;
/**
 * The quota of the contrast, well below what an unlimited client reaches on any machine: a loaded
 * 2-core machine peaked at 130 to 200 requests in one second, too close to QUOTA to be throttled surely.
 */
const CONTRAST_QUOTA = 50;
const THROTTLED = "Throttling.User";

describe(`offboarding ${PEOPLE} people against a quota of ${QUOTA} requests per second`, function () {
  // 5 requests per person (2 in check, 3 in create) at 150/s: about 7 s; the rest is overhead.
  this.timeout(120_000);

  const seed = bulkSeed(PEOPLE);
  const leavers = seed.users.map((u) => u.userId);
  const program = () =>
    void new QuickBIOffboarding("leavers", { people: leavers.map((userId) => ({ userId })) });
  let project: HostProject;
  let emulator: QuickBIEmulator;

  before(async () => {
    project = await makeHostProject();
  });
  after(() => project.cleanup());
  beforeEach(async () => {
    emulator = await startEmulator({ seed, faults: { qps: QUOTA }, randomSeed: 7 });
  });
  afterEach(() => emulator.stop());

  function engineWith(config: Record<string, string>): MiniEngine {
    return new MiniEngine({
      projectDir: project.dir,
      stackConfig: {
        ...emulatorStackConfig(emulator),
        "quickbi:maxRemovalsPerUpdate": String(PEOPLE),
        ...config,
      },
    });
  }

  it("withdraws everyone with 0 failures and no second over the quota when the limiter is below it", async () => {
    const started = Date.now();

    const summary = await engineWith({ "quickbi:qps": String(LIMITER_QPS) }).up(program);

    const log = emulator.requests();
    const peak = peakPerSecond(log);
    const throttled = log.filter((r) => r.code === THROTTLED).length;
    report(
      `limiter ${LIMITER_QPS}/s: ${summary.steps.length} steps, ${log.length} requests, peak ${peak} in one second, ` +
        `${throttled} throttled, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(summary.steps.length, PEOPLE + 1, "the guard and one revocation per person");
    assert.deepEqual(
      summary.steps.filter((s) => s.status !== "succeeded").map((s) => s.name),
      [],
    );
    assert.equal(log.filter((r) => r.action === "WithdrawAllUserGroups" && r.status === 200).length, PEOPLE);
    const left = new Set(leavers);
    assert.deepEqual(
      emulator.state().memberships.filter((m) => left.has(m.userId)),
      [],
      "every leaver is in no group",
    );
    assert.ok(peak <= QUOTA, `peak ${peak} requests in one second exceeds the quota ${QUOTA}`);
    assert.equal(throttled, 0);
  });

  it(`gets throttled by a quota of ${CONTRAST_QUOTA}/s when the limiter is effectively off (the contrast)`, async () => {
    emulator.setFaults({ qps: CONTRAST_QUOTA });
    const started = Date.now();

    const outcome = await engineWith({ "quickbi:qps": "10000", "quickbi:concurrency": "64" })
      .up(program)
      .then(
        (summary) => `succeeded (${summary.steps.length} steps)`,
        (error: EngineError<UpdateSummary>) =>
          error.result
            ? `failed: ${error.result.steps.filter((s) => s.status === "failed").length} step(s) failed`
            : `failed: ${error.message.split("\n")[0]}`,
      );

    const log = emulator.requests();
    const throttled = log.filter((r) => r.code === THROTTLED).length;
    report(
      `limiter off: ${log.length} requests, peak ${peakPerSecond(log)} admitted in one second, ${throttled} throttled, ` +
        `up ${outcome}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.ok(throttled > 0, `no request was throttled; up ${outcome}`);
  });
});

/**
 * The most requests the emulator admitted (answered other than Throttling.User) in any one-second
 * window, from the log's receive times: the quantity its quota bounds.
 */
function peakPerSecond(log: readonly RequestLogEntry[]): number {
  const times = log
    .filter((r) => r.code !== THROTTLED)
    .map((r) => r.time)
    .sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** `count` users with generated UserIds, each in two of four groups. */
function bulkSeed(count: number): Seed {
  const groups = ["Finance", "Sales", "Engineering", "Marketing"].map((name, index) => ({
    usergroupId: `b0000000-0000-4000-8000-00000000000${index + 1}`,
    usergroupName: name,
    parentUsergroupId: "-1",
  }));
  const users = Array.from({ length: count }, (_, index) => {
    const n = String(index + 1).padStart(3, "0");
    return {
      userId: createHash("md5").update(`bulk-user-${n}`).digest("hex"),
      accountId: `30000000000${n.padStart(5, "0")}`,
      accountName: `bulk${n}`,
      nickName: `Bulk User ${n}`,
      userType: 2 as const,
    };
  });
  const memberships = users.flatMap((user, index) => [
    { userId: user.userId, usergroupId: groups[index % 4]!.usergroupId },
    { userId: user.userId, usergroupId: groups[(index + 1) % 4]!.usergroupId },
  ]);
  return { users, groups, memberships };
}

function report(line: string): void {
  console.log(`      ${line}`);
}
