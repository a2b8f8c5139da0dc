// Runs emulator/cli.ts as a separate process, the way `npm run emulator` does.
import { spawn, type ChildProcess } from "node:child_process";

/** A running CLI with everything it printed so far. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process ends. */
  exited: Promise<number | string>;
}

/** Spawns the CLI with ts-node's transpile-only hook. */
export function spawnCli(args: string[]): CliProcess {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args],
    {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until the CLI prints its URL; fails with what it printed if it exits first. */
export async function waitForUrl(cli: CliProcess): Promise<string> {
  const pattern = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(cli.stdout());
      if (match) {
        cli.child.stdout!.off("data", check);
        resolve(match[1]!);
      }
    };
    cli.child.stdout!.on("data", check);
    void cli.exited.then((code) =>
      reject(new Error(`CLI exited (${code}) before printing its URL:\n${cli.stderr()}`)),
    );
    check();
  });
}

/** Waits until the CLI has printed `count` lines matching `pattern`, and returns them. */
export async function linesMatching(cli: CliProcess, pattern: RegExp, count: number): Promise<string[]> {
  const found = () =>
    cli
      .stdout()
      .split("\n")
      .filter((line) => pattern.test(line));
  return new Promise((resolve, reject) => {
    const check = () => {
      const lines = found();
      if (lines.length >= count) {
        cli.child.stdout!.off("data", check);
        resolve(lines);
      }
    };
    cli.child.stdout!.on("data", check);
    void cli.exited.then((code) =>
      reject(new Error(`CLI exited (${code}) with ${found().length} of ${count} lines matching ${pattern}`)),
    );
    check();
  });
}
