// The long fault-injection soak (tests/reliability/soak.ts): counts printed, goal 0 false done.
import type { BenchmarkResult } from "./report";
import { runSoak } from "../tests/reliability/soak";
import { restoreSoak } from "./restore-soak";

export interface SoakBenchOptions {
  readonly revocations: number;
  readonly seed: number;
}

/** Every step: the multi-step offboarding's own soak. */
const FULL_SCOPE = ["groups", "workspaces", "organizationRoles", "account"];

export async function benchSoak(options: SoakBenchOptions): Promise<BenchmarkResult[]> {
  return [
    await groupsSoak(options),
    await scopedSoak(options),
    await restoreSoak({ people: options.revocations, seed: options.seed }),
  ];
}

function progress(label: string, total: number): (settled: number) => void {
  let last = 0;
  return (settled) => {
    if (settled - last >= 100 || settled === total) {
      last = settled;
      process.stderr.write(`  ${label}: ${settled}/${total}\n`);
    }
  };
}

/** The same soak with every step beyond the groups: goal 0 false done and 0 records lost. */
async function scopedSoak(options: SoakBenchOptions): Promise<BenchmarkResult> {
  const result = await runSoak({
    revocations: options.revocations,
    seed: options.seed,
    scope: FULL_SCOPE,
    onProgress: progress("scoped soak", options.revocations),
  });
  const v = result.verdicts;
  const examples = Object.entries(result.examples)
    .filter(([verdict]) => verdict !== "recorded partial")
    .flatMap(([verdict, list]) => list.slice(0, 3).map((e) => `example (${verdict}): ${e}`));
  return {
    title: "Fault-injection soak, every step (scope groups, workspaces, organizationRoles, account)",
    rows: [
      {
        benchmark: `scoped soak: ${result.revocations} people, seed ${options.seed}`,
        candidate: "real host, randomized faults on every operation",
        value: `${v.done} done, ${v["recorded partial"]} partial records, ${v["failed clearly"]} failed before any step; ${v["false done"]} false done, ${v["record lost"]} records lost, ${v.lost} lost, ${v.hang} hangs, ${v["failed unclearly"]} unclear`,
        baseline: "",
        ratio: `${v["false done"]} false done, ${v["record lost"]} records lost`,
        goal: "0 false done, 0 records lost",
        met: v["false done"] === 0 && v["record lost"] === 0 && v.lost === 0,
      },
    ],
    notes: [
      `Each person is also in 1–2 workspaces, every other one an organisation admin, every tenth the owner of a workspace of their own (a partial record by design); fault rules also on DeleteUserFromWorkspace, UpdateUser, ListWorkspaceUserRolesByUserId and QueryOrganizationWorkspaceList. ${result.requests} requests in ${result.seconds.toFixed(1)} s.`,
      "A step is false done when recorded done while the emulator still shows the access, or its RequestId is not a 200 answer without a resultFalse/keepMembership fault; a record is lost when Quick BI took access away (a workspace, the admin role, an active account) that neither the outputs nor the partial outputs of a failed create name.",
      `Verdicts: ${JSON.stringify(v)}. Canary sightings: ${result.canarySightings}.`,
      ...examples,
    ],
  };
}

async function groupsSoak(options: SoakBenchOptions): Promise<BenchmarkResult> {
  const result = await runSoak({
    revocations: options.revocations,
    seed: options.seed,
    onProgress: progress("soak", options.revocations),
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
