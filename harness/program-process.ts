// One command of a LocalStack whose inline program runs in this process of its own, as a user's
// program runs in the language host's node process: nothing else (the emulator, the test or benchmark
// around it) shares its heap, so its memory and garbage collection are the program's alone. Started
// by LocalStack.runInOwnProcess with ts-node, the stack's settings in PROGRAM_PROCESS_SPEC; prints one
// JSON line: the command's result and the CPU this process and its children (the CLI, the hosts) used.
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { childrenCpuSeconds } from "./children-cpu";

/** What LocalStack passes: enough to select the same stack with the same inline program. */
export interface ProgramProcessSpec {
  readonly command: "preview" | "up" | "refresh";
  readonly cliRoot: string;
  readonly workDir: string;
  readonly stackName: string;
  readonly projectName: string;
  readonly main: string;
  readonly env: Record<string, string>;
}

/** What it prints. */
export interface ProgramProcessResult {
  /** preview: the change summary; up and refresh: the resource changes. */
  readonly changes: Record<string, number>;
  /** CPU seconds of this process (the program and the Automation API). */
  readonly programCpu: number;
  /** CPU seconds of the processes it waited for (the CLI, and the hosts the CLI waited for). */
  readonly childrenCpu: number;
  /** Peak resident set of this process, MiB. */
  readonly programPeakMiB: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.PROGRAM_PROCESS_SPEC ?? "") as ProgramProcessSpec;
  const pulumiCommand = await PulumiCommand.get({ root: spec.cliRoot });
  const stack = await LocalWorkspace.selectStack(
    {
      stackName: spec.stackName,
      projectName: spec.projectName,
      program: async () => require(spec.main),
    },
    { workDir: spec.workDir, pulumiCommand, envVars: spec.env },
  );
  let changes: Record<string, number>;
  if (spec.command === "preview") changes = (await stack.preview()).changeSummary;
  else if (spec.command === "up") changes = (await stack.up()).summary.resourceChanges ?? {};
  else changes = (await stack.refresh()).summary.resourceChanges ?? {};
  const used = process.cpuUsage();
  const result: ProgramProcessResult = {
    changes,
    programCpu: (used.user + used.system) / 1e6,
    childrenCpu: childrenCpuSeconds(),
    programPeakMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
