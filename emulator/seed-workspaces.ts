// The seed's workspace data: workspaces and who is a direct member of which, with which role.
import { asRecord, describe } from "./load-file";
import { WORKSPACE_ROLES, type Workspace, type WorkspaceMember, type WorkspaceRoleId } from "./model";
import { optionalText, text, unique } from "./seed-fields";

export function parseWorkspace(value: unknown, where: string): Workspace {
  const r = asRecord(value, where);
  const owner = optionalText(r, "owner", where);
  return {
    workspaceId: text(r, "workspaceId", where),
    workspaceName: text(r, "workspaceName", where),
    ...(owner === undefined ? {} : { owner }),
  };
}

export function parseWorkspaceMember(value: unknown, where: string): WorkspaceMember {
  const r = asRecord(value, where);
  return {
    userId: text(r, "userId", where),
    workspaceId: text(r, "workspaceId", where),
    roleId: parseWorkspaceRoleId(r.roleId, `${where}.roleId`),
  };
}

/** A preset workspace role id, given as a number or as digits (Quick BI answers RoleId as a string). */
export function parseWorkspaceRoleId(value: unknown, where: string): WorkspaceRoleId {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id === "number" && Object.hasOwn(WORKSPACE_ROLES, id)) return id as WorkspaceRoleId;
  const allowed = Object.entries(WORKSPACE_ROLES).map(([roleId, r]) => `${roleId} (${r.roleCode})`);
  throw new Error(
    `${where} must be a preset workspace role, one of ${allowed.join(", ")}; got ${describe(value)}`,
  );
}

export function checkWorkspaceReferences(
  source: string,
  userIds: ReadonlySet<string>,
  workspaces: readonly Workspace[],
  members: readonly WorkspaceMember[],
): void {
  const workspaceIds = unique(
    workspaces.map((w) => w.workspaceId),
    `${source}: workspaces`,
    "workspaceId",
  );
  workspaces.forEach((w, i) => {
    if (w.owner !== undefined && !userIds.has(w.owner))
      throw new Error(`${source}: workspaces[${i}].owner names unknown user ${w.owner}`);
  });
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const where = `${source}: workspaceMembers[${i}]`;
    if (!userIds.has(m.userId)) throw new Error(`${where} names unknown user ${m.userId}`);
    if (!workspaceIds.has(m.workspaceId))
      throw new Error(`${where} names unknown workspace ${m.workspaceId}`);
    // One role per user and workspace, as in Quick BI: a second entry would silently win.
    const key = `${m.userId}|${m.workspaceId}`;
    if (seen.has(key)) throw new Error(`${where}: user ${m.userId} is already a member of ${m.workspaceId}`);
    seen.add(key);
  });
}
