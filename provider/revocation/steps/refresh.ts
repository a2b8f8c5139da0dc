/**
 * What a refresh reads for each finished step beyond the groups, to find drift: the person back in a
 * workspace, given an organisation role again, or reactivated. A step not finished is left as it is:
 * the next `up` runs it anyway. A person Quick BI no longer knows has no access to drift back to.
 */
import type { QuickBIClient } from "../../quickbi/client";
import { isMissingUserError } from "../../quickbi/errors";
import { queryUserInfoByUserId, type UserInfo } from "../../quickbi/operations";
import type { WorkspaceAccess } from "../residual-access";
import { extraSteps, type Scope } from "../scope";
import { holdsMore, roleIdsOf } from "./organization-roles";
import type { StepsRecord } from "./record";
import { workspacesOf } from "./workspaces";

/** The records with `current` set where Quick BI shows access again, and removed where it does not. */
export async function refreshSteps(
  client: QuickBIClient,
  userId: string,
  scope: Scope,
  steps: StepsRecord,
): Promise<StepsRecord> {
  const due = extraSteps(scope).filter((step) => steps[step]?.status === "done");
  if (due.length === 0) return steps;
  const [workspaces, info] = await Promise.all([
    due.includes("workspaces")
      ? orNone(() => workspacesOf(client, userId), [] as WorkspaceAccess[])
      : undefined,
    due.some((s) => s !== "workspaces")
      ? orNone(() => queryUserInfoByUserId(client, userId), undefined)
      : undefined,
  ]);
  const refreshed: Record<string, unknown> = { ...steps };
  for (const step of due) {
    const { current: _old, ...record } = steps[step]!;
    const current =
      step === "workspaces"
        ? nonEmpty(workspaces ?? [])
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

/** The read, or `none` when Quick BI no longer knows the person. */
async function orNone<T, N>(read: () => Promise<T>, none: N): Promise<T | N> {
  try {
    return await read();
  } catch (error) {
    if (isMissingUserError(error)) return none;
    throw error;
  }
}

export type { UserInfo };
