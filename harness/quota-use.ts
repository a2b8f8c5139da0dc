// How a run used the emulator's QPS quota, read from its request log: what the bulk test asserts
// and what the bulk benchmark reports.
import type { RequestLogEntry } from "../emulator";

/** The code the emulator answers a request beyond its quota with (as Quick BI's gateway does). */
export const THROTTLED = "Throttling.User";

/** The requests the quota let through: everything but the Throttling.User answers. */
export function admitted(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.code !== THROTTLED);
}

/** How many requests the emulator answered with Throttling.User. */
export function throttled(log: readonly RequestLogEntry[]): number {
  return log.length - admitted(log).length;
}

/**
 * The most requests admitted in any one-second window, from the log's receive times: the quantity a
 * sliding-window quota bounds.
 */
export function peakPerSecond(log: readonly RequestLogEntry[]): number {
  const times = admitted(log)
    .map((r) => r.time)
    .sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** Requests per action, e.g. `{ ListUserGroupsByUserId: 400, WithdrawAllUserGroups: 200 }`. */
export function countByAction(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of log) counts[r.action] = (counts[r.action] ?? 0) + 1;
  return counts;
}

/**
 * The calls each person got, by action, if every one of `userIds` got the same (and nobody else got
 * any): e.g. `{ ListUserGroupsByUserId: 2, QueryUserInfoByUserId: 1 }`; else undefined.
 */
export function callsPerPerson(
  log: readonly RequestLogEntry[],
  userIds: readonly string[],
): Record<string, number> | undefined {
  const byUser = new Map<string, RequestLogEntry[]>(userIds.map((u) => [u, []]));
  for (const r of log) {
    const calls = byUser.get(r.params.UserId ?? "");
    if (!calls) return undefined;
    calls.push(r);
  }
  const shapes = new Set([...byUser.values()].map((calls) => JSON.stringify(sortedCounts(calls))));
  return shapes.size === 1 ? (JSON.parse([...shapes][0]!) as Record<string, number>) : undefined;
}

function sortedCounts(log: readonly RequestLogEntry[]): Record<string, number> {
  return Object.fromEntries(Object.entries(countByAction(log)).sort(([a], [b]) => a.localeCompare(b)));
}

/** `{ A: 1, B: 2 }` as "A 1, B 2". */
export function describeCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([action, n]) => `${action} ${n}`)
    .join(", ");
}
