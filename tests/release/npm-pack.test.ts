import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const REPO = resolve(__dirname, "..", "..");

/**
 * `npm pack` builds the tarball from the sources as they are (prepack runs `npm run build`), so a
 * release cannot ship a stale or missing dist/. In a scratch copy of the repository's files (no dist/,
 * this checkout's node_modules linked in), a source edited, then packed.
 */
describe("npm pack", function () {
  this.timeout(300_000);
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), "quickbi-pack-"));
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" }).split("\0");
    for (const file of files.filter(Boolean)) {
      mkdirSync(dirname(join(scratch, "repo", file)), { recursive: true });
      cpSync(join(REPO, file), join(scratch, "repo", file));
    }
    symlinkSync(join(REPO, "node_modules"), join(scratch, "repo", "node_modules"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("ships a source edit made after the last build, without prepare in the packed manifest", () => {
    const repo = join(scratch, "repo");
    const probe = `pack-probe-${process.pid}-${Date.now()}`;
    const index = join(repo, "provider", "index.ts");
    writeFileSync(index, `${readFileSync(index, "utf8")}\nexport const PACK_PROBE = "${probe}";\n`);
    const manifestBefore = readFileSync(join(repo, "package.json"), "utf8");

    const out = join(scratch, "out");
    mkdirSync(out);
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", out], {
        cwd: repo,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    ) as [{ filename: string }];
    execFileSync("tar", ["-xzf", join(out, packed.filename), "-C", out]);

    assert.ok(
      readFileSync(join(out, "package", "dist", "provider", "index.js"), "utf8").includes(probe),
      "dist/provider/index.js in the tarball is compiled from the edited source",
    );
    const manifest = JSON.parse(readFileSync(join(out, "package", "package.json"), "utf8"));
    assert.equal(manifest.scripts.prepare, undefined, "no install-time script in the tarball");
    assert.equal(readFileSync(join(repo, "package.json"), "utf8"), manifestBefore, "postpack restores it");
  });
});
