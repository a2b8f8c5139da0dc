import type { QuickBIClient } from "../../quickbi/client";
import { QuickBIRequestError } from "../../quickbi/errors";
import { deleteUserFromWorkspace, listWorkspaceUserRolesByUserId } from "../../quickbi/workspaces";
import { workspaceAccess, type WorkspaceAccess } from "../residual-access";
import type { WorkspaceKept, WorkspaceRemoval, WorkspacesStepRecord } from "./record";
import { carried, stepError, type StepContext } from "./step";

/** Quick BI's refusal to remove a workspace's owner (documented for DeleteUserFromWorkspace). */
export const OWNER_REFUSAL = "CanNot.Remove.WorkspaceOwner";

/**
 * Takes the person out of every workspace they belong to directly: ListWorkspaceUserRolesByUserId
 * (the before-state), one DeleteUserFromWorkspace each, then the list again to prove it. A workspace
 * the person owns is refused by Quick BI and kept, named, and the other workspaces still go: leaving
 * them takes access away, and the owner's hand-over is a person's job this step cannot do. Any other
 * failure stops the step where it is.
 */
export async function leaveWorkspaces(
  context: StepContext,
  previous: WorkspacesStepRecord | undefined,
): Promise<WorkspacesStepRecord> {
  const { client, userId, now } = context;
  const earlier = carried(previous);
  const removed: WorkspaceRemoval[] = [...(earlier.partial?.removed ?? [])];
  const kept: WorkspaceKept[] = [];
  let error: string | undefined;
  try {
    const before = await workspacesOf(client, userId);
    for (const workspace of before) {
      try {
        const { requestId } = await deleteUserFromWorkspace(client, userId, workspace.workspaceId);
        removed.push({ ...workspace, requestId, removedAt: now().toISOString() });
      } catch (failure) {
        if (!(failure instanceof QuickBIRequestError)) throw failure;
        const owner = failure.code === OWNER_REFUSAL;
        kept.push({ ...workspace, code: failure.code, owner, ...requestIdOf(failure) });
        error = [error, `${workspace.workspaceName}: ${failure.message}`].filter(Boolean).join(" ");
        if (!owner) break;
      }
    }
    const after = await workspacesOf(client, userId);
    // Answered as done but still there: not removed, whatever Quick BI said; kept, with that answer's id.
    const back = removed.filter((r) => after.some((w) => w.workspaceId === r.workspaceId));
    for (const { requestId, removedAt: _when, ...workspace } of back) {
      removed.splice(
        removed.findIndex((r) => r.workspaceId === workspace.workspaceId),
        1,
      );
      kept.push({ ...workspace, code: "Verify.StepNotApplied", owner: false, requestId });
      const failure = stepError(
        "DeleteUserFromWorkspace",
        userId,
        `the person is still in ${workspace.workspaceName} after Quick BI answered success (RequestId ${requestId})`,
      );
      error = [error, `${workspace.workspaceName}: ${failure.message}`].filter(Boolean).join(" ");
    }
    // Not reached because the loop stopped, or added while it ran: the next `up` takes them.
    const untouched = after.filter((w) => !kept.some((k) => k.workspaceId === w.workspaceId));
    if (untouched.length > 0) {
      kept.push(...untouched.map((w) => ({ ...w, code: "NotRun", owner: false })));
      error ??= `the person was added to ${untouched.map((w) => w.workspaceName).join(", ")} while the step ran`;
    }
    return definedRecord({
      status: kept.length === 0 ? "done" : "incomplete",
      removed,
      kept,
      checkedAt: now().toISOString(),
      error,
      history: earlier.history,
    });
  } catch (failure) {
    return definedRecord({
      status: "incomplete",
      removed,
      kept,
      error: [error, failure instanceof Error ? failure.message : String(failure)].filter(Boolean).join(" "),
      history: earlier.history,
    });
  }
}

/** The person's workspaces now, for a refresh: any is drift once the step is done. */
export async function workspacesOf(client: QuickBIClient, userId: string): Promise<WorkspaceAccess[]> {
  return (await listWorkspaceUserRolesByUserId(client, userId)).workspaces.map(workspaceAccess);
}

function requestIdOf(error: QuickBIRequestError): { requestId?: string } {
  return error.requestId === undefined ? {} : { requestId: error.requestId };
}

function definedRecord(record: WorkspacesStepRecord): WorkspacesStepRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as unknown as WorkspacesStepRecord;
}
