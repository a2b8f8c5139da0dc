// Host cold start to the first Create: the time `pulumi up` spends from starting the dynamic-provider
// host to the first resource created, for this package's provider and for a trivial one (create returns
// at once) started the same way, in the same project, with the same stack config. What differs is what
// the provider loads on its first call (@alicloud/openapi-client, @alicloud/credentials...)
// and the calls it makes.
import { ALICE, NO_LIMITER, makeHostProject, restoreAlice, stackConfig, startHost } from "./setup";
import { TRIVIAL_TYPE, trivialProviderText } from "./fixtures/trivial-provider";
import { ms, times, type BenchmarkResult } from "./report";
import { interleave, msSince } from "./stats";
import { urnFor } from "../harness/provider-host";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../tests/support/revocation-provider-text";

export interface ColdStartOptions {
  readonly runs: number;
}

export async function benchColdStart(options: ColdStartOptions): Promise<BenchmarkResult> {
  const emulator = await startCanaryEmulator({ randomSeed: 2 });
  const project = await makeHostProject();
  const revocation = await revocationProviderText();
  const trivial = await trivialProviderText();
  try {
    const coldRun =
      (config: Record<string, string>, urn: string, props: Record<string, unknown>) => async () => {
        restoreAlice(emulator);
        const start = process.hrtime.bigint();
        const host = await startHost(project);
        try {
          await host.configure(config);
          const checked = await host.check(urn, {}, props);
          await host.create(urn, checked.inputs);
          return msSince(start);
        } finally {
          await host.stop();
        }
      };
    const revocationUrn = urnFor(REVOCATION_TYPE, "offboard-alice");
    const summaries = await interleave(
      [
        {
          label: "trivial",
          run: coldRun(stackConfig(emulator), urnFor(TRIVIAL_TYPE, "trivial"), {
            note: "trivial",
            __provider: trivial,
          }),
        },
        {
          label: "defaults",
          run: coldRun(stackConfig(emulator), revocationUrn, { userId: ALICE, __provider: revocation }),
        },
        {
          label: "unlimited",
          run: coldRun(stackConfig(emulator, NO_LIMITER), revocationUrn, {
            userId: ALICE,
            __provider: revocation,
          }),
        },
      ],
      options.runs,
      1,
    );
    const base = summaries.get("trivial")!;
    const row = (label: string, candidate: string) => {
      const s = summaries.get(label)!;
      return {
        benchmark: "host cold start to first Create",
        candidate,
        value: ms(s),
        baseline: `trivial provider: ${ms(base)}`,
        ratio: times(s, base),
        goal: "≤ 1.3×",
        met: s.median / base.median <= 1.3,
      };
    };
    return {
      title: "Host cold start to the first Create",
      rows: [
        row("defaults", "revocation, default config (quickbi:qps 10)"),
        row("unlimited", `revocation, quickbi:qps ${NO_LIMITER["quickbi:qps"]}`),
      ],
      notes: [
        `${options.runs} interleaved repetitions of each (after 1 discarded); each starts a fresh \`node @pulumi/pulumi/cmd/dynamic-provider\` process in the same temporary Pulumi project, then Configure, Check and Create; timed from spawn to the Create response (stopping the host is not timed).`,
        "Baseline: a dynamic provider whose only method is a `create` that returns its inputs (bench/fixtures/trivial-provider.ts), `__provider` copied by value.",
        "Candidate: QuickBIUserGroupRevocation from a checkout (its `__provider` requires this package's dist/ at run time); the emulator adds no latency, so its 7 calls cost ~1 ms each plus the limiter's spacing in the default row.",
      ],
    };
  } finally {
    await project.cleanup();
    await emulator.stop();
  }
}
