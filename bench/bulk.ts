// Bulk: N people offboarded in one `pulumi up` of the real CLI against an emulator with a QPS quota
// and a latency. The provider's shared limiter is set to the quota (quickbi:qps = quota), as a user
// would set it for their account's quota. The floor is calls ÷ quota: no client can finish sooner
// without being throttled; the figure is the share of the quota the run used.
import { loadAverage, openBenchStack, timed } from "./cli-stack";
import type { BenchmarkResult, Row } from "./report";
import type { FaultPlan, RequestLogEntry } from "../emulator";
import { bulkSeed, bulkUserIds } from "../harness/bulk-people";
import { admitted, callsPerPerson, describeCounts, peakPerSecond, throttled } from "../harness/quota-use";
import { DEFAULTS } from "../provider/config/defaults";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE } from "../tests/support/revocation-provider-text";

export interface BulkOptions {
  readonly people: number;
  /** The emulator's quota (faults.qps) and the provider's quickbi:qps. */
  readonly qps: number;
  readonly latencyMs: number;
  /** `pulumi up --parallel`. @default - the CLI's own (4 × CPU cores) */
  readonly parallel?: number;
  /** Runs, each a fresh emulator and stack. */
  readonly repeats: number;
}

interface BulkRun {
  readonly upMs: number;
  /** When the `pulumi up` was started, epoch milliseconds (the request log's clock). */
  readonly startedAt: number;
  readonly log: readonly RequestLogEntry[];
  readonly created: number;
  readonly withdrawn: number;
  /** Calls per person in check, from a `pulumi preview` of the same stack first (undefined: not uniform). */
  readonly checkCalls: Record<string, number> | undefined;
  /** Calls per person in the `pulumi up` (undefined: not the same for everyone). */
  readonly upCalls: Record<string, number> | undefined;
}

export async function benchBulk(options: BulkOptions): Promise<BenchmarkResult> {
  const loadBefore = loadAverage();
  const runs: BulkRun[] = [];
  for (let i = 0; i < options.repeats; i++) runs.push(await bulkRun(options));
  const engineSeconds = (await trivialUpMs(options.people)) / 1000;
  const rows: Row[] = runs.flatMap((run, i) => {
    const calls = admitted(run.log).length;
    const floorSeconds = calls / options.qps;
    // N requests under a sliding one-second quota need at least N/qps - 1 s from first to last, so
    // the span plus one window is what a client using exactly the whole quota would take.
    const times = run.log.map((r) => r.time);
    const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000 + 1;
    const complete = run.created === options.people && run.withdrawn === options.people;
    const benchmark = `bulk up: ${options.people} people, quota ${options.qps}/s, ${options.latencyMs} ms latency${runs.length > 1 ? ` (run ${i + 1})` : ""}`;
    return [
      {
        benchmark,
        candidate: `pulumi up (whole command), quickbi:qps ${options.qps}`,
        value: `${(run.upMs / 1000).toFixed(1)} s, ${calls} calls`,
        baseline: `floor ${calls} calls ÷ ${options.qps}/s = ${floorSeconds.toFixed(1)} s`,
        ratio: `${((floorSeconds / (run.upMs / 1000)) * 100).toFixed(1)}% of quota`,
        goal: "≥ 80% of quota",
        met: complete && floorSeconds / (run.upMs / 1000) >= 0.8,
      },
      {
        benchmark,
        candidate: "API-active span (first to last request, + 1 s window)",
        value: `${spanSeconds.toFixed(1)} s, peak ${peakPerSecond(run.log)} in 1 s`,
        baseline: `floor ${floorSeconds.toFixed(1)} s`,
        ratio: `${((floorSeconds / spanSeconds) * 100).toFixed(1)}% of quota`,
        goal: "≥ 90% of quota",
        met: complete && floorSeconds / spanSeconds >= 0.9,
      },
    ];
  });
  const last = runs[runs.length - 1]!;
  return {
    title: "Bulk offboarding against a quota (real CLI)",
    rows,
    notes: [
      `${options.people} QuickBIUserGroupRevocation resources (bench/programs/revocations.ts, from this checkout; each person in 2 groups) in one \`pulumi up\` of the real CLI (Automation API inline program, file backend, ${options.parallel === undefined ? "the CLI's default --parallel" : `--parallel ${options.parallel}`}), stack config \`quickbi:qps ${options.qps}\` (the shared limiter set to the quota; \`quickbi:concurrency\` at its default, ${DEFAULTS.concurrency}). A fresh emulator and stack per run; opening the stack and \`pulumi config set\` are not timed.`,
      `Emulator: \`faults.qps ${options.qps}\` (a sliding 1 s window; beyond it 400 Throttling.User) and every request delayed ${options.latencyMs} ms.`,
      ...runs.map(
        (run, i) =>
          `Run ${i + 1}: ${run.created}/${options.people} created, ${run.withdrawn}/${options.people} in no group afterwards, ${run.log.length} requests (${throttled(run.log)} throttled and retried), peak ${peakPerSecond(run.log)} admitted in any 1 s window, \`pulumi up\` ${(run.upMs / 1000).toFixed(1)} s.`,
      ),
      ...runs.map((run, i) => `Run ${i + 1}, where the whole command's time went: ${timeline(run)}.`),
      `The engine's own cost of the same \`pulumi up\` without Quick BI: ${options.people} trivial dynamic resources (bench/programs/trivial.ts, whose create returns at once) created by the same CLI in ${engineSeconds.toFixed(1)} s: what the CLI's start, the registrations, the state writes and the shutdown cost with no call to wait for.`,
      `Calls per person, from the emulator's request log (the same for all ${options.people}): in check, from a \`pulumi preview\` of the same stack before the \`up\` (untimed; the log and the quota window are reset after it): ${last.checkCalls ? describeCounts(last.checkCalls) : "not the same for every person"}; in the \`up\` (check, then create): ${last.upCalls ? describeCounts(last.upCalls) : "not the same for every person"}.`,
      `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
  };
}

/**
 * The `up` in three spans, from the request log's clock: before Quick BI's first call (the CLI starting,
 * the program registering everyone, the first checks), the calls themselves, and after the last one
 * (the last record written to the state, the CLI and the host shutting down).
 */
function timeline(run: BulkRun): string {
  const times = run.log.map((r) => r.time);
  const first = Math.min(...times) - run.startedAt;
  const last = Math.max(...times) - run.startedAt;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `${s(first)} before the first Quick BI call, ${s(last - first)} from the first to the last, ${s(run.upMs - last)} after the last`;
}

/** A `pulumi up` creating `people` trivial dynamic resources, timed: the engine's cost with no API behind it. */
async function trivialUpMs(people: number): Promise<number> {
  const emulator = await startCanaryEmulator({ randomSeed: 4 });
  const stack = await openBenchStack("trivial", emulator, { resources: String(people) });
  try {
    return (await timed(() => stack.stack.up())).ms;
  } finally {
    await stack.close();
    await emulator.stop();
  }
}

async function bulkRun(options: BulkOptions): Promise<BulkRun> {
  const faults: FaultPlan = {
    qps: options.qps,
    rules: [{ fault: "latency", latencyMs: options.latencyMs }],
  };
  const emulator = await startCanaryEmulator({ seed: bulkSeed(options.people), randomSeed: 4, faults });
  const stack = await openBenchStack("revocations", emulator, {
    people: String(options.people),
    "quickbi:qps": String(options.qps),
  });
  try {
    const users = bulkUserIds(options.people);
    await stack.stack.preview();
    const checkCalls = callsPerPerson(emulator.requests(), users);
    emulator.clearLog();
    emulator.setFaults(faults);
    const startedAt = Date.now();
    const up = await timed(() =>
      stack.stack.up(options.parallel === undefined ? {} : { parallel: options.parallel }),
    );
    const log = emulator.requests();
    const stillIn = new Set(emulator.state().memberships.map((m) => m.userId));
    return {
      upMs: up.ms,
      startedAt,
      log,
      created: (await stack.resources(REVOCATION_TYPE)).length,
      withdrawn: users.filter((u) => !stillIn.has(u)).length,
      checkCalls,
      upCalls: callsPerPerson(admitted(log), users),
    };
  } finally {
    await stack.close();
    await emulator.stop();
  }
}
