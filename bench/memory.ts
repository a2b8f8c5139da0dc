// Peak memory of one command: the Pulumi CLI and every other process it starts (the provider host,
// the language host), sampled from /proc, and the program's process: the node process of its own
// that LocalStack.runInOwnProcess starts (harness/program-process.ts), or else this process, which then
// runs the inline program beside the emulator. Linux only; elsewhere nothing is sampled.
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Peak resident set sizes in MiB, by what the process is. */
export interface PeakMemory {
  /** The `pulumi` CLI processes. */
  readonly cli: number;
  /** Every other process under this one: the provider host and the plugin shims. */
  readonly hosts: number;
  /** The program's own process, or this one (the program, the emulator and the Automation API). */
  readonly program: number;
}

const SAMPLE_MS = 250;

/** Runs `command`, sampling the memory of this process and its descendants every 250 ms. */
export async function withPeakMemory<T>(
  command: () => Promise<T>,
): Promise<{ result: T; memory: PeakMemory }> {
  const peak = { cli: 0, hosts: 0, program: 0 };
  // The program's own process once one is seen; this process until then (an inline program).
  let self = 0;
  let own: number | undefined;
  const sample = () => {
    let cli = 0;
    let hosts = 0;
    let program: number | undefined;
    for (const p of descendants(process.pid)) {
      if (p.name === "pulumi") cli += p.rssMiB;
      else if (p.program) program = (program ?? 0) + p.rssMiB;
      else hosts += p.rssMiB;
    }
    self = Math.max(self, process.memoryUsage.rss() / 2 ** 20);
    if (program !== undefined) own = Math.max(own ?? 0, program);
    peak.program = own ?? self;
    peak.cli = Math.max(peak.cli, cli);
    peak.hosts = Math.max(peak.hosts, hosts);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const result = await command();
    sample();
    return { result, memory: peak };
  } finally {
    clearInterval(timer);
  }
}

/** "CLI 312 MiB, provider host 180 MiB, program 640 MiB". */
export function describeMemory(memory: PeakMemory): string {
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  return `CLI ${mib(memory.cli)}, hosts ${mib(memory.hosts)}, program ${mib(memory.program)}`;
}

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  readonly rssMiB: number;
  /** Started by LocalStack.runInOwnProcess to run the program. */
  readonly program: boolean;
}

function descendants(root: number): ProcessInfo[] {
  if (!existsSync("/proc/self/stat")) return [];
  const all: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // rss (24th field of stat, in pages) is the 22nd after the command name.
      all.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        name,
        rssMiB: (Number(fields[21]) * 4096) / 2 ** 20,
        program: readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("program-process"),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}
