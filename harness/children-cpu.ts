// The CPU a process's children used, for timings that split a command's cost between the program's
// process and the CLI and hosts it waited for.
import { existsSync, readFileSync } from "node:fs";

/** cutime + cstime of /proc/self/stat: the CPU of the children this process waited for (0 off Linux). */
export function childrenCpuSeconds(): number {
  if (!existsSync("/proc/self/stat")) return 0;
  // The fields after the command name (which may hold spaces) start at the 3rd; cutime is the 16th.
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  const ticksPerSecond = 100; // USER_HZ, which Linux fixes at 100 for /proc
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}
