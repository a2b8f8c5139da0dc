// Runs the whole suite (`npm test`) on one row of the support matrix, in a copy of this checkout
// (.matrix/<row>, gitignored) with the row's @pulumi/pulumi installed and the row's Node.js first on
// PATH, and prints how long the row took. The main checkout's node_modules is never touched.
//
//   npm run matrix -- newest                       a row of tests/matrix/rows.ts
//   npm run matrix -- --node 22.23.5 --pulumi 3.200.0   any other combination
//
// The copy shares this checkout's tool cache (PULUMI_QUICKBI_TOOLS, default .tools/), so the row's
// real-CLI and native-language tests use the CLI and tools already obtained here, never a rebuild.
import { execFileSync, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { refreshCopy } from "./checkout-copy";
import { nodeBinDir } from "./node-runtime";
import { MATRIX_ROWS, type MatrixRow } from "./rows";

const REPO = resolve(__dirname, "..", "..");

function rowFromArgs(argv: string[]): MatrixRow {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { node: { type: "string" }, pulumi: { type: "string" } },
  });
  const [name] = positionals;
  if (name !== undefined) {
    const row = MATRIX_ROWS.find((candidate) => candidate.name === name);
    if (!row) {
      throw new Error(`no matrix row "${name}"; rows: ${MATRIX_ROWS.map((r) => r.name).join(", ")}`);
    }
    return row;
  }
  if (!values.node || !values.pulumi) {
    throw new Error("give a row name, or --node <version> --pulumi <version>");
  }
  return {
    name: `node${values.node}-pulumi${values.pulumi}`,
    why: "given",
    node: values.node,
    pulumi: values.pulumi,
  };
}

/** Runs `command` in `cwd` with `env`, output streamed; fails naming the step. */
function step(what: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = Date.now();
  const run = spawnSync(command, args, { cwd, env, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`${what} failed (${command} ${args.join(" ")}: exit ${run.status})`);
  return Date.now() - started;
}

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

function main(): void {
  const row = rowFromArgs(process.argv.slice(2));
  const label = `${row.name}: Node.js ${row.node}, @pulumi/pulumi ${row.pulumi}, the pinned Pulumi CLI`;
  console.log(`== matrix ${label}`);
  const started = Date.now();
  const nodeBin = nodeBinDir(join(REPO, ".tools"), row.node);
  const copy = join(REPO, ".matrix", row.name);
  refreshCopy(REPO, copy);
  const env = {
    ...process.env,
    PATH: `${nodeBin}:${process.env.PATH ?? ""}`,
    PULUMI_QUICKBI_TOOLS: process.env.PULUMI_QUICKBI_TOOLS ?? join(REPO, ".tools"),
    // The copy's package.json names the row's @pulumi/pulumi; a release bundles this checkout's pin.
    PULUMI_QUICKBI_RELEASED_SDK: (
      require("../../package.json") as { devDependencies: Record<string, string> }
    ).devDependencies["@pulumi/pulumi"],
  };
  const install = step(
    "installing the row's @pulumi/pulumi",
    "npm",
    ["install", "--no-audit", "--no-fund", "--save-dev", "--save-exact", `@pulumi/pulumi@${row.pulumi}`],
    copy,
    env,
  );
  const reported = execFileSync(
    "node",
    ["-p", "process.version + ' ' + require('@pulumi/pulumi/package.json').version"],
    { cwd: copy, env, encoding: "utf8" },
  ).trim();
  if (reported !== `v${row.node} ${row.pulumi}`) {
    throw new Error(`the copy runs "${reported}", not Node.js ${row.node} with @pulumi/pulumi ${row.pulumi}`);
  }
  const testStarted = Date.now();
  try {
    step("npm test", "npm", ["test"], copy, env);
  } finally {
    // Printed whether the row passed or not: a failing row's time is worth knowing too.
    console.log(
      `== matrix ${label}: ${minutes(Date.now() - started)} ` +
        `(install ${minutes(install)}, npm test ${minutes(Date.now() - testStarted)})`,
    );
  }
  console.log(`== matrix ${row.name}: passed`);
}

try {
  main();
} catch (error) {
  console.error(`== matrix: ${(error as Error).message}`);
  process.exit(1);
}
