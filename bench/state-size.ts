// Bytes per resource: the serialized `__provider`, and the state the real CLI keeps for one revocation
// of a person in 2 groups and 2 workspaces (its checked inputs and its outputs, `__provider` in each,
// as `pulumi stack export` prints them): with the default scope and with the widest, from a source
// checkout, and the README's quick start (the widest scope) installed from the npm tarball (what
// users get), whose `__provider` must be the checkout's.
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

const WIDEST_SCOPE = ["groups", "workspaces", "organizationRoles", "account"];

/** Checkout: bench/programs/one-person.ts with `scope`, `pulumi up`, export, `pulumi up` again, export. */
async function checkoutSizes(scope?: readonly string[]): Promise<Sizes> {
  const emulator = await startCanaryEmulator({ randomSeed: 3 });
  const stack = await openBenchStack("one-person", emulator, scope ? { scope: JSON.stringify(scope) } : {});
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
  const widest = await checkoutSizes(WIDEST_SCOPE);
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
  }
  for (const [layout, s] of [
    ["checkout layout, default scope", checkout],
    ["checkout layout, widest scope", widest],
    ["installed layout, the quick start (widest scope)", installed],
  ] as const) {
    const total = s.inputs + s.outputs;
    rows.push({
      benchmark: "state per person (2 groups, 2 workspaces, an organisation admin)",
      candidate: layout,
      value: `${total} B (inputs ${s.inputs} + outputs ${s.outputs}; ${total - 2 * s.provider} B without the 2 __provider)`,
      baseline: "",
      ratio: `${((total / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      goal: "",
      met: undefined,
    });
    const steady = s.steadyInputs + s.outputs;
    const isGoal = layout === "checkout layout, default scope";
    rows.push({
      benchmark: "state per person (2 groups, 2 workspaces, an organisation admin), after the next up",
      candidate: layout,
      value: `${steady} B (inputs ${s.steadyInputs} + outputs ${s.outputs})`,
      baseline: "",
      ratio: `${((steady / GOAL_BYTES) * 100).toFixed(0)}% of goal`,
      goal: isGoal ? "≤ 1.5 KiB" : "",
      met: isGoal ? steady <= GOAL_BYTES : undefined,
    });
  }
  return {
    title: "Serialized provider and state bytes per resource (real CLI)",
    rows,
    notes: [
      "Person: alice of the default emulator seed, in 2 groups (Finance, Sales) and 2 workspaces, an organisation admin; the programs are bench/programs/one-person.ts (the default scope, or the widest) and the README's quick start (examples/offboard-one/index.ts, the widest scope). The goal is the issue's, for the default scope after the next up; the emulator's endpoint (`http://127.0.0.1:<port>`, 22 B) is recorded where a user's stack records `https://quickbi-public.cn-hangzhou.aliyuncs.com` (48 B). One `pulumi up` of the real CLI (Automation API inline program, file backend, passphrase secrets), then `pulumi stack export`: the revocation's `inputs` (as Check returned them, the preview impact included) and `outputs` (as Create returned them), bytes of their compact JSON, `__provider` included in each (the engine keeps it in both).",
      "Installed layout: a temporary project made as `pulumi new typescript` makes one, the tarball of the built package installed offline (harness/installed-consumer.ts), the program compiled there, the Automation API run from inside it on its own @pulumi/pulumi (harness/installed-stack.ts). Checkout layout: this repository as the project (its node_modules links back to dist/).",
      "After the next up: `pulumi stack export` once a second `pulumi up` (no change) has run, whose Check returns the inputs without the preview impact (a revocation already done is not looked up again); the outputs are unchanged.",
      `Canary credentials found in these revocations' inputs and outputs: ${installed.canaries + checkout.canaries + widest.canaries} (the stack config signs with them, the CLI's environment holds them).`,
    ],
  };
}
