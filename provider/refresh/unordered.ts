/**
 * Comparisons that ignore order. Quick BI's per-person reads and its organisation listings give the
 * same groups and workspaces in different orders, so a refresh that found the same access by either
 * way must leave the state as it was.
 */
import { isDeepStrictEqual } from "node:util";
import type { ResidualAccess } from "../revocation/residual-access";

/** Whether the two lists hold the same items, each as many times, in any order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (list: readonly T[]) => [...list].map(canonical).sort();
  return isDeepStrictEqual(sorted(a), sorted(b));
}

/**
 * Whether two residual access records say the same: the same fields, the workspaces in any order. The
 * summary is left out: it is written from the rest, the workspaces in the order read.
 */
export function sameResidualAccess(a: ResidualAccess | undefined, b: ResidualAccess | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const { summary: _a, workspaces: workspacesA, ...restA } = a;
  const { summary: _b, workspaces: workspacesB, ...restB } = b;
  if (!isDeepStrictEqual(restA, restB)) return false;
  if (workspacesA === undefined || workspacesB === undefined) return workspacesA === workspacesB;
  return sameItems(workspacesA, workspacesB);
}

/** JSON with every object's keys sorted: the state gives keys back in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** Whether two records are equal once every list in them is taken in any order (the steps' records). */
export function sameIgnoringOrder(a: unknown, b: unknown): boolean {
  return sortedCanonical(a) === sortedCanonical(b);
}

/** {@link canonical}, with every array's items sorted too. */
function sortedCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedCanonical).sort().join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedCanonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}
