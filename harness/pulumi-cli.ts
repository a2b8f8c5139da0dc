/**
 * Where the real Pulumi CLI is: `scripts/pulumi-cli` finds or builds the pinned version (see its
 * header) and prints its bin directory. This module is the one way Node code reaches it, so the tests
 * and the benchmarks run the same CLI; `npm start` takes an installed CLI of a supported version first
 * ({@link pulumiCliForStart}).
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";

const SCRIPT = resolve(__dirname, "..", "scripts", "pulumi-cli");

/** A Pulumi CLI installation: the directory holding `bin/pulumi` and the dynamic-provider plugin. */
export interface PulumiCli {
  /** The directory `PulumiCommand.get({ root })` takes: `<root>/bin/pulumi`. */
  readonly root: string;
  readonly bin: string;
}

/** The pinned CLI if it is already on this machine (on PATH or cached), else undefined. No build. */
export function findPulumiCli(): PulumiCli | undefined {
  try {
    const bin = execFileSync(SCRIPT, ["--find"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return cliAt(bin.trim());
  } catch (error) {
    if ((error as { status?: number }).status === 3) return undefined;
    throw error;
  }
}

/**
 * The pinned CLI, built from the Go module proxy first if this machine has none. The script's account
 * of what it did goes to this process's stderr. Throws with the script's advice when none can be had.
 */
export function obtainPulumiCli(): PulumiCli {
  try {
    const bin = execFileSync(SCRIPT, [], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return cliAt(bin.trim());
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(
      `scripts/pulumi-cli could not obtain the Pulumi CLI (exit ${status ?? "unknown"}); its message above says how to get one`,
      { cause: error },
    );
  }
}

function cliAt(bin: string): PulumiCli {
  if (!existsSync(join(bin, "pulumi")))
    throw new Error(`scripts/pulumi-cli printed ${bin}, which has no pulumi`);
  return { root: resolve(bin, ".."), bin };
}

/**
 * Whether `npm start` runs with an installed CLI of `version` (`v3.276.0` or `3.276.0`): any 3.x at
 * least as new as `sdkVersion`, the @pulumi/pulumi whose Automation API drives it and whose runtime
 * runs the program and the dynamic provider. Pulumi supports a CLI at least as new as the SDKs it runs
 * (an older engine lacks what a newer SDK may ask of it); a new major may change the Automation API's
 * contract. The test suite itself runs the pinned CLI only, so the versions in between are unproven.
 */
export function supportsCliVersion(version: string, sdkVersion: string = installedSdkVersion()): boolean {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v.trim())?.slice(1).map(Number);
  const [cli, sdk] = [parse(version), parse(sdkVersion)];
  if (!cli || !sdk) return false; // a pre-release or a build without a version stamp
  if (cli[0] !== 3) return false;
  for (let i = 0; i < 3; i++) if (cli[i] !== sdk[i]) return cli[i]! > sdk[i]!;
  return true;
}

/** The @pulumi/pulumi this checkout runs programs with. */
export function installedSdkVersion(): string {
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/**
 * The `pulumi` on `path` if it is of a version `npm start` supports and has the dynamic-provider plugin
 * beside it (Pulumi's installers put `pulumi-resource-pulumi-nodejs` there), else undefined.
 */
export function installedPulumiCli(path: string = process.env.PATH ?? ""): PulumiCli | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const found = join(dir, "pulumi");
    try {
      accessSync(found, constants.X_OK);
    } catch {
      continue;
    }
    const bin = dirname(realpathSync(found)); // ~/.pulumi/bin behind a /usr/local/bin link
    if (!existsSync(join(bin, "pulumi-resource-pulumi-nodejs"))) return undefined;
    const version = execFileSync(join(bin, "pulumi"), ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    return supportsCliVersion(version) ? { root: resolve(bin, ".."), bin } : undefined;
  }
  return undefined;
}

/** For `npm start`: the installed CLI if it is supported (see {@link supportsCliVersion}), else the pinned one. */
export function pulumiCliForStart(): PulumiCli {
  return installedPulumiCli() ?? obtainPulumiCli();
}
