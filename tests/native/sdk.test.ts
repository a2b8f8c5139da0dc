import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { findPulumiCli } from "../../harness/pulumi-cli";

const ROOT = resolve(__dirname, "..", "..");

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string, base = dir): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === "__pycache__" || entry.endsWith(".egg-info") || entry === "build") continue;
    if (statSync(path).isDirectory()) for (const [k, v] of filesUnder(path, base)) files.set(k, v);
    else files.set(relative(base, path), readFileSync(path, "utf8"));
  }
  return files;
}

/**
 * The committed SDKs (sdk/python, sdk/go) are what `npm run generate` makes from schema.json now: a
 * schema change without regenerating fails here. (The Go SDK is compiled by the Go example's build,
 * the Python SDK installed into the example's venv and imported by it: tests/native/examples.test.ts.)
 */
describe("the generated SDKs", function () {
  this.timeout(900_000);

  it("are what pulumi package gen-sdk makes from schema.json", async function () {
    if (!findPulumiCli()) {
      console.log(
        "    skipping: no Pulumi CLI v3.276.0; run scripts/native-toolchain (or scripts/pulumi-cli)",
      );
      this.skip();
    }
    const out = mkdtempSync(join(tmpdir(), "quickbi-sdk-"));
    try {
      await promisify(execFile)(join(ROOT, "scripts", "gen-sdk"), ["--out", out]);
      for (const language of ["python", "go"]) {
        const committed = filesUnder(join(ROOT, "sdk", language));
        const generated = filesUnder(join(out, language));
        assert.deepEqual(
          [...committed.keys()].sort(),
          [...generated.keys()].sort(),
          `sdk/${language}: files (run npm run generate)`,
        );
        for (const [file, text] of generated) {
          assert.ok(committed.get(file) === text, `sdk/${language}/${file} is stale: run npm run generate`);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
