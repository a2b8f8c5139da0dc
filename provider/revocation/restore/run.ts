/**
 * Puts back what the record says the offboarding removed, in the reverse order of the offboarding:
 * the account (UpdateUser `IsDeleted=false`), the organisation roles (UpdateUser `RoleIds`), each
 * workspace with its recorded role (AddUserToWorkspace), each user group (AddUserGroupMembers, one
 * call per group so each has its RequestId). Then it reads everything back. A group or workspace
 * deleted since is named and skipped, and the rest goes on; an item whose before-state is unknown is
 * refused. Any other failure stops the restore where it is: what was done stays recorded, and the next
 * `pulumi up` continues without repeating it.
 */
import { QuickBIRequestError } from "../../quickbi/errors";
import { addUserGroupMembers, addUserToWorkspace, listByUserGroupId } from "../../quickbi/restore-operations";
import { updateUser } from "../../quickbi/operations";
import { messageOf, stepError, type StepContext } from "../steps/step";
import { groupItem, missingOf } from "./plan";
import { confirm, notReadBack, type Written } from "./read-back";
import type { NotRestored, RestoreRecord } from "./record";
import type { RestoreRequest } from "./request";
import type { Restorable } from "./restorable";

/** AddUserToWorkspace's documented refusals a restore acts on. */
const WORKSPACE_GONE = "Workspace.Not.Exist";
const ALREADY_IN_WORKSPACE = "User.AlreadyIn.Workspace";

/**
 * Restores `restorable`, continuing `previous` when an earlier `up` left it incomplete. Only what the
 * read-back shows is recorded as put back: a write whose effect could not be read back is named in
 * `error` with its RequestId and made again by the next `up` (each of these writes can be repeated).
 */
export async function restoreAccess(
  context: StepContext,
  restorable: Restorable,
  request: RestoreRequest,
  previous?: RestoreRecord,
): Promise<RestoreRecord> {
  const { client, userId, now } = context;
  const continued = previous?.status === "incomplete" ? previous : undefined;
  const done: Written = {
    groups: [...(continued?.groups ?? [])],
    workspaces: [...(continued?.workspaces ?? [])],
    ...(continued?.organizationRoles ? { organizationRoles: continued.organizationRoles } : {}),
    ...(continued?.account ? { account: continued.account } : {}),
  };
  const written: Written = { groups: [], workspaces: [] };
  const notRestored: NotRestored[] = [...restorable.refused];
  const startedAt = now().toISOString();
  const record = (status: RestoreRecord["status"], extra: Partial<RestoreRecord> = {}): RestoreRecord => ({
    ...request,
    status,
    requestedAt: continued?.requestedAt ?? startedAt,
    ...done,
    notRestored,
    ...extra,
  });
  try {
    const missing = await missingOf(client, userId, restorable);
    notRestored.push(...missing);
    const gone = new Set(missing.map((m) => m.id));
    if (restorable.reactivate && !done.account) {
      const { requestId } = await updateUser(client, userId, { IsDeleted: false });
      written.account = { requestId, reactivatedAt: now().toISOString() };
    }
    if (restorable.roleIds && !done.organizationRoles) {
      const { requestId } = await updateUser(client, userId, { RoleIds: restorable.roleIds });
      written.organizationRoles = { roleIds: restorable.roleIds, requestId, restoredAt: now().toISOString() };
    }
    for (const workspace of restorable.workspaces) {
      if (
        gone.has(workspace.workspaceId) ||
        done.workspaces.some((w) => w.workspaceId === workspace.workspaceId)
      )
        continue;
      let requestId: string;
      try {
        ({ requestId } = await addUserToWorkspace(client, userId, workspace.workspaceId, workspace.roleId));
      } catch (error) {
        if (!(error instanceof QuickBIRequestError)) throw error;
        if (error.code === WORKSPACE_GONE) {
          notRestored.push(workspaceGone(workspace, error));
          continue;
        }
        // Already a member (an earlier attempt whose answer was lost, or someone else): the read-back
        // below checks the role.
        if (error.code !== ALREADY_IN_WORKSPACE) throw error;
        requestId = error.requestId ?? "";
      }
      written.workspaces.push({ ...workspace, requestId, restoredAt: now().toISOString() });
    }
    for (const group of restorable.groups) {
      if (gone.has(group.id) || done.groups.some((g) => g.id === group.id)) continue;
      try {
        const { requestId } = await addUserGroupMembers(client, userId, [group.id]);
        written.groups.push({ ...group, requestId, restoredAt: now().toISOString() });
      } catch (error) {
        // Deleted while the restore ran: named like the others; any other failure stops here.
        const read = await listByUserGroupId(client, userId, [group.id]);
        if (!read.missing.includes(group.id)) throw error;
        notRestored.push({
          kind: "group",
          id: group.id,
          item: groupItem(group),
          reason: `deleted since (ListByUserGroupId, RequestId ${read.requestId})`,
        });
      }
    }
    const unverified = await confirm(context, written, done);
    if (unverified.length > 0) {
      throw stepError(
        "Restore",
        userId,
        `read back after Quick BI answered success, still not restored: ${unverified.map((u) => u.what).join(", ")}`,
      );
    }
    return record("done", { verifiedAt: now().toISOString() });
  } catch (error) {
    // What was written before the failure is recorded once a read shows it, so the next `up` does
    // not repeat it; if that read fails too, it is named in `error` and made again.
    await confirm(context, written, done).catch(() => undefined);
    const unread = notReadBack(written, done);
    return record("incomplete", {
      error:
        messageOf(error) +
        (unread ? ` Written but not shown by a read-back, so made again by the next up: ${unread}.` : ""),
    });
  }
}

function workspaceGone(
  workspace: { readonly workspaceId: string; readonly workspaceName: string },
  error: QuickBIRequestError,
): NotRestored {
  return {
    kind: "workspace",
    id: workspace.workspaceId,
    item: workspace.workspaceName,
    reason: `deleted since (AddUserToWorkspace: ${error.code}, RequestId ${error.requestId ?? "none"})`,
  };
}
