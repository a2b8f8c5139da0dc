// A copy of this checkout where a matrix row can install its own @pulumi/pulumi without touching the
// checkout's node_modules or package-lock.json. It holds what git would commit from the work tree
// (tracked and untracked files that are not ignored, with their uncommitted changes), and keeps its
// node_modules between runs so a warm machine installs only what changed.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/** Refreshes `copyDir` from the work tree at `repoDir`, keeping only its node_modules. */
export function refreshCopy(repoDir: string, copyDir: string): void {
  mkdirSync(copyDir, { recursive: true });
  for (const entry of readdirSync(copyDir)) {
    if (entry !== "node_modules") rmSync(join(copyDir, entry), { recursive: true, force: true });
  }
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoDir,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(repoDir, file)));
  for (const file of files) {
    mkdirSync(dirname(join(copyDir, file)), { recursive: true });
    cpSync(join(repoDir, file), join(copyDir, file));
  }
}
