// Host tests run the package's compiled dist/ (the provider host requires it through the package's
// exports), while in-process tests run the TypeScript source. After an edit, a host test run without a
// build would silently test the old code; every harness that hands dist/ to a host checks this first.
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const REPO_ROOT = resolve(__dirname, "..");
/** The source folders `npm run build` compiles (tsconfig.build.json). */
const BUILT = ["provider", "emulator"] as const;

/**
 * Throws, naming `npm run build`, when a source file of the package is newer than its compiled
 * file in dist/ or has none. Cheap: a stat per file, about a hundred of them.
 */
export function assertDistFresh(root: string = REPO_ROOT): void {
  const stale: string[] = [];
  for (const folder of BUILT) {
    for (const source of typeScriptFiles(join(root, folder))) {
      const compiled = join(root, "dist", relative(root, source)).replace(/\.ts$/, ".js");
      const built = statSync(compiled, { throwIfNoEntry: false });
      if (!built || built.mtimeMs < statSync(source).mtimeMs) stale.push(relative(root, source));
    }
  }
  if (stale.length > 0) {
    const shown = stale.slice(0, 3).join(", ") + (stale.length > 3 ? ` and ${stale.length - 3} more` : "");
    throw new Error(
      `dist/ is older than the source (${shown}): run \`npm run build\` first. ` +
        "Tests through the provider host run dist/, so they would test the code as it was at the last build.",
    );
  }
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}
