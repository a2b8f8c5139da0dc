import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { RUN_TEMP_DIR } from "../support/run-temp-dir";

const REPO_ROOT = resolve(__dirname, "..", "..");

/** Runs `script` in a node process that loads the run's temp-folder support, with TMPDIR set to `tmp`. */
function runWithTempSupport(tmp: string, script: string) {
  return spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "-r", "./tests/support/run-temp-dir.ts", "-e", script],
    { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: tmp }, encoding: "utf8" },
  );
}

/** What is left in `tmp`, but for the compile cache ts-node keeps there on purpose (one per user, reused). */
function leftIn(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => !name.startsWith("v8-compile-cache"));
}

const MAKE_FOLDERS = [
  'const { mkdtempSync, writeFileSync } = require("node:fs");',
  'const { join } = require("node:path");',
  'const dir = mkdtempSync(join(require("node:os").tmpdir(), "left-behind-"));',
  'writeFileSync(join(dir, "state.json"), "{}");',
].join("\n");

describe("the test run's temporary folder", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(RUN_TEMP_DIR, "outer-tmp-"));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it("is where os.tmpdir() points during the run", () => {
    assert.equal(require("node:os").tmpdir(), RUN_TEMP_DIR);
  });

  it("leaves nothing behind when the run ends, whatever the tests made in it", () => {
    const run = runWithTempSupport(tmp, MAKE_FOLDERS);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(leftIn(tmp), []);
  });

  it("leaves nothing behind when the run ends with an uncaught error", () => {
    const run = runWithTempSupport(tmp, `${MAKE_FOLDERS}\nthrow new Error("a failing run");`);
    assert.notEqual(run.status, 0);
    assert.deepEqual(leftIn(tmp), []);
  });
});
