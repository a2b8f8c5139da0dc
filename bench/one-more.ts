// `pulumi up` that adds one person to a stack of N, against `pulumi up` that adds one trivial dynamic
// resource to N (the engine's floor: the program registers N + 1, the engine diffs N and creates one,
// the file backend writes the whole state after the step). Also the state each stack then holds.
import { loadAverage, timedInOwnProcess, type CpuSeconds } from "./cli-stack";
import type { ManyPeople } from "./many-people";
import { describeMemory, withPeakMemory, type PeakMemory } from "./memory";
import { times, type BenchmarkResult } from "./report";
import { summarize, type Summary } from "./stats";
import { stateOnDisk } from "./state-on-disk";
import { countByAction, describeCounts } from "../harness/quota-use";
import type { LocalStack } from "../harness/local-stack";

/** The checkpoint's bytes, in all and per resource of the stack's main type. */
function stateBytes(stack: LocalStack, count: number) {
  const { bytes } = stateOnDisk(stack);
  return { total: bytes, perResource: bytes / count };
}

export async function benchOneMore(many: ManyPeople): Promise<BenchmarkResult> {
  const loadBefore = loadAverage();
  const n = many.people;
  const memory = new Map<string, PeakMemory>();
  const cpu = new Map<string, CpuSeconds>();
  const cpuOf = (what: string) => {
    const used = cpu.get(what)!;
    return `${used.here.toFixed(1)} s in the program's process, ${used.children.toFixed(1)} s in the CLI and the provider host`;
  };
  const upOneMore = async (stack: LocalStack, what: string, key: string): Promise<Summary> => {
    await stack.setConfig({ [key]: String(n + 1) });
    const {
      result: { result, ms, cpu: used },
      memory: peak,
    } = await withPeakMemory(() => timedInOwnProcess(stack, "up"));
    memory.set(what, peak);
    cpu.set(what, used);
    const created = result.changes.create ?? 0;
    if (created !== 1)
      throw new Error(`the up of ${what} should create 1; it did ${JSON.stringify(result.changes)}`);
    return summarize([ms]);
  };
  const before = many.emulator.requests().length;
  const trivial = await upOneMore(many.trivial, "trivial resources", "resources");
  const revocations = await upOneMore(many.revocations, "people", "people");
  const calls = countByAction(many.emulator.requests().slice(before));
  const people = stateBytes(many.revocations, n + 1);
  const floor = stateBytes(many.trivial, n + 1);
  const seconds = (s: Summary) => `${(s.median / 1000).toFixed(1)} s`;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return {
    title: "One more person in a large stack (real CLI)",
    rows: [
      {
        benchmark: `pulumi up, ${n} people + 1 new`,
        candidate: `${n + 1} QuickBIUserGroupRevocation`,
        value: seconds(revocations),
        baseline: `${n} + 1 trivial dynamic resources: ${seconds(trivial)}`,
        ratio: times(revocations, trivial),
        goal: "≤ 1.2×",
        met: revocations.median / trivial.median <= 1.2,
      },
      {
        benchmark: `state of ${n + 1} people (the file backend's checkpoint)`,
        candidate: "checkout layout (the same __provider as installed)",
        value: `${mib(people.total)}, ${people.perResource.toFixed(0)} B a person`,
        baseline: `${n + 1} trivial resources: ${mib(floor.total)}, ${floor.perResource.toFixed(0)} B each`,
        ratio: `${(people.total / floor.total).toFixed(2)}×`,
        goal: "",
      },
    ],
    notes: [
      `One \`pulumi up\` of each stack after raising its count by one (stack config), trivial first; each checked to create exactly one resource. Quick BI calls of the people's up: ${describeCounts(calls)} (the preview's lookup and the withdrawal of the one new person; nobody else is read).`,
      `The state is the checkout layout's, whose \`__provider\` is the same one-line \`require\` as installed from npm (see the size benchmark); the trivial resources' is their provider serialized by Pulumi, by value. The per-person figure is the whole checkpoint divided by the people: the engine's own fields of each resource (URN, type, parent, provider reference, timestamps, source position and stack trace) included.`,
      `CPU per \`up\`: people ${cpuOf("people")}; trivial resources ${cpuOf("trivial resources")}.`,
      `Peak memory: people ${describeMemory(memory.get("people")!)}; trivial resources ${describeMemory(memory.get("trivial resources")!)}.`,
      `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAverage()}.`,
    ],
  };
}
