// Bytes per resource: the serialized `__provider`, and the state the engine keeps for one revocation
// of a person in 2 groups (its checked inputs and its outputs, `__provider` in each), in both layouts:
// installed from the npm tarball (what users get) and from a source checkout (this repository).
import { ALICE, stackConfig } from "./setup";
import { installConsumer } from "../harness/installed-consumer";
import type { BenchmarkResult, Row } from "./report";
import { QuickBIUserGroupRevocation } from "../provider";
import { MiniEngine } from "../harness/engine";
import { makeHostProject } from "../harness/host-project";
import { startProviderHost, urnFor, type PropertyMap } from "../harness/provider-host";
import { CANARY_ENV, canariesIn } from "../tests/support/canaries";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE } from "../tests/support/revocation-provider-text";

const GOAL_BYTES = 1536;

interface Sizes {
  readonly provider: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly canaries: number;
  /** The inputs after the next `pulumi up`: its Check returns them without the preview impact. */
  readonly steadyInputs: number;
}

const bytes = (value: unknown) =>
  Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value));

function sizesOf(inputs: PropertyMap, outputs: PropertyMap, steadyInputs: PropertyMap): Sizes {
  return {
    provider: bytes(inputs.__provider),
    inputs: bytes(inputs),
    outputs: bytes(outputs),
    canaries: canariesIn(JSON.stringify([inputs, outputs, steadyInputs])).length,
    steadyInputs: bytes(steadyInputs),
  };
}

/** From a checkout: MiniEngine runs the program here and stores the state as the engine would. */
async function checkoutSizes(): Promise<Sizes> {
  const emulator = await startCanaryEmulator({ randomSeed: 3 });
  const project = await makeHostProject();
  try {
    const engine = new MiniEngine({
      projectDir: project.dir,
      stackConfig: stackConfig(emulator),
      env: CANARY_ENV,
    });
    const program = () => {
      new QuickBIUserGroupRevocation("offboard-alice", { userId: ALICE });
    };
    await engine.up(program);
    const [state] = engine.exportState();
    await engine.up(program);
    const [steady] = engine.exportState();
    return sizesOf(state!.inputs, state!.outputs, steady!.inputs);
  } finally {
    await project.cleanup();
    await emulator.stop();
  }
}

/**
 * Installed: the consumer's own host runs Check and Create with the `__provider` its own process
 * serialized; the state entry is what MiniEngine would store from them (the checked inputs, the
 * created properties). MiniEngine itself cannot run the consumer's program: it runs programs in this
 * process, whose copy of the package is the checkout.
 */
async function installedSizes(): Promise<Sizes> {
  const consumer = installConsumer();
  const emulator = await startCanaryEmulator({ randomSeed: 3 });
  const host = await startProviderHost({
    cwd: consumer.dir,
    pulumiDir: consumer.pulumiDir,
    project: "consumer",
    env: CANARY_ENV,
  });
  try {
    await host.configure(stackConfig(emulator));
    const urn = urnFor(REVOCATION_TYPE, "offboard-alice", "consumer");
    const checked = await host.check(urn, {}, { userId: ALICE, __provider: consumer.provider });
    const created = await host.create(urn, checked.inputs);
    const next = await host.check(urn, checked.inputs, { userId: ALICE, __provider: consumer.provider });
    return sizesOf(checked.inputs, created.properties, next.inputs);
  } finally {
    await host.stop();
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
    title: "Serialized provider and state bytes per resource",
    rows,
    notes: [
      "Person: alice of the default emulator seed, in 2 groups (Finance, Sales); inputs as Check returned them (the preview impact included), outputs as Create returned them; bytes of their compact JSON, `__provider` included in each (the engine keeps it in both).",
      "Installed layout: `npm pack --ignore-scripts` of the built package, `npm ci --offline` into a temporary consumer project (harness/installed-consumer.ts, shared with tests/packaging), `__provider` serialized by the consumer's own node process, Check and Create in the consumer's own provider host.",
      "Checkout layout: the program run in this process under `MiniEngine` (harness/engine.ts), state from `exportState()`.",
      "After the next up: the state once another `pulumi up` has run, whose Check returns the inputs without the preview impact (a revocation already done is not looked up again); the outputs are unchanged.",
      `Canary credentials found in these states: ${installed.canaries + checkout.canaries} (the stack config signs with them, the host's env holds them).`,
    ],
  };
}
