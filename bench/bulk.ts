// Bulk: N people offboarded in one `pulumi up` against an emulator with a QPS quota and a latency.
// The provider host's shared limiter is set to the quota (quickbi:qps = quota), as a user would set it
// for their account's quota; the figure is the API-active rate as a fraction of that quota.
import { stackConfig } from "./setup";
import type { BenchmarkResult } from "./report";
import { QuickBIUserGroupRevocation } from "../provider";
import type { Seed } from "../emulator";
import { MiniEngine } from "../harness/engine";
import { makeHostProject } from "../harness/host-project";
import { CANARY_ENV } from "../tests/support/canaries";
import { startCanaryEmulator } from "../tests/support/configured-provider";

export interface BulkOptions {
  readonly people: number;
  /** The emulator's quota (faults.qps) and the provider's quickbi:qps. */
  readonly qps: number;
  readonly latencyMs: number;
  /** MiniEngine's `parallel`, as `pulumi up --parallel`. */
  readonly parallel: number;
}

/**
 * Calls per person: Check (QueryUserInfoByUserId, ListUserGroupsByUserId, ListWorkspaceUserRolesByUserId),
 * Create (List, Withdraw, List, ListWorkspaceUserRolesByUserId).
 */
const CALLS_PER_PERSON = 7;

export async function benchBulk(options: BulkOptions): Promise<BenchmarkResult> {
  const users = Array.from({ length: options.people }, (_, i) => `b0${i.toString(16).padStart(30, "0")}`);
  const emulator = await startCanaryEmulator({
    seed: bulkSeed(users),
    randomSeed: 4,
    faults: { qps: options.qps, rules: [{ fault: "latency", latencyMs: options.latencyMs }] },
  });
  const project = await makeHostProject();
  try {
    const engine = new MiniEngine({
      projectDir: project.dir,
      stackConfig: stackConfig(emulator, { "quickbi:qps": String(options.qps) }),
      env: CANARY_ENV,
      parallel: options.parallel,
    });
    const started = process.hrtime.bigint();
    let failed = 0;
    try {
      await engine.up(() => {
        for (const userId of users) new QuickBIUserGroupRevocation(`offboard-${userId}`, { userId });
      });
    } catch (error) {
      const steps = (error as { result?: { steps?: { status: string }[] } }).result?.steps ?? [];
      failed = steps.filter((s) => s.status === "failed").length || options.people;
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const log = emulator.requests();
    const throttled = log.filter((r) => r.code === "Throttling.User").length;
    const admitted = log.length - throttled;
    // N requests under a sliding one-second quota need at least N/qps - 1 s from first to last, so the
    // span plus one window is the time a client using exactly the whole quota would take: 100%.
    const seconds = (log[log.length - 1]!.time - log[0]!.time) / 1000 + 1;
    const admittedTimes = log.filter((r) => r.code !== "Throttling.User").map((r) => r.time);
    let peak = 0;
    for (let i = 0, j = 0; i < admittedTimes.length; i++) {
      while (admittedTimes[i]! - admittedTimes[j]! >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const stillIn = new Set(emulator.state().memberships.map((m) => m.userId));
    const withdrawn = users.filter((u) => !stillIn.has(u)).length;
    const requestsPerSecond = admitted / seconds;
    const fraction = requestsPerSecond / options.qps;
    const peoplePerSecond = options.people / seconds;
    return {
      title: "Bulk offboarding against a quota",
      rows: [
        {
          benchmark: `bulk: ${options.people} people, quota ${options.qps}/s, ${options.latencyMs} ms latency`,
          candidate: `MiniEngine up --parallel ${options.parallel}, quickbi:qps ${options.qps}`,
          value: `${peoplePerSecond.toFixed(2)} people/s, ${requestsPerSecond.toFixed(1)} requests/s`,
          baseline: `quota ${options.qps} requests/s = ${(options.qps / CALLS_PER_PERSON).toFixed(1)} people/s`,
          ratio: `${(fraction * 100).toFixed(1)}% of quota`,
          goal: "≥ 90% of quota",
          met: fraction >= 0.9 && failed === 0,
        },
      ],
      notes: [
        `${options.people} QuickBIUserGroupRevocation resources (each user in 2 groups) in one \`MiniEngine.up\` (harness/engine.ts, \`parallel: ${options.parallel}\`), one provider host, stack config \`quickbi:qps ${options.qps}\` (the shared limiter set to the quota; \`quickbi:concurrency\` left at its default, 4).`,
        `Emulator: \`faults.qps ${options.qps}\` (a sliding 1 s window; beyond it 400 Throttling.User) and every request delayed ${options.latencyMs} ms.`,
        `Result: ${withdrawn}/${options.people} withdrawn, ${failed} failed, ${log.length} requests (${admitted} admitted, ${throttled} throttled and retried); peak ${peak} admitted in any 1 s window; rate over the API-active span plus one window (${seconds.toFixed(1)} s: a client using exactly the whole quota scores 100%); the whole \`up\` (program, host start, checks, creates) took ${wallSeconds.toFixed(1)} s.`,
        `${CALLS_PER_PERSON} calls per person, so the quota allows ${(options.qps / CALLS_PER_PERSON).toFixed(1)} people/s.`,
      ],
    };
  } finally {
    await project.cleanup();
    await emulator.stop();
  }
}

function bulkSeed(users: readonly string[]): Seed {
  const groups = ["Company", "Finance"].map((name, i) => ({
    usergroupId: `bulk-group-${i}`,
    usergroupName: name,
    parentUsergroupId: "-1",
  }));
  return {
    users: users.map((userId, i) => ({
      userId,
      accountId: String(6_000_000_000_000 + i),
      accountName: `bulk-user-${i}`,
      nickName: `Bulk User ${i}`,
      userType: 2 as const,
    })),
    groups,
    memberships: users.flatMap((userId) => groups.map((g) => ({ userId, usergroupId: g.usergroupId }))),
  };
}
