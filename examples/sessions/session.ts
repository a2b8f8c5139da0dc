// What the main command's example sessions share: running each `pulumi` command with the real CLI,
// printing the CLI's own output as it comes, the engine's steps it reported, and the emulator's
// requests during that command.
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import type { QuickBIEmulator, RequestLogEntry } from "../../emulator";
import { onEachEventOnce } from "../../harness/engine-events";
import type { LocalStack } from "../../harness/local-stack";

export const WITHDRAW = "WithdrawAllUserGroups";

/** The `pulumi` commands a session runs, as a user types them. */
export type Command =
  "preview --diff" | "up --yes" | "up --refresh --yes" | "refresh --yes" | "destroy --yes";

/** One step the engine reported (a resource's pre-event): what it planned or did to which resource. */
export interface Step {
  readonly op: OpType;
  readonly type: string;
  readonly name: string;
  /** The inputs after check (for a create or update), as the engine holds them. */
  readonly inputs: Record<string, unknown>;
}

export interface Ran {
  readonly steps: readonly Step[];
  readonly requests: readonly RequestLogEntry[];
  /** The failure, for a command that failed (the CLI's output above says why). */
  readonly error?: Error;
}

/**
 * Runs `pulumi <command>` on the stack and prints it as a terminal session. The only lines left out
 * of the CLI's output are its progress ticker (`@ updating....`), which a terminal overwrites in place.
 */
export async function pulumi(local: LocalStack, emulator: QuickBIEmulator, command: Command): Promise<Ran> {
  console.log(`\n$ pulumi ${command}`);
  const steps: Step[] = [];
  const onEvent = onEachEventOnce((event: EngineEvent) => {
    const meta = event.resourcePreEvent?.metadata;
    // The stack and the default provider are the engine's own resources, not the program's.
    if (!meta || meta.type === "pulumi:pulumi:Stack" || meta.type.startsWith("pulumi:providers:")) return;
    steps.push({
      op: meta.op,
      type: meta.type,
      name: meta.urn.slice(meta.urn.lastIndexOf("::") + 2),
      inputs: (meta.new?.inputs ?? {}) as Record<string, unknown>,
    });
  });
  const onOutput = printWithoutTicker();
  // The CLI writes diagnostics (a check failure, a refused update) to stderr.
  const onError = printWithoutTicker();
  const before = emulator.requests().length;
  let error: Error | undefined;
  try {
    const opts = { onOutput, onError, onEvent };
    if (command === "preview --diff") await local.stack.preview({ ...opts, diff: true });
    else if (command === "up --yes") await local.stack.up(opts);
    else if (command === "up --refresh --yes") await local.stack.up({ ...opts, refresh: true });
    else if (command === "refresh --yes") await local.stack.refresh(opts);
    else await local.stack.destroy(opts);
  } catch (failure) {
    error = failure instanceof Error ? failure : new Error(String(failure));
  }
  onOutput.flush();
  onError.flush();
  // An Automation API before onError existed (the oldest @pulumi/pulumi supported, 3.139) streams no
  // stderr: the CLI's error lines are then only in the error it throws.
  if (error && !onError.printedAny()) {
    const lines = error.message.split("\n").filter((line) => /^\s*error: /.test(line));
    // The thrown message holds the CLI's stderr and its last error again: print each line once.
    for (const line of new Set(lines.map((l) => l.trim()))) console.log(`  ${line}`);
  }

  const requests = emulator.requests().slice(before);
  printRequests(command.split(" ")[0] ?? command, requests);
  return { steps, requests, ...(error ? { error } : {}) };
}

/** The CLI's output, line by line, without the progress ticker. */
function printWithoutTicker(): ((chunk: string) => void) & { flush(): void; printedAny(): boolean } {
  let pending = "";
  let printed = false;
  const emit = (line: string) => {
    if (/^@ [a-z]+\.*\s*$/.test(line)) return;
    printed = true;
    console.log(`  ${line}`.trimEnd());
  };
  const onOutput = (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    lines.forEach(emit);
  };
  return Object.assign(onOutput, {
    printedAny: () => printed,
    flush() {
      if (pending) emit(pending);
      pending = "";
    },
  });
}

/** The requests a command made, one line each, under a count. */
export function printRequests(during: string, requests: readonly RequestLogEntry[]): void {
  const withdrawals = count(requests, WITHDRAW);
  console.log(`\nQuick BI requests during ${during}: ${requests.length} (${WITHDRAW}: ${withdrawals})`);
  const width = Math.max(0, ...requests.map((r) => r.action.length));
  for (const r of requests) {
    const subject =
      r.params.UserId !== undefined
        ? `  UserId=${r.params.UserId}`
        : r.params.Account !== undefined
          ? `  Account=${r.params.Account}`
          : "";
    console.log(`  ${r.action.padEnd(width)}${subject}  HTTP ${r.status}  RequestId ${r.requestId}`);
  }
}

export function count(requests: readonly RequestLogEntry[], action: string): number {
  return requests.filter((r) => r.action === action).length;
}

/** The steps other than "same": what the command changed or planned to change. */
export function changes(steps: readonly Step[]): Step[] {
  return steps.filter((s) => s.op !== "same");
}

/** The names of the user groups a user is directly in, per the emulator's state. */
export function groupsOf(emulator: QuickBIEmulator, userId: string): string[] {
  const { groups, memberships } = emulator.state();
  return memberships
    .filter((m) => m.userId === userId)
    .map((m) => groups.find((g) => g.usergroupId === m.usergroupId)?.usergroupName ?? m.usergroupId);
}

export function membership(groups: readonly string[]): string {
  if (groups.length === 0) return "in no user group";
  return `in ${groups.length} user group${groups.length === 1 ? "" : "s"}: ${groups.join(", ")}`;
}

export function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

/** Stops the session at the first deviation from the expected lifecycle: it doubles as a smoke test. */
export function expect(condition: boolean, deviation: string): asserts condition {
  if (!condition) throw new Error(`deviation from the expected lifecycle: ${deviation}`);
}
