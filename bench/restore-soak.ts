// The restore soak (tests/reliability/soak-restores.ts) at bench size: counts printed, goal 0 false
// done and 0 records lost.
import type { BenchmarkResult } from "./report";
import { runRestoreSoak } from "../tests/reliability/soak-restores";

export async function restoreSoak(options: {
  readonly people: number;
  readonly seed: number;
}): Promise<BenchmarkResult> {
  const result = await runRestoreSoak({ people: options.people, seed: options.seed });
  const v = result.verdicts;
  const examples = Object.entries(result.examples).flatMap(([verdict, list]) =>
    list.slice(0, 3).map((e) => `example (${verdict}): ${e}`),
  );
  return {
    title: "Fault-injection soak of restores (every step given back, one group deleted since)",
    rows: [
      {
        benchmark: `restore soak: ${result.people} people, seed ${options.seed}`,
        candidate: "real host, randomized faults on every operation of a restore",
        value: `${v.done} done, ${v["finished on the next up"]} finished on the next up, ${v["refused at preview"]} refused at preview; ${v["false done"]} false done, ${v["record lost"]} records lost, ${v.lost} lost, ${v.hang} hangs`,
        baseline: "",
        ratio: `${v["false done"]} false done, ${v["record lost"]} records lost`,
        goal: "0 false done, 0 records lost",
        met: v["false done"] === 0 && v["record lost"] === 0 && v.lost === 0,
      },
    ],
    notes: [
      `Everyone offboarded to zero access without faults, the group soak-group-4 deleted, then each restore under its own fault rules; a partial record is finished by a second update without faults. ${result.namedDeletedGroup} of the ${result.inDeletedGroup} people who were in the deleted group have it named as not restored.`,
      `Verdicts: ${JSON.stringify(v)}. Faults fired: ${JSON.stringify(result.faultsFired)}. Canary sightings: ${result.canarySightings}.`,
      ...examples,
    ],
  };
}
