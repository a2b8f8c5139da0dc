// A Node.js binary of an exact version, from the npm registry: the package node-<platform>-<arch>
// ships bin/node, so no download site is needed. Kept in .tools/node-<version> (gitignored), so a
// warm machine installs each version once; npm's cache keeps the tarball for a fresh clone.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The directory holding the `node` executable of `version`, installed under `toolsDir` if missing. */
export function nodeBinDir(toolsDir: string, version: string): string {
  const home = join(toolsDir, `node-${version}`);
  const bin = join(home, "bin");
  if (existsSync(join(bin, "node"))) return bin;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  mkdirSync(toolsDir, { recursive: true });
  const staging = mkdtempSync(join(toolsDir, ".node-"));
  try {
    const tarball = execFileSync("npm", ["pack", pkg, "--silent", "--pack-destination", staging], {
      encoding: "utf8",
    }).trim();
    execFileSync("tar", ["-xzf", join(staging, tarball), "-C", staging]);
    // Renamed into place only once complete, so an interrupted install is never taken for one.
    renameSync(join(staging, "package"), home);
  } catch (error) {
    throw new Error(`could not install Node.js ${version} from the npm package ${pkg}`, { cause: error });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const reported = execFileSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).trim();
  if (reported !== `v${version}`) throw new Error(`${pkg} installed a node that reports ${reported}`);
  return bin;
}
