/**
 * The release as a Python or YAML user installs it, built from this checkout and installed offline into
 * a fresh directory:
 * - the linux-amd64 plugin archive (tools/release/plugin-archives.ts), installed with `pulumi plugin
 *   install resource quickbi <version> --file <archive>` into a fresh `PULUMI_HOME`;
 * - the Python SDK's wheel (tools/release/python-sdk.ts), installed into a fresh venv with `pip install
 *   --no-index` from the wheelhouse `npm run tools` fills;
 * - a CLI directory holding only `pulumi` and `pulumi-language-yaml`, as the CLI's own archive has them
 *   (hard links to the tools, so the CLI's own directory is that one).
 * scripts/native-toolchain obtains the tools, the wheelhouse and the plugin's Node.js.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { cachedNodeBinary, toolsDir } from "../tools/release/node-binaries";
import { buildPluginArchives } from "../tools/release/plugin-archives";
import { buildPythonSdk } from "../tools/release/python-sdk";
import { hostTarget } from "../tools/release/targets";
import { assertDistFresh } from "./dist-freshness";
import { nativeToolchainPaths, type ExampleTools } from "./example-stack";

const run = promisify(execFile);

type Tools = Exclude<ExampleTools, { missing: string }>;

/** What a user has after installing the release. */
export interface InstalledRelease {
  readonly dir: string;
  readonly version: string;
  /** The CLI, its YAML host, the fresh venv's python: what ExampleStack runs. */
  readonly tools: Tools;
  /** The `PULUMI_HOME` the plugin archive was installed into. */
  readonly pulumiHome: string;
  /** `PATH` as the stacks get it: the CLI's directory and the venv's bin. */
  readonly path: string;
  /** What `pulumi plugin install` printed. */
  readonly installOutput: string;
  close(): void;
}

/** The wheelhouse `npm run tools` filled, or undefined if it has not. */
export function wheelhouse(): string | undefined {
  const dir = nativeToolchainPaths().wheelhouse;
  return dir && existsSync(dir) ? dir : undefined;
}

/** What {@link installRelease} needs that this machine lacks (it fetches nothing), or undefined. */
export function missingForRelease(): string | undefined {
  const host = hostTarget();
  if (!host) return `a plugin target for ${process.platform}-${process.arch}`;
  if (!cachedNodeBinary(host, toolsDir())) return "the plugin's Node.js (npm run tools fetches it)";
  if (!wheelhouse()) return "the Python wheelhouse (npm run tools fills it)";
  return undefined;
}

/** Builds this checkout's plugin archive and wheel and installs both, offline, into a fresh directory. */
export async function installRelease(tools: Tools): Promise<InstalledRelease> {
  assertDistFresh();
  const host = hostTarget()!;
  const { version } = require("../package.json") as { version: string };
  const dir = mkdtempSync(join(tmpdir(), "quickbi-release-"));
  try {
    const built = join(dir, "built");
    mkdirSync(built);
    const [archive] = buildPluginArchives({
      version,
      targets: [host],
      outDir: built,
      toolsDir: toolsDir(),
    });
    const { wheel } = buildPythonSdk({ python: tools.python, outDir: built, version });

    const cliBin = join(dir, "cli", "bin");
    mkdirSync(cliBin, { recursive: true });
    for (const file of [join(tools.cli.bin, "pulumi"), tools.yamlHost])
      linkOrCopy(file, join(cliBin, basename(file)));

    const venv = join(dir, "venv");
    await run(tools.python, ["-m", "venv", venv]);
    await run(join(venv, "bin", "python"), [
      ...["-m", "pip", "install", "--quiet", "--disable-pip-version-check"],
      ...["--no-index", "--find-links", wheelhouse()!, wheel],
    ]);

    const pulumiHome = join(dir, "home");
    const env = { ...process.env, PULUMI_HOME: pulumiHome, PULUMI_SKIP_UPDATE_CHECK: "true" };
    const install = await run(
      join(cliBin, "pulumi"),
      ["plugin", "install", "resource", "quickbi", version, "--file", archive!.file, "--non-interactive"],
      { env },
    );
    return {
      dir,
      version,
      tools: {
        cli: { root: join(dir, "cli"), bin: cliBin },
        yamlHost: join(cliBin, basename(tools.yamlHost)),
        python: join(venv, "bin", "python"),
      },
      pulumiHome,
      path: [cliBin, join(venv, "bin")].join(":"),
      installOutput: install.stdout + install.stderr,
      close: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A hard link where the file system allows one (the CLI is about 150 MB), else a copy. */
function linkOrCopy(from: string, to: string): void {
  const file = realpathSync(from); // the tools' pulumi may be a link to the one on PATH
  try {
    linkSync(file, to);
  } catch {
    copyFileSync(file, to);
  }
}
