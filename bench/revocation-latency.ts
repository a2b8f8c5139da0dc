// One revocation through the real dynamic-provider host (Check then Create, as `pulumi up` runs a new
// resource) against the seven raw `@alicloud/openapi-client` calls it makes: QueryUserInfoByUserId,
// ListUserGroupsByUserId and ListWorkspaceUserRolesByUserId (Check's preview impact and residual
// access), then ListUserGroupsByUserId, WithdrawAllUserGroups, ListUserGroupsByUserId and
// ListWorkspaceUserRolesByUserId (Create's audit, withdrawal, verification and residual access). Every request to the emulator
// is delayed by the same injected latency, so the ratio says what the provider adds to the API's cost.
import { ALICE, NO_LIMITER, makeHostProject, restoreAlice, stackConfig, startHost } from "./setup";
import { measureLimiterCost } from "./limiter-cost";
import { startRawClientProcess } from "./raw-client-process";
import { ms, times, type BenchmarkResult } from "./report";
import { interleave, msSince } from "./stats";
import { version as OPENAPI_CLIENT_VERSION } from "@alicloud/openapi-client/package.json";
import { urnFor } from "../harness/provider-host";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../tests/support/revocation-provider-text";

export interface LatencyOptions {
  readonly runs: number;
  readonly latencyMs: number;
}

export async function benchRevocationLatency(options: LatencyOptions): Promise<BenchmarkResult> {
  const emulator = await startCanaryEmulator({
    randomSeed: 1,
    faults: { rules: [{ fault: "latency", latencyMs: options.latencyMs }] },
  });
  const project = await makeHostProject();
  const provider = await revocationProviderText();
  const defaults = await startHost(project);
  const unlimited = await startHost(project);
  try {
    await defaults.configure(stackConfig(emulator));
    await unlimited.configure(stackConfig(emulator, NO_LIMITER));
    const raw = await startRawClientProcess(emulator);
    const rawCalls = [
      "QueryUserInfoByUserId",
      "ListUserGroupsByUserId",
      "ListWorkspaceUserRolesByUserId",
      "ListUserGroupsByUserId",
      "WithdrawAllUserGroups",
      "ListUserGroupsByUserId",
      "ListWorkspaceUserRolesByUserId",
    ].map((action) => [action, { UserId: ALICE }] as const);
    const urn = urnFor(REVOCATION_TYPE, "offboard-alice");
    // The default row measures a lone revocation, as one person's `pulumi up` makes it: the shared
    // limiter holds each call's slot until a second after the call, so back-to-back repetitions would
    // measure its quota (2 revocations a second at 10/s) instead. It waits, untimed, for the window.
    const throughHost =
      (host: typeof defaults, settleMs = 0) =>
      async () => {
        restoreAlice(emulator);
        if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
        const start = process.hrtime.bigint();
        const checked = await host.check(urn, {}, { userId: ALICE, __provider: provider });
        await host.create(urn, checked.inputs);
        return msSince(start);
      };
    const summaries = await interleave(
      [
        {
          label: "raw",
          run: async () => {
            restoreAlice(emulator);
            return raw.run(rawCalls);
          },
        },
        { label: "defaults", run: throughHost(defaults, 1100) },
        { label: "unlimited", run: throughHost(unlimited) },
      ],
      options.runs,
      3,
    );
    raw.stop();
    emulator.setFaults({});
    const limiter = await measureLimiterCost(emulator, options.runs * 2);
    const raw_ = summaries.get("raw")!;
    const row = (label: string, candidate: string) => {
      const s = summaries.get(label)!;
      return {
        benchmark: `one revocation vs raw client, ${options.latencyMs} ms latency`,
        candidate,
        value: ms(s),
        baseline: `raw: ${ms(raw_)}`,
        ratio: times(s, raw_),
        goal: "≤ 1.05×",
        met: s.median / raw_.median <= 1.05,
      };
    };
    return {
      title: "One revocation through the host vs the raw client",
      rows: [
        row("defaults", "host Check+Create, default config (quickbi:qps 10)"),
        row("unlimited", `host Check+Create, quickbi:qps ${NO_LIMITER["quickbi:qps"]}`),
      ],
      notes: [
        `${options.runs} interleaved repetitions of each (after 3 discarded), every emulator request delayed ${options.latencyMs} ms (emulator \`latency\` fault); alice is put back in her 2 groups before each repetition.`,
        `Baseline: the same ${rawCalls.length} operations (${rawCalls.map(([action]) => action).join(", ")}) with \`@alicloud/openapi-client\` ${OPENAPI_CLIENT_VERSION} called directly (same ACS3-HMAC-SHA256 signing, same Params), sequentially, in a child process of its own (bench/raw-client-process.ts), so that it, like the host, talks to the emulator across processes; timed inside that process.`,
        "Candidate: `check` then `create` over gRPC to a warm `@pulumi/pulumi` dynamic-provider host, `__provider` from a checkout; timed from the Check request to the Create response.",
        `The default row is a lone revocation with the shared limiter at its default \`quickbi:qps\` 10: each repetition first waits (untimed) 1.1 s for the limiter's window to clear, as for one person's \`pulumi up\`; its ${rawCalls.length} calls fit in the window and start at once. The second row lifts the limit and runs back to back, to show what the limiter itself costs.`,
        `Where the rest goes (no latency, in this process, ${options.runs * 2} interleaved calls of ListUserGroupsByUserId): raw client ${ms(limiter.raw)}; the provider's Quick BI client without its limiter ${ms(limiter.client)}; with its limiter set to qps 10000 ${ms(limiter.clientWithLimiter)}. The rest of the gap is spent in and on the way to the host process: two gRPC round trips, Struct conversion, the \`__provider\` lookup, the provider's validation.`,
      ],
    };
  } finally {
    await defaults.stop();
    await unlimited.stop();
    await project.cleanup();
    await emulator.stop();
  }
}
