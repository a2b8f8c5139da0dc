// What the main command's example sessions share: running a program as `pulumi` would, watching the
// emulator's requests during each command, and printing it all as a terminal session.
import type { QuickBIEmulator, RequestLogEntry } from "../../emulator";

export const WITHDRAW = "WithdrawAllUserGroups";

/** The program a Pulumi.yaml names, re-run on each call as each `pulumi` command starts it afresh. */
export function programAt(path: string): () => void {
  return () => {
    delete require.cache[require.resolve(path)];
    require(path);
  };
}

/** What `body` returned and the emulator requests it caused. */
export async function during<T>(
  emulator: QuickBIEmulator,
  body: () => Promise<T>,
): Promise<[T, RequestLogEntry[]]> {
  const before = emulator.requests().length;
  const result = await body();
  return [result, emulator.requests().slice(before)];
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

/** Prints a command line the way a terminal session shows it. */
export function command(line: string): void {
  console.log(`\n$ ${line}`);
}

export function count(requests: readonly RequestLogEntry[], action: string): number {
  return requests.filter((r) => r.action === action).length;
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

/** Stops the session at the first deviation from the expected lifecycle: it doubles as a smoke test. */
export function expect(condition: boolean, deviation: string): asserts condition {
  if (!condition) throw new Error(`deviation from the expected lifecycle: ${deviation}`);
}
