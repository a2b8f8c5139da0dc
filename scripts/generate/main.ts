// `npm run generate` (with scripts/gen-sdk after it): rewrites every file generated from the
// declarations. `--check` rewrites nothing and exits 1 naming each stale file.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GENERATE, generatedFiles } from "./files";

async function main(check: boolean): Promise<void> {
  const root = resolve(__dirname, "..", "..");
  const stale: string[] = [];
  for (const [path, text] of await generatedFiles(root)) {
    let current: string | undefined;
    try {
      current = readFileSync(join(root, path), "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(path);
    if (!check) writeFileSync(join(root, path), text);
  }
  if (check && stale.length) {
    console.error(`stale: ${stale.join(", ")}; run ${GENERATE}`);
    process.exitCode = 1;
  } else console.error(stale.length ? `generate: rewrote ${stale.join(", ")}` : "generate: all up to date");
}

void main(process.argv.includes("--check"));
