import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { assertDistFresh } from "../../harness/dist-freshness";
import { makeHostProject } from "../../harness/host-project";
import { LocalStack } from "../../harness/local-stack";
import type { PulumiCli } from "../../harness/pulumi-cli";

const REPO_ROOT = resolve(__dirname, "..", "..");

/** A package root with one source file and, unless `compiled` is false, its dist/ file, `distOlderBy` seconds older. */
function packageRoot(dir: string, { compiled = true, distOlderBy = 0 } = {}): string {
  const source = join(dir, "provider", "revocation", "provider.ts");
  mkdirSync(join(dir, "provider", "revocation"), { recursive: true });
  mkdirSync(join(dir, "emulator"), { recursive: true });
  writeFileSync(source, "export {};\n");
  const now = Date.now() / 1000;
  utimesSync(source, now, now);
  if (compiled) {
    const built = join(dir, "dist", "provider", "revocation", "provider.js");
    mkdirSync(join(dir, "dist", "provider", "revocation"), { recursive: true });
    writeFileSync(built, "");
    utimesSync(built, now - distOlderBy, now - distOlderBy);
  }
  return dir;
}

describe("the dist/ freshness check host tests rely on", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "quickbi-dist-freshness-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("passes when every source file has a compiled file at least as new", () => {
    assert.doesNotThrow(() => assertDistFresh(packageRoot(dir)));
  });

  it("fails naming the edited file and npm run build when the source is newer than dist/", () => {
    assert.throws(
      () => assertDistFresh(packageRoot(dir, { distOlderBy: 60 })),
      /^Error: dist\/ is older than the source \(provider\/revocation\/provider\.ts\): run `npm run build` first/,
    );
  });

  it("fails when a source file has never been built", () => {
    assert.throws(() => assertDistFresh(packageRoot(dir, { compiled: false })), /run `npm run build` first/);
  });

  it("stops a host project or a real-CLI stack of this repository from starting on a stale build", async () => {
    // Age one compiled file as an edit after the build would; restored at once (and a crash here
    // leaves only a stale dist/ that the next `npm run build` fixes).
    const compiled = join(REPO_ROOT, "dist", "provider", "index.js");
    const { atime, mtime } = statSync(compiled);
    utimesSync(compiled, atime, new Date(0));
    try {
      const stale = /dist\/ is older than the source \(provider\/index\.ts\): run `npm run build`/;
      await assert.rejects(makeHostProject(), stale);
      // The real CLI's stacks too, before the CLI is even looked at.
      const noCli = {} as PulumiCli;
      const main = join(REPO_ROOT, "index.js");
      await assert.rejects(
        LocalStack.open({ cli: noCli, project: "quickbi", projectDir: REPO_ROOT, main }),
        stale,
      );
    } finally {
      utimesSync(compiled, atime, mtime);
    }
  });
});
