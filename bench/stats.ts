// Medians and percentiles of repeated runs, and the interleaved runner every timed benchmark uses: the
// baseline and the candidates take turns (in a rotating order), so a noisy moment on a shared 2-core
// machine hits them alike instead of biasing one.

/** Median and 90th percentile (nearest rank) of a set of samples, in the samples' unit. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const median =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { n: sorted.length, median, p90: at(0.9) };
}

/** One contender of an interleaved measurement: `run` does one repetition and returns its duration in ms. */
export interface Variant {
  readonly label: string;
  readonly run: () => Promise<number>;
}

/**
 * Runs every variant `rounds` times, one repetition of each per round, rotating which goes first.
 * `warmup` rounds run first and are discarded (JIT, connection pools, first `require`s).
 */
export async function interleave(
  variants: readonly Variant[],
  rounds: number,
  warmup: number,
): Promise<Map<string, Summary>> {
  const samples = new Map(variants.map((v) => [v.label, [] as number[]]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]!;
      const ms = await variant.run();
      if (round >= warmup) samples.get(variant.label)!.push(ms);
    }
  }
  return new Map([...samples].map(([label, s]) => [label, summarize(s)]));
}

/** Milliseconds since `start` (from `process.hrtime.bigint()`). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
