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
import { listUserGroupsByUserId, queryUserInfoByUserId } from "../../quickbi/operations";
import {
  addUserGroupMembers,
  addUserToWorkspace,
  listByUserGroupId,
  restoreUser,
} from "../../quickbi/restore-operations";
import { roleIdsOf } from "../steps/organization-roles";
import { messageOf, stepError, type StepContext } from "../steps/step";
import { workspacesOf } from "../steps/workspaces";
import { groupItem, missingOf } from "./plan";
import type { GroupRejoined, NotRestored, RestoreRecord, WorkspaceRejoined } from "./record";
import type { RestoreRequest } from "./request";
import type { Restorable } from "./restorable";

/** AddUserToWorkspace's documented refusals a restore acts on. */
const WORKSPACE_GONE = "Workspace.Not.Exist";
const ALREADY_IN_WORKSPACE = "User.AlreadyIn.Workspace";

/** Restores `restorable`, continuing `previous` when an earlier `up` left it incomplete. */
export async function restoreAccess(
  context: StepContext,
  restorable: Restorable,
  request: RestoreRequest,
  previous?: RestoreRecord,
): Promise<RestoreRecord> {
  const { client, userId, now } = context;
  const continued = previous?.status === "incomplete" ? previous : undefined;
  const groups: GroupRejoined[] = [...(continued?.groups ?? [])];
  const workspaces: WorkspaceRejoined[] = [...(continued?.workspaces ?? [])];
  let organizationRoles = continued?.organizationRoles;
  let account = continued?.account;
  const notRestored: NotRestored[] = [...restorable.refused];
  const startedAt = now().toISOString();
  const record = (status: RestoreRecord["status"], extra: Partial<RestoreRecord> = {}): RestoreRecord => ({
    ...request,
    status,
    requestedAt: continued?.requestedAt ?? startedAt,
    groups,
    workspaces,
    ...(organizationRoles ? { organizationRoles } : {}),
    ...(account ? { account } : {}),
    notRestored,
    ...extra,
  });
  try {
    const missing = await missingOf(client, userId, restorable);
    notRestored.push(...missing);
    const gone = new Set(missing.map((m) => m.id));
    if (restorable.reactivate && !account) {
      const { requestId } = await restoreUser(client, userId, { IsDeleted: false });
      account = { requestId, reactivatedAt: now().toISOString() };
    }
    if (restorable.roleIds && !organizationRoles) {
      const { requestId } = await restoreUser(client, userId, { RoleIds: restorable.roleIds });
      organizationRoles = { roleIds: restorable.roleIds, requestId, restoredAt: now().toISOString() };
    }
    for (const workspace of restorable.workspaces) {
      if (gone.has(workspace.workspaceId) || workspaces.some((w) => w.workspaceId === workspace.workspaceId))
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
      workspaces.push({ ...workspace, requestId, restoredAt: now().toISOString() });
    }
    for (const group of restorable.groups) {
      if (gone.has(group.id) || groups.some((g) => g.id === group.id)) continue;
      try {
        const { requestId } = await addUserGroupMembers(client, userId, [group.id]);
        groups.push({ ...group, requestId, restoredAt: now().toISOString() });
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
    const unverified = await readBack(context, groups, workspaces, organizationRoles, account);
    if (unverified.length > 0) {
      // Not recorded as done: the next `up` makes these calls again.
      const kept = (id: string) => !unverified.some((u) => u.id === id);
      groups.splice(0, groups.length, ...groups.filter((g) => kept(g.id)));
      workspaces.splice(0, workspaces.length, ...workspaces.filter((w) => kept(w.workspaceId)));
      if (organizationRoles && !kept("organizationRoles")) organizationRoles = undefined;
      if (account && !kept("account")) account = undefined;
      throw stepError(
        "Restore",
        userId,
        `read back after Quick BI answered success, still not restored: ${unverified.map((u) => u.what).join(", ")}`,
      );
    }
    return record("done", { verifiedAt: now().toISOString() });
  } catch (error) {
    return record("incomplete", { error: messageOf(error) });
  }
}

/** What the reads after the writes do not show, by id: groups, workspaces with their role, roles, account. */
async function readBack(
  { client, userId }: StepContext,
  groups: readonly GroupRejoined[],
  workspaces: readonly WorkspaceRejoined[],
  organizationRoles: RestoreRecord["organizationRoles"],
  account: RestoreRecord["account"],
): Promise<{ id: string; what: string }[]> {
  const unverified: { id: string; what: string }[] = [];
  if (groups.length > 0) {
    const now = new Set((await listUserGroupsByUserId(client, userId)).groups.map((g) => g.UsergroupId));
    for (const g of groups.filter((g) => !now.has(g.id))) unverified.push({ id: g.id, what: g.name });
  }
  if (workspaces.length > 0) {
    const now = new Map((await workspacesOf(client, userId)).map((w) => [w.workspaceId, w.roleId]));
    for (const w of workspaces.filter((w) => now.get(w.workspaceId) !== w.roleId))
      unverified.push({ id: w.workspaceId, what: `${w.workspaceName} as ${w.roleName}` });
  }
  if (organizationRoles || account) {
    const info = await queryUserInfoByUserId(client, userId);
    const held = roleIdsOf(info);
    if (organizationRoles && !organizationRoles.roleIds.every((id) => held.includes(id)))
      unverified.push({
        id: "organizationRoles",
        what: `organisation roles ${organizationRoles.roleIds.join(", ")}`,
      });
    if (account && info.IsDeleted === true)
      unverified.push({ id: "account", what: "the account's reactivation" });
  }
  return unverified;
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
