// `pulumi preview` of a stack of N people with nothing new, against `pulumi preview` of N trivial
// dynamic resources (the engine's own floor: the CLI, the program, the host and N check/diff round
// trips), both by the same CLI in the same run, interleaved. A revocation already done is not looked up
// again, so the preview must make no Quick BI call: what is left is the provider's check and diff.
import { loadAverage, timedInOwnProcess, type CpuSeconds } from "./cli-stack";
import { describeMemory, withPeakMemory, type PeakMemory } from "./memory";
import type { ManyPeople } from "./many-people";
import { times, type BenchmarkResult } from "./report";
import { interleave, summarize } from "./stats";
import type { LocalStack } from "../harness/local-stack";

export interface PreviewOptions {
  readonly rounds: number;
  /** Also preview the people with every promise stack formatted, as before the skipping: the upstream report's "before". */
  readonly withStacks?: boolean;
}

export async function benchPreview(many: ManyPeople, options: PreviewOptions): Promise<BenchmarkResult> {
  const loadBefore = loadAverage();
  const cpu = new Map<string, CpuSeconds[]>();
  const memory = new Map<string, PeakMemory>();
  const preview = (stack: LocalStack, what: string) => async () => {
    const before = many.emulator.requests().length;
    const {
      result: { result, ms, cpu: used },
      memory: peak,
    } = await withPeakMemory(() => timedInOwnProcess(stack, "preview"));
    cpu.set(what, [...(cpu.get(what) ?? []), used]);
    memory.set(what, peak);
    const changes = Object.entries(result.changes).filter(([op, n]) => op !== "same" && n > 0);
    const calls = many.emulator.requests().length - before;
    if (changes.length > 0 || calls > 0)
      throw new Error(
        `the preview of ${what} should change nothing and call nothing; it planned ${JSON.stringify(result.changes)} and made ${calls} Quick BI calls`,
      );
    return ms;
  };
  // The people's preview as it was before provider/promise-debug-stacks.ts: the SDK's promise stacks
  // all formatted (PULUMI_DEBUG_PROMISE_LEAKS turns the skipping off; the program runs in this process).
  const withStacks = async () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      return await preview(many.revocations, "people, every promise stack formatted")();
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  };
  const summaries = await interleave(
    [
      { label: "trivial", run: preview(many.trivial, "trivial resources") },
      { label: "revocations", run: preview(many.revocations, "people") },
      ...(options.withStacks ? [{ label: "with stacks", run: withStacks }] : []),
    ],
    options.rounds,
    1,
  );
  const trivial = summaries.get("trivial")!;
  const revocations = summaries.get("revocations")!;
  const withStacksSummary = summaries.get("with stacks");
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const cpuOf = (what: string) => {
    const runs = cpu.get(what) ?? [];
    const median = (key: keyof CpuSeconds) => summarize(runs.map((r) => r[key])).median.toFixed(1);
    return `${median("here")} s in the program's process, ${median("children")} s in the CLI and the provider host`;
  };
  return {
    title: "Preview of a large stack with nothing new (real CLI)",
    rows: [
      {
        benchmark: `pulumi preview, ${many.people} people, nothing new`,
        candidate: `${many.people} QuickBIUserGroupRevocation`,
        value: `${seconds(revocations.median)} (p90 ${seconds(revocations.p90)})`,
        baseline: `${many.people} trivial dynamic resources: ${seconds(trivial.median)} (p90 ${seconds(trivial.p90)})`,
        ratio: times(revocations, trivial),
        goal: "≤ 1.2×",
        met: revocations.median / trivial.median <= 1.2,
      },
    ],
    notes: [
      `${options.rounds} interleaved \`pulumi preview\`s of each stack (after 1 discarded), by the same CLI, timed from starting the program's process to its result: the program registering ${many.people} resources in a node process of its own (harness/program-process.ts, as a user's program runs in the language host's; the emulator stays in the benchmark's process), the CLI, one dynamic-provider host, ${many.people} Check and Diff calls. Each preview is checked to plan no change and to make 0 Quick BI calls.`,
      `Candidate: bench/programs/revocations.ts, ${many.people} people already withdrawn (set up once by a \`pulumi up\` with the limiter lifted: ${many.setupSeconds.revocations.toFixed(0)} s, not measured), from this checkout (whose \`__provider\` is the same one-line \`require\` as an installed package's: the size benchmark gives both). Baseline: bench/programs/trivial.ts, ${many.people} dynamic resources whose check and diff return at once (set up in ${many.setupSeconds.trivial.toFixed(0)} s).`,
      `CPU per preview (median of all runs): people ${cpuOf("people")}; trivial resources ${cpuOf("trivial resources")}.`,
      ...(withStacksSummary
        ? [
            `The people with every promise stack formatted (PULUMI_DEBUG_PROMISE_LEAKS=1, as before provider/promise-debug-stacks.ts), in the same rounds: ${seconds(withStacksSummary.median)} (p90 ${seconds(withStacksSummary.p90)}), ${times(withStacksSummary, trivial)} the floor; CPU ${cpuOf("people, every promise stack formatted")}.`,
          ]
        : []),
      `Peak memory of the last preview: people ${describeMemory(memory.get("people")!)}; trivial resources ${describeMemory(memory.get("trivial resources")!)}.`,
      `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
  };
}
