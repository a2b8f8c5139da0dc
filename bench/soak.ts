// The long fault-injection soak (tests/reliability/soak.ts): counts printed, goal 0 false done.
import type { BenchmarkResult } from "./report";
import { runSoak } from "../tests/reliability/soak";

export interface SoakBenchOptions {
  readonly revocations: number;
  readonly seed: number;
}

export async function benchSoak(options: SoakBenchOptions): Promise<BenchmarkResult> {
  let last = 0;
  const result = await runSoak({
    revocations: options.revocations,
    seed: options.seed,
    onProgress: (settled) => {
      if (settled - last >= 100 || settled === options.revocations) {
        last = settled;
        process.stderr.write(`  soak: ${settled}/${options.revocations}\n`);
      }
    },
  });
  const v = result.verdicts;
  const counts = `${v["false done"]} false done, ${v.lost} lost, ${v.hang} hangs, ${v["failed unclearly"]} unclear, ${v["failed but recorded"]} recorded on failure`;
  const codes = Object.entries(result.failureCodes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(", ");
  const fired = Object.entries(result.faultsFired)
    .sort((a, b) => b[1] - a[1])
    .map(([fault, n]) => `${fault} ${n}`)
    .join(", ");
  const examples = Object.entries(result.examples).flatMap(([verdict, list]) =>
    list.slice(0, 3).map((e) => `example (${verdict}): ${e}`),
  );
  return {
    title: "Fault-injection soak",
    rows: [
      {
        benchmark: `soak: ${result.revocations} revocations, seed ${options.seed}`,
        candidate: "real host, randomized faults",
        value: `${v.done} done, ${v["failed clearly"] + v["failed unclearly"]} failed; ${counts}`,
        baseline: "",
        ratio: `${v["false done"]} false done`,
        goal: "0 false done",
        met: v["false done"] === 0,
      },
    ],
    notes: [
      `${result.revocations} users, each in 1–3 groups, each with 0–3 fault rules of its own (throttle, unavailable, html502, html503, reset, hang, internal, resultFalse, keepMembership, forbidden, latency up to readTimeout + 150 ms; on one action or all; 1–3 times, or one rule in ten on every request); Check then Create through one provider host, 8 at a time, \`quickbi:readTimeout\` 250 ms, each call bounded at 60 s. ${result.requests} requests in ${result.seconds.toFixed(1)} s.`,
      `Verdicts: ${JSON.stringify(v)}. Failed after withdrawing (safe: the next run records it): ${result.failedAfterWithdrawing}. Canary sightings: ${result.canarySightings}.`,
      `Final codes of the clear failures: ${codes || "none"}.`,
      `Faults fired: ${fired}.`,
      "A revocation is done only when Create returned outputs with outcome `withdrawn`, the emulator holds no membership of the user, and `requestId` is a WithdrawAllUserGroups request for that user that the emulator answered 200 without a resultFalse/keepMembership fault. A failure is clear when the message names the operation, the user and a code.",
      ...examples,
    ],
  };
}
