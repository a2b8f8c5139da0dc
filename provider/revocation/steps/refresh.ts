/**
 * What a refresh reads for each finished step beyond the groups, to find drift: the person back in a
 * workspace, given an organisation role again, or reactivated. A step not finished is left as it is:
 * the next `up` runs it anyway. A person Quick BI no longer knows has no access to drift back to.
 */
import { isMissing, type AccessReads, type Read } from "../residual-access";
import { extraSteps, type Scope } from "../scope";
import { holdsMore, roleIdsOf } from "./organization-roles";
import type { StepsRecord } from "./record";

/**
 * The records with `current` set where Quick BI shows access again, and removed where it does not,
 * from the same two reads the residual access is made of. A read a finished step needs that failed
 * fails the refresh, as the groups' read does: drift that cannot be read must not pass as none.
 */
export function refreshSteps(scope: Scope, steps: StepsRecord, reads: AccessReads): StepsRecord {
  const due = extraSteps(scope).filter((step) => steps[step]?.status === "done");
  if (due.length === 0) return steps;
  const gone = isMissing(reads);
  const workspaces = due.includes("workspaces") && !gone ? valueOf(reads.workspaces) : [];
  const info = due.some((s) => s !== "workspaces") && !gone ? valueOf(reads.info) : undefined;
  const refreshed: Record<string, unknown> = { ...steps };
  for (const step of due) {
    const { current: _old, ...record } = steps[step]!;
    const current =
      step === "workspaces"
        ? nonEmpty(workspaces)
        : step === "organizationRoles"
          ? info && holdsMore(roleIdsOf(info))
            ? roleIdsOf(info)
            : undefined
          : info && info.IsDeleted !== true
            ? "active"
            : undefined;
    refreshed[step] = current === undefined ? record : { ...record, current };
  }
  return refreshed as StepsRecord;
}

/** Whether a refresh found drift in any step of the scope. */
export function stepsDrift(scope: Scope, steps: StepsRecord | undefined): boolean {
  return extraSteps(scope).some((step) => steps?.[step]?.current !== undefined);
}

function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function valueOf<T>(read: Read<T>): T {
  if ("error" in read)
    throw new Error(`refresh could not read what a finished step took away: ${read.error}`);
  return read.value;
}
