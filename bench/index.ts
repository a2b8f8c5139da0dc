// `npm run bench` runs every benchmark and prints one table; `--full` also writes bench/RESULTS.md.
//   npm run bench                       quick: smaller stacks and fewer repetitions (it says which)
//   npm run bench -- --full             the issue's sizes: bulk 200 people 3 times, preview and refresh
//                                       of 10,000 people (in an organisation of 12,000), more repetitions,
//                                       the 1,000-revocation soak
//   npm run bench -- --only=latency,bulk   a subset (RESULTS.md is then not rewritten)
// bulk, preview, refresh and size run the real Pulumi CLI (scripts/pulumi-cli obtains it first).
// Options (also as env BENCH_<NAME>, e.g. BENCH_MODE=full): --runs=N (timed repetitions),
// --latency=MS[,MS…] (latency benchmark, default 20,100), --people=N --qps=N --bulk-latency=MS --parallel=N (bulk),
// --stack-people=N --preview-rounds=N --refresh-rounds=N --refresh-qps=N (preview, refresh),
// --preview-with-stacks (preview: also the people with every SDK promise stack formatted, the "before"),
// --soak=N --seed=N (soak). Nothing here asserts a threshold: goals are printed as met / not met.
import "../tests/support/offline-env";
import { join } from "node:path";
import { benchBulk } from "./bulk";
import { benchColdStart } from "./cold-start";
import { loadAverage } from "./cli-stack";
import { setUpManyPeople, type ManyPeople } from "./many-people";
import { benchOneMore } from "./one-more";
import { benchPreview } from "./preview";
import { benchRefresh } from "./refresh";
import { formatTable, saveResults, type BenchmarkResult } from "./report";
import { benchRevocationLatency } from "./revocation-latency";
import { benchSoak } from "./soak";
import { benchStateSize } from "./state-size";
import { DEFAULTS } from "../provider/config/defaults";

const BENCHMARKS = [
  "size",
  "latency",
  "cold-start",
  "bulk",
  "preview",
  "refresh",
  "one-more",
  "soak",
] as const;
type Name = (typeof BENCHMARKS)[number];

function option(name: string): string | undefined {
  const flag = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag !== undefined) return flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : "true";
  return process.env[`BENCH_${name.toUpperCase().replace(/-/g, "_")}`];
}

function number(name: string, fallback: number): number {
  const text = option(name);
  return text === undefined ? fallback : positiveNumber(name, text);
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number; got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const full = option("full") === "true" || option("mode") === "full";
  const only = option("only")?.split(",") as Name[] | undefined;
  for (const name of only ?? []) {
    if (!BENCHMARKS.includes(name))
      throw new Error(`--only: unknown benchmark ${name}; known: ${BENCHMARKS.join(", ")}`);
  }
  const settings = {
    runs: number("runs", full ? 60 : 20),
    coldRuns: number("cold-runs", full ? 20 : 8),
    // The provider's overhead is a constant few milliseconds per gRPC call, so its ratio depends on the
    // API's latency: 20 ms is a fast, nearby endpoint; 100 ms a CI runner in another region.
    latencies: (option("latency") ?? "20,100").split(",").map((text) => positiveNumber("latency", text)),
    people: number("people", full ? 200 : 100),
    qps: number("qps", 50),
    bulkLatencyMs: number("bulk-latency", 20),
    // Unset: the CLI's own default (4 × CPU cores), as a user's `pulumi up` runs.
    ...(option("parallel") === undefined ? {} : { parallel: number("parallel", 1) }),
    bulkRepeats: full ? 3 : 1,
    stackPeople: number("stack-people", full ? 10_000 : 200),
    previewRounds: number("preview-rounds", full ? 1 : 3),
    refreshRounds: number("refresh-rounds", 1),
    // The provider's default: what a scheduled `pulumi up --refresh` gets unless the stack raises it.
    refreshQps: number("refresh-qps", DEFAULTS.qps),
    soak: number("soak", full ? 1000 : 200),
    seed: number("seed", 20261128),
  };
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  console.log(`${full ? "full" : "quick"} run: ${JSON.stringify(settings)}`);
  if (!full)
    console.log(
      `quick: bulk up of ${settings.people} people, preview and refresh of ${settings.stackPeople} (the issue's sizes, 200 and 10,000, are --full's)`,
    );
  console.log(`load average (1/5/15 min): ${loadAverage()}`);
  // The preview and refresh benchmarks share one setup of stackPeople people (minutes at 1,000).
  let many: Promise<ManyPeople> | undefined;
  const manyPeople = () => (many ??= setUpManyPeople(settings.stackPeople, settings.refreshQps));

  const plan: Record<Name, () => Promise<BenchmarkResult[]>> = {
    size: async () => [await benchStateSize()],
    latency: async () => {
      const results: BenchmarkResult[] = [];
      for (const latencyMs of settings.latencies) {
        results.push(await benchRevocationLatency({ runs: settings.runs, latencyMs }));
      }
      return results;
    },
    "cold-start": async () => [await benchColdStart({ runs: settings.coldRuns })],
    bulk: async () => [
      await benchBulk({
        people: settings.people,
        qps: settings.qps,
        latencyMs: settings.bulkLatencyMs,
        ...(settings.parallel === undefined ? {} : { parallel: settings.parallel }),
        repeats: settings.bulkRepeats,
      }),
    ],
    preview: async () => [
      await benchPreview(await manyPeople(), {
        rounds: settings.previewRounds,
        withStacks: option("preview-with-stacks") === "true",
      }),
    ],
    refresh: async () => [
      await benchRefresh(await manyPeople(), { rounds: settings.refreshRounds, qps: settings.refreshQps }),
    ],
    // After the refresh: it leaves both stacks one larger.
    "one-more": async () => [await benchOneMore(await manyPeople())],
    soak: async () => benchSoak({ revocations: settings.soak, seed: settings.seed }),
  };

  const results: BenchmarkResult[] = [];
  try {
    for (const name of BENCHMARKS) {
      if (only && !only.includes(name)) continue;
      const started = Date.now();
      process.stderr.write(`${name}...\n`);
      results.push(...(await plan[name]()));
      process.stderr.write(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    await (await many?.catch(() => undefined))?.close();
  }

  console.log(`\n${formatTable(results)}\n`);
  for (const result of results) {
    console.log(`${result.title}:\n${result.notes.map((n) => `  - ${n}`).join("\n")}\n`);
  }
  console.log(`load average (1/5/15 min): ${loadAverage()}`);
  const path = join(__dirname, "RESULTS.md");
  if (saveResults(results, { full, command, ...(only ? { only } : {}) }, path))
    console.log(`written to ${path}`);
  else console.log(`${path} holds the last full run; only \`npm run bench -- --full\` rewrites it`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
