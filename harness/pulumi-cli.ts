/**
 * Where the real Pulumi CLI is: `scripts/pulumi-cli` finds or builds the pinned version (see its
 * header) and prints its bin directory. This module is the one way Node code reaches it, so the tests,
 * `npm start` and the benchmarks all run the same CLI.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

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
