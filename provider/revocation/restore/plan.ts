/**
 * The preview of a restore: what will be put back, by name, and what cannot be (a group or workspace
 * deleted since, a before-state recorded as unknown). Two reads say what still exists:
 * ListByUserGroupId for the groups, QueryOrganizationWorkspaceList for the workspaces.
 */
import type { QuickBIClient } from "../../quickbi/client";
import { listByUserGroupId } from "../../quickbi/restore-operations";
import { queryOrganizationWorkspaces } from "../../quickbi/workspaces";
import { count, rolesLost } from "../steps/plan";
import type { NotRestored } from "./record";
import type { Restorable } from "./restorable";

/** What `check` shows for a restore, in the inputs the preview prints. */
export interface RestorePlan {
  /** "alice (Alice Wang) will rejoin 2 user groups: Finance, Sales; rejoin Sales BI as Analyst; regain organisation admin; be reactivated" */
  readonly summary: string;
  /** What cannot be put back, each with why. */
  readonly notRestored: readonly NotRestored[];
}

/** Reads what still exists and says, item by item, what the restore will do. */
export async function planRestore(
  client: QuickBIClient,
  userId: string,
  who: string,
  restorable: Restorable,
): Promise<RestorePlan> {
  const missing = await missingOf(client, userId, restorable);
  const notRestored = [...missing, ...restorable.refused];
  const gone = new Set(missing.map((m) => m.id));
  const groups = restorable.groups.filter((g) => !gone.has(g.id));
  const workspaces = restorable.workspaces.filter((w) => !gone.has(w.workspaceId));
  const parts = [
    ...(groups.length > 0
      ? [`rejoin ${count(groups.length, "user group")}: ${groups.map((g) => g.name).join(", ")}`]
      : []),
    ...(workspaces.length > 0
      ? [`rejoin ${workspaces.map((w) => `${w.workspaceName} as ${w.roleName}`).join(", ")}`]
      : []),
    ...(restorable.roleIds ? [`regain ${rolesLost(restorable.roleIds)}`] : []),
    ...(restorable.reactivate ? ["be reactivated"] : []),
    ...notRestored.map((n) => `not get back ${n.item}: ${n.reason}`),
  ];
  return {
    summary: `${who} will ${parts.length > 0 ? parts.join("; ") : "get nothing back: the record shows nothing removed"}`,
    notRestored,
  };
}

/** The groups and workspaces of `restorable` that no longer exist, each named with the read that says so. */
export async function missingOf(
  client: QuickBIClient,
  userId: string,
  restorable: Restorable,
): Promise<NotRestored[]> {
  const missing: NotRestored[] = [];
  if (restorable.groups.length > 0) {
    const read = await listByUserGroupId(
      client,
      userId,
      restorable.groups.map((g) => g.id),
    );
    for (const group of restorable.groups.filter((g) => read.missing.includes(g.id)))
      missing.push({
        kind: "group",
        id: group.id,
        item: groupItem(group),
        reason: `deleted since (ListByUserGroupId, RequestId ${read.requestId})`,
      });
  }
  if (restorable.workspaces.length > 0) {
    const existing = new Set((await queryOrganizationWorkspaces(client, userId)).map((w) => w.WorkspaceId));
    for (const workspace of restorable.workspaces.filter((w) => !existing.has(w.workspaceId)))
      missing.push({
        kind: "workspace",
        id: workspace.workspaceId,
        item: workspace.workspaceName,
        reason: "deleted since (not in QueryOrganizationWorkspaceList)",
      });
  }
  return missing;
}

/** "Sales (ug-sales)": how a group is named where it cannot be put back. */
export function groupItem(group: { readonly id: string; readonly name: string }): string {
  return `${group.name} (${group.id})`;
}
