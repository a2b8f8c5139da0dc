// Processes by parent, read from /proc (Linux): how a test finds the `pulumi` the Automation API
// started, to kill it mid-update as a crash or a cancelled CI job would.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  readonly pid: number;
  /** The executable's name as the kernel keeps it (`comm`, at most 15 characters). */
  readonly name: string;
}

/** The direct children of `parent`. */
export function childrenOf(parent: number): ProcessInfo[] {
  const children: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may itself hold spaces and parentheses.
    const match = stat && /^\d+ \((.*)\) \S+ (\d+) /s.exec(stat);
    if (match && Number(match[2]) === parent) children.push({ pid: Number(entry), name: match[1]! });
  }
  return children;
}

/** `root` and everything below it, parents before children. */
export function processTree(root: number): number[] {
  return [root, ...childrenOf(root).flatMap((child) => processTree(child.pid))];
}

function readStat(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // it ended while we looked
  }
}
