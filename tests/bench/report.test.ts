import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatTable, saveResults, TERMINAL_WIDTH, type BenchmarkResult } from "../../bench/report";

/** Rows as wide as the real ones in bench/RESULTS.md. */
const RESULTS: BenchmarkResult[] = [
  {
    title: "latency",
    notes: ["interleaved"],
    rows: [
      {
        benchmark: "one revocation vs raw client, 20 ms latency",
        candidate: "host Check+Create, default config (quickbi:qps 10)",
        value: "125.2 ms (p90 129.9)",
        baseline: "raw: 113.4 ms (p90 115.6)",
        ratio: "1.10× (p90 1.12×)",
        goal: "≤ 1.05×",
        met: false,
      },
      {
        benchmark: "state per resource (2 groups)",
        candidate: "installed layout",
        value: "1677 B (inputs 695 + outputs 982; 1111 B without the 2 __provider) and a long tail of words",
        baseline: "",
        ratio: "109% of goal",
        goal: "≤ 1.5 KiB",
        met: false,
      },
    ],
  },
];

describe("the benchmark report", () => {
  it(`prints no line wider than ${TERMINAL_WIDTH} columns, and every figure`, () => {
    const text = formatTable(RESULTS);
    const widest = Math.max(...text.split("\n").map((line) => line.length));
    assert.ok(widest <= TERMINAL_WIDTH, `a line of ${widest} columns:\n${text}`);
    for (const figure of [
      "125.2 ms (p90 129.9)",
      "raw: 113.4 ms (p90 115.6)",
      "1.10× (p90 1.12×)",
      "NOT MET",
    ]) {
      assert.ok(text.includes(figure), `${figure} missing from:\n${text}`);
    }
  });

  describe("bench/RESULTS.md, which docs/performance.md quotes as the latest full run", () => {
    const dir = mkdtempSync(join(tmpdir(), "quickbi-bench-report-"));
    const command = "npm run bench -- --full";

    it("is not written by a quick run", () => {
      const path = join(dir, "quick.md");
      assert.equal(saveResults(RESULTS, { full: false, command: "npm run bench" }, path), false);
      assert.equal(existsSync(path), false);
    });

    it("is not written by a subset of a full run", () => {
      const path = join(dir, "subset.md");
      assert.equal(saveResults(RESULTS, { full: true, only: ["latency"], command }, path), false);
      assert.equal(existsSync(path), false);
    });

    it("is written by a full run, naming its command", () => {
      const path = join(dir, "full.md");
      assert.equal(saveResults(RESULTS, { full: true, command }, path), true);
      assert.match(readFileSync(path, "utf8"), /- command: `npm run bench -- --full`/);
    });
  });
});
