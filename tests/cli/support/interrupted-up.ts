// An update that dies mid-call: `pulumi up` is SIGKILLed while Quick BI is answering a request, as an
// out-of-memory kill or a cancelled CI job would end it. The emulator runs the operation at once and
// holds its answer (the `latency` fault), so the call has taken effect when the CLI dies.
import { childrenOf, processTree } from "./processes";
import { failureOf, type CliStack, type FailedRun } from "./cli-stack";

/** How long the emulator holds the answer: far longer than the test needs to kill the CLI. */
const HOLD_MS = 120_000;
const WAIT_MS = 60_000;

/**
 * Starts `pulumi up` and, once the emulator has received `action`, SIGKILLs the `pulumi` process the
 * Automation API started (a child of this process) and then the provider host it had started, which
 * would otherwise live on as an orphan and finish the call. Returns what the CLI had printed.
 */
export async function upKilledDuring(stack: CliStack, action: string): Promise<FailedRun> {
  const from = stack.emulator.requests().length;
  stack.emulator.setFaults({ rules: [{ fault: "latency", action, latencyMs: HOLD_MS, times: 1 }] });
  const up = failureOf(stack.up());
  await until(
    () =>
      stack.emulator
        .requests()
        .slice(from)
        .some((r) => r.action === action),
    action,
  );
  const cli = childrenOf(process.pid).find((p) => p.name === "pulumi");
  if (!cli) throw new Error(`no pulumi process among the children of ${process.pid}`);
  for (const pid of processTree(cli.pid)) killIfAlive(pid);
  return up;
}

async function until(done: () => boolean, action: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`the emulator received no ${action} within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
