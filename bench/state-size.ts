// Bytes per resource: the serialized `__provider`, and the state the real CLI keeps for one revocation
// of a person in 2 groups (its checked inputs and its outputs, `__provider` in each, as `pulumi stack
// export` prints them), in both layouts: installed from the npm tarball (what users get) and from a
// source checkout (this repository).
import { openBenchStack } from "./cli-stack";
import { installedProject } from "./installed-project";
import type { BenchmarkResult, Row } from "./report";
import { bulkSeed } from "../harness/bulk-people";
import type { StateResource } from "../harness/local-stack";
import { canariesIn } from "../tests/support/canaries";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE } from "../tests/support/revocation-provider-text";

const GOAL_BYTES = 1536;

interface Sizes {
  readonly provider: number;
  readonly inputs: number;
  readonly outputs: number;
  /** The inputs after the next `pulumi up`: its Check returns them without the preview impact. */
  readonly steadyInputs: number;
  readonly canaries: number;
}

const bytes = (value: unknown) =>
  Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

/**
 * `pulumi up` of one person (the first bulk person: in Finance and Sales), `pulumi stack export`, a
 * second `pulumi up` (no change), `pulumi stack export` again.
 */
async function sizesUnderCli(projectDir?: string): Promise<Sizes> {
  const emulator = await startCanaryEmulator({ seed: bulkSeed(1), randomSeed: 3 });
  const stack = await openBenchStack("revocations", emulator, { people: "1" }, projectDir);
  try {
    const revocation = async (): Promise<StateResource> => {
      const found = await stack.resources(REVOCATION_TYPE);
      if (found.length !== 1) throw new Error(`the state holds ${found.length} revocations, not 1`);
      return found[0]!;
    };
    await stack.stack.up();
    const first = await revocation();
    await stack.stack.up();
    const steady = await revocation();
    return {
      provider: bytes(first.inputs?.__provider),
      inputs: bytes(first.inputs),
      outputs: bytes(first.outputs),
      steadyInputs: bytes(steady.inputs),
      canaries: canariesIn(JSON.stringify([first, steady])).length,
    };
  } finally {
    await stack.close();
    await emulator.stop();
  }
}

export async function benchStateSize(): Promise<BenchmarkResult> {
  const project = installedProject();
  const installed = await sizesUnderCli(project.dir).finally(() => project.cleanup());
  const checkout = await sizesUnderCli();
  const rows: Row[] = [];
  for (const [layout, s] of [
    ["installed", installed],
    ["checkout", checkout],
  ] as const) {
    rows.push({
      benchmark: "__provider per resource",
      candidate: `${layout} layout`,
      value: `${s.provider} B`,
      baseline: "",
      ratio: `${((s.provider / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      goal: "≤ 1.5 KiB",
      met: s.provider <= GOAL_BYTES,
    });
    const total = s.inputs + s.outputs;
    rows.push({
      benchmark: "state per resource (2 groups)",
      candidate: `${layout} layout`,
      value: `${total} B (inputs ${s.inputs} + outputs ${s.outputs}; ${total - 2 * s.provider} B without the 2 __provider)`,
      baseline: "",
      ratio: `${((total / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      goal: "≤ 1.5 KiB",
      met: total <= GOAL_BYTES,
    });
    const steady = s.steadyInputs + s.outputs;
    rows.push({
      benchmark: "state per resource (2 groups), after the next up",
      candidate: `${layout} layout`,
      value: `${steady} B (inputs ${s.steadyInputs} + outputs ${s.outputs})`,
      baseline: "",
      ratio: `${((steady / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      goal: "≤ 1.5 KiB",
      met: steady <= GOAL_BYTES,
    });
  }
  return {
    title: "Serialized provider and state bytes per resource (real CLI)",
    rows,
    notes: [
      "Person: the first bulk person (harness/bulk-people.ts), in 2 groups (Finance, Sales). One `pulumi up` of the real CLI (Automation API inline program, file backend, passphrase secrets), then `pulumi stack export`: the revocation's `inputs` (as Check returned them, the preview impact included) and `outputs` (as Create returned them), bytes of their compact JSON, `__provider` included in each (the engine keeps it in both).",
      "Program: bench/programs/revocations.ts with `people 1`, requiring the package from the Pulumi project's node_modules. Installed layout: the project is a temporary consumer that ran `npm pack --ignore-scripts` of the built package and `npm ci --offline` (bench/installed-project.ts, harness/installed-consumer.ts); the provider host runs there. Checkout layout: the project is this repository (its node_modules links back to dist/).",
      "After the next up: `pulumi stack export` once a second `pulumi up` (no change) has run, whose Check returns the inputs without the preview impact (a revocation already done is not looked up again); the outputs are unchanged.",
      `Canary credentials found in these revocations' inputs and outputs: ${installed.canaries + checkout.canaries} (the stack config signs with them, the CLI's environment holds them).`,
    ],
  };
}
