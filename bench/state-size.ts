// Bytes per resource: the serialized `__provider`, and the state the real CLI keeps for one revocation
// of a person in 2 groups (its checked inputs and its outputs, `__provider` in each, as `pulumi stack
// export` prints them), in both layouts: installed from the npm tarball (what users get) and from a
// source checkout (this repository).
import { benchCli, openBenchStack } from "./cli-stack";
import type { BenchmarkResult, Row } from "./report";
import { installConsumer } from "../harness/installed-consumer";
import { runInstalledStack } from "../harness/installed-stack";
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

type Revocation = Pick<StateResource, "inputs" | "outputs">;

function sizesOf(first: Revocation, steady: Revocation): Sizes {
  return {
    provider: bytes(first.inputs?.__provider),
    inputs: bytes(first.inputs),
    outputs: bytes(first.outputs),
    steadyInputs: bytes(steady.inputs),
    canaries: canariesIn(JSON.stringify([first, steady])).length,
  };
}

/** The one revocation of an exported state. */
function revocationOf(resources: readonly { type: string }[] | undefined): Revocation {
  const found = (resources ?? []).filter((r) => r.type === REVOCATION_TYPE);
  if (found.length !== 1) throw new Error(`the state holds ${found.length} revocations, not 1`);
  return found[0] as Revocation;
}

/** Checkout: the quick start from this repository, `pulumi up`, export, `pulumi up` again, export. */
async function checkoutSizes(): Promise<Sizes> {
  const emulator = await startCanaryEmulator({ randomSeed: 3 });
  const stack = await openBenchStack("offboard-one", emulator);
  try {
    await stack.stack.up();
    const first = revocationOf(await stack.resources());
    await stack.stack.up();
    return sizesOf(first, revocationOf(await stack.resources()));
  } finally {
    await stack.close();
    await emulator.stop();
  }
}

/** Installed: the same quick start in a project that installed the tarball, the CLI run from inside it. */
async function installedSizes(): Promise<Sizes> {
  const consumer = installConsumer();
  const emulator = await startCanaryEmulator({ randomSeed: 3 });
  try {
    const config = {
      endpoint: emulator.url,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    };
    const { runs } = await runInstalledStack(consumer, benchCli(), config, ["up", "export", "up", "export"]);
    const [first, steady] = runs.filter((r) => r.command === "export");
    return sizesOf(revocationOf(first!.deployment?.resources), revocationOf(steady!.deployment?.resources));
  } finally {
    await emulator.stop();
    consumer.cleanup();
  }
}

export async function benchStateSize(): Promise<BenchmarkResult> {
  const installed = await installedSizes();
  const checkout = await checkoutSizes();
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
      "Person: alice of the default emulator seed, in 2 groups (Finance, Sales); the program is the README's quick start (examples/offboard-one/index.ts). One `pulumi up` of the real CLI (Automation API inline program, file backend, passphrase secrets), then `pulumi stack export`: the revocation's `inputs` (as Check returned them, the preview impact included) and `outputs` (as Create returned them), bytes of their compact JSON, `__provider` included in each (the engine keeps it in both).",
      "Installed layout: a temporary project made as `pulumi new typescript` makes one, the tarball of the built package installed offline (harness/installed-consumer.ts), the program compiled there, the Automation API run from inside it on its own @pulumi/pulumi (harness/installed-stack.ts). Checkout layout: this repository as the project (its node_modules links back to dist/).",
      "After the next up: `pulumi stack export` once a second `pulumi up` (no change) has run, whose Check returns the inputs without the preview impact (a revocation already done is not looked up again); the outputs are unchanged.",
      `Canary credentials found in these revocations' inputs and outputs: ${installed.canaries + checkout.canaries} (the stack config signs with them, the CLI's environment holds them).`,
    ],
  };
}
