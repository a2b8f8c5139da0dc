// What the benchmarks under the real Pulumi CLI share: a stack of one of bench/programs, run by the
// pinned CLI (harness/local-stack.ts: file backend, passphrase secrets, inline program) against an
// emulator, with the stack config a user would set; the timing of one command; the machine's load.
import { loadavg } from "node:os";
import { resolve } from "node:path";
import type { QuickBIEmulator } from "../emulator";
import { childrenCpuSeconds } from "../harness/children-cpu";
import { LocalStack, type ConfigValue } from "../harness/local-stack";
import type { ProgramProcessResult } from "../harness/program-process";
import { obtainPulumiCli, type PulumiCli } from "../harness/pulumi-cli";
import { CANARY_ENV } from "../tests/support/canaries";
import { msSince } from "./stats";

const REPO = resolve(__dirname, "..");

/** The programs, by name: many revocations, as many trivial dynamic resources, the README's quick start. */
const PROGRAMS = {
  revocations: resolve(__dirname, "programs", "revocations.ts"),
  trivial: resolve(__dirname, "programs", "trivial.ts"),
  "one-person": resolve(__dirname, "programs", "one-person.ts"),
  "offboard-one": resolve(REPO, "examples", "offboard-one", "index.ts"),
} as const;

let cli: PulumiCli | undefined;

/** The pinned CLI, built first if this machine has none (as `npm start` does). */
export function benchCli(): PulumiCli {
  return (cli ??= obtainPulumiCli());
}

/**
 * A fresh stack of `program` in a temporary directory, this repository its Pulumi project (the
 * checkout layout: the program and the provider host load dist/ through node_modules), its config set
 * with `pulumi config set`: the emulator's endpoint and keys (the secret key as a secret), then
 * `config`. The canary credentials are in the CLI's environment, so a leak would be the canaries'.
 */
export function openBenchStack(
  program: keyof typeof PROGRAMS,
  emulator: QuickBIEmulator,
  config: Readonly<Record<string, ConfigValue>> = {},
): Promise<LocalStack> {
  return LocalStack.open({
    cli: benchCli(),
    project: "quickbi-bench",
    stack: program,
    projectDir: REPO,
    main: PROGRAMS[program],
    env: CANARY_ENV,
    config: {
      "quickbi:endpoint": emulator.url,
      "alicloud:accessKey": emulator.accessKeyId,
      "alicloud:secretKey": { secret: emulator.accessKeySecret },
      ...config,
    },
  });
}

/** CPU seconds a command used: in the program's process (this one, with the emulator and the Automation API, or its own) and in its children (the CLI, and the provider host it waits for). */
export interface CpuSeconds {
  readonly here: number;
  readonly children: number;
}

/** Runs `command` and returns its result with how long it took, in milliseconds, and the CPU it used. */
export async function timed<T>(
  command: () => Promise<T>,
): Promise<{ result: T; ms: number; cpu: CpuSeconds }> {
  const here = process.cpuUsage();
  const children = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = await command();
  const ms = msSince(started);
  const used = process.cpuUsage(here);
  return {
    result,
    ms,
    cpu: { here: (used.user + used.system) / 1e6, children: childrenCpuSeconds() - children },
  };
}

/**
 * Runs `command` with the stack's program in a node process of its own (LocalStack.runInOwnProcess),
 * as a user's `pulumi` runs it in the language host's: timed, with the CPU of the program's process
 * (`here`) and of the CLI and the hosts (`children`) as that process measured them.
 */
export async function timedInOwnProcess(
  stack: LocalStack,
  command: "preview" | "up" | "refresh",
): Promise<{ result: ProgramProcessResult; ms: number; cpu: CpuSeconds }> {
  const started = process.hrtime.bigint();
  const result = await stack.runInOwnProcess(command);
  return { result, ms: msSince(started), cpu: { here: result.programCpu, children: result.childrenCpu } };
}

/** The 1, 5 and 15 minute load averages, for the notes: other work on a shared machine skews timings. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
}
