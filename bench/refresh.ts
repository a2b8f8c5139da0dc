// `pulumi refresh` of a stack of N people with no drift, in an emulated organisation of thousands of
// users, hundreds of groups (some nested) and workspaces: the first reads go person by person, then
// the provider reads the organisation once (provider/refresh/). The same CLI refreshes N trivial
// dynamic resources in turn (interleaved): the engine's own floor.
import { loadAverage, timedInOwnProcess } from "./cli-stack";
import type { ManyPeople } from "./many-people";
import { describeMemory, withPeakMemory, type PeakMemory } from "./memory";
import { times, type BenchmarkResult } from "./report";
import { interleave, type Summary } from "./stats";
import { countByAction, describeCounts } from "../harness/quota-use";
import { DEFAULTS } from "../provider/config/defaults";
import type { LocalStack } from "../harness/local-stack";

export interface RefreshOptions {
  readonly rounds: number;
  /** The stack's quickbi:qps (ManyPeople set it). */
  readonly qps: number;
}

/** The bound on a refresh of 10,000 people in the large organisation. */
const GOAL_CALLS = 1000;

export async function benchRefresh(many: ManyPeople, options: RefreshOptions): Promise<BenchmarkResult> {
  const loadBefore = loadAverage();
  const callCounts: Record<string, number>[] = [];
  const memory = new Map<string, PeakMemory>();
  const refresh = (stack: LocalStack, what: string, calls: boolean) => async () => {
    const before = many.emulator.requests().length;
    const {
      result: { result, ms },
      memory: peak,
    } = await withPeakMemory(() => timedInOwnProcess(stack, "refresh"));
    memory.set(what, peak);
    const changed = Object.entries(result.changes).filter(([op, n]) => op !== "same" && n > 0);
    const log = many.emulator.requests().slice(before);
    const writes = log.filter((r) => !/^(Query|List|Check)/.test(r.action));
    if (changed.length > 0 || writes.length > 0 || (!calls && log.length > 0))
      throw new Error(
        `the refresh of ${what} should find no drift and only read; it changed ${JSON.stringify(result.changes)} and called ${JSON.stringify(countByAction(log))}`,
      );
    if (calls) callCounts.push(countByAction(log));
    return ms;
  };
  const summaries = await interleave(
    [
      { label: "trivial", run: refresh(many.trivial, "trivial resources", false) },
      { label: "revocations", run: refresh(many.revocations, "people", true) },
    ],
    options.rounds,
    0,
  );
  const trivial = summaries.get("trivial")!;
  const revocations = summaries.get("revocations")!;
  const byAction = callCounts[0]!;
  const calls = Object.values(byAction).reduce((a, b) => a + b, 0);
  const limiterMs = (calls / options.qps) * 1000;
  const seconds = (s: Summary) => `${(s.median / 1000).toFixed(1)} s (p90 ${(s.p90 / 1000).toFixed(1)})`;
  const { organization: o } = many;
  return {
    title: "Refresh of a large stack (real CLI)",
    rows: [
      {
        benchmark: `pulumi refresh, ${many.people} people, no drift`,
        candidate: `quickbi:qps ${options.qps}`,
        value: `${seconds(revocations)}, ${calls} calls`,
        baseline: `${many.people} trivial dynamic resources: ${seconds(trivial)}`,
        ratio: times(revocations, trivial),
        goal: `≤ ${GOAL_CALLS} calls`,
        met: calls <= GOAL_CALLS,
      },
    ],
    notes: [
      `${options.rounds} interleaved \`pulumi refresh\`es of each stack (the stacks of the preview benchmark), by the same CLI, the program in a node process of its own (harness/program-process.ts), timed from starting it to its result; each checked to change nothing and only read (no call at all for the trivial stack).`,
      `Organisation: ${o.users} users, ${o.groups} groups (one in five nested under another), ${o.workspaces} workspaces of up to ${o.maxWorkspaceMembers} members (harness/organization-seed.ts). Calls: ${describeCounts(byAction)}: the first ${DEFAULTS.refreshSnapshotAfter} people read on their own (3 each), then the organisation once, everyone else answered from it.`,
      `The people's stack has \`quickbi:qps ${options.qps}\`${options.qps === DEFAULTS.qps ? " (the default)" : ""}: the limiter alone takes ${(limiterMs / 1000).toFixed(1)} s for these calls; person by person it would be ${(many.people * 3) / options.qps} s (3 reads each).`,
      `Peak memory: people ${describeMemory(memory.get("people")!)}; trivial resources ${describeMemory(memory.get("trivial resources")!)}.`,
      `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
  };
}
