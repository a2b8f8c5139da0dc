// `pulumi refresh` of a stack of N people with no drift: one ListUserGroupsByUserId per person, all
// through the provider's shared limiter, so no refresh can be faster than calls ÷ quickbi:qps. The
// same CLI refreshes N trivial dynamic resources in turn (interleaved): the engine's own floor, which
// overlaps the limiter's rather than adding to it.
import { loadAverage, timed } from "./cli-stack";
import type { ManyPeople } from "./many-people";
import { times, type BenchmarkResult } from "./report";
import { interleave, type Summary } from "./stats";
import { bulkUserIds } from "../harness/bulk-people";
import { callsPerPerson, countByAction, describeCounts } from "../harness/quota-use";
import { DEFAULTS } from "../provider/config/defaults";
import type { LocalStack } from "../harness/local-stack";

export interface RefreshOptions {
  readonly rounds: number;
  /** The stack's quickbi:qps (ManyPeople set it). */
  readonly qps: number;
}

const WITHDRAW = "WithdrawAllUserGroups";

export async function benchRefresh(many: ManyPeople, options: RefreshOptions): Promise<BenchmarkResult> {
  const loadBefore = loadAverage();
  const people = bulkUserIds(many.people);
  const callCounts: number[] = [];
  let perPerson: Record<string, number> | undefined;
  const refresh = (stack: LocalStack, what: string, calls: boolean) => async () => {
    const before = many.emulator.requests().length;
    const { result, ms } = await timed(() => stack.stack.refresh());
    const changed = Object.entries(result.summary.resourceChanges ?? {}).filter(
      ([op, n]) => op !== "same" && n > 0,
    );
    const log = many.emulator.requests().slice(before);
    // Reads only, the same for every person (none for the trivial resources).
    const each = calls ? callsPerPerson(log, people) : log.length === 0 ? {} : undefined;
    if (changed.length > 0 || !each || each[WITHDRAW] !== undefined)
      throw new Error(
        `the refresh of ${what} should find no drift and make the same reads for every person; it changed ${JSON.stringify(result.summary.resourceChanges)} and called ${JSON.stringify(countByAction(log))}`,
      );
    if (calls) {
      callCounts.push(log.length);
      perPerson = each;
    }
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
  const calls = callCounts[0]!;
  const floorMs = (calls / options.qps) * 1000;
  const seconds = (s: Summary) => `${(s.median / 1000).toFixed(1)} s (p90 ${(s.p90 / 1000).toFixed(1)})`;
  return {
    title: "Refresh of a large stack (real CLI)",
    rows: [
      {
        benchmark: `pulumi refresh, ${many.people} people, no drift`,
        candidate: `quickbi:qps ${options.qps}`,
        value: `${seconds(revocations)}, ${calls} calls`,
        baseline: `floor ${calls} calls ÷ ${options.qps}/s = ${(floorMs / 1000).toFixed(1)} s`,
        ratio: `${(revocations.median / floorMs).toFixed(2)}× (p90 ${(revocations.p90 / floorMs).toFixed(2)}×)`,
        goal: "≤ 1.2×",
        met: revocations.median / floorMs <= 1.2,
      },
    ],
    notes: [
      `${options.rounds} interleaved \`pulumi refresh\`es of each stack (the stacks of the preview benchmark: ${many.people} people already withdrawn, ${many.people} trivial dynamic resources), by the same CLI, timed from the Automation API call to its result. Each refresh is checked to change nothing and to make the same reads for every person, no withdrawal (and no call for the trivial stack). Calls per person, from the emulator's request log: ${describeCounts(perPerson ?? {})}.`,
      `The people's stack has \`quickbi:qps ${options.qps}\`${options.qps === DEFAULTS.qps ? " (the default)" : ""} and the default \`quickbi:concurrency\` (${DEFAULTS.concurrency}); the emulator adds no latency and has no quota, so the client-side limiter is the only brake: no refresh can take less than calls ÷ qps.`,
      `The engine's own floor, measured in the same rounds: ${many.people} trivial dynamic resources (read returns at once) refresh in ${seconds(trivial)}; the people's refresh takes ${times(revocations, trivial)} that. The two floors overlap (the engine works while the limiter waits), so the larger one bounds a refresh.`,
      `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
  };
}
