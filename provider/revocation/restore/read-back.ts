/**
 * A restore's proof: what it wrote is recorded as put back only once a read shows it
 * (ListUserGroupsByUserId, ListWorkspaceUserRolesByUserId with the role, QueryUserInfoByUserId for the
 * roles and the account).
 */
import { listUserGroupsByUserId, queryUserInfoByUserId } from "../../quickbi/operations";
import { roleIdsOf } from "../steps/organization-roles";
import type { StepContext } from "../steps/step";
import { workspacesOf } from "../steps/workspaces";
import type { GroupRejoined, RestoreRecord, WorkspaceRejoined } from "./record";

/** Reads back what was written and moves what Quick BI shows into `done`; returns what it does not show. */
export async function confirm(
  context: StepContext,
  written: Written,
  done: Written,
): Promise<{ id: string; what: string }[]> {
  const pending: Written = {
    groups: written.groups.filter((g) => !done.groups.includes(g)),
    workspaces: written.workspaces.filter((w) => !done.workspaces.includes(w)),
    ...(written.organizationRoles && written.organizationRoles !== done.organizationRoles
      ? { organizationRoles: written.organizationRoles }
      : {}),
    ...(written.account && written.account !== done.account ? { account: written.account } : {}),
  };
  const unverified = await readBack(context, pending);
  const shown = (id: string) => !unverified.some((u) => u.id === id);
  done.groups.push(...pending.groups.filter((g) => shown(g.id)));
  done.workspaces.push(...pending.workspaces.filter((w) => shown(w.workspaceId)));
  if (pending.organizationRoles && shown("organizationRoles"))
    done.organizationRoles = pending.organizationRoles;
  if (pending.account && shown("account")) done.account = pending.account;
  return unverified;
}

/** What a restore wrote: by kind, each with its RequestId. */
export interface Written {
  groups: GroupRejoined[];
  workspaces: WorkspaceRejoined[];
  organizationRoles?: RestoreRecord["organizationRoles"];
  account?: RestoreRecord["account"];
}

/** The writes of this run not recorded as done, with their RequestIds, for the record's `error`. */
export function notReadBack(written: Written, done: Written): string {
  return [
    ...(written.account && written.account !== done.account
      ? [`reactivation (RequestId ${written.account.requestId})`]
      : []),
    ...(written.organizationRoles && written.organizationRoles !== done.organizationRoles
      ? [`organisation roles (RequestId ${written.organizationRoles.requestId})`]
      : []),
    ...written.workspaces
      .filter((w) => !done.workspaces.includes(w))
      .map((w) => `${w.workspaceName} (RequestId ${w.requestId})`),
    ...written.groups
      .filter((g) => !done.groups.includes(g))
      .map((g) => `${g.name} (RequestId ${g.requestId})`),
  ].join(", ");
}

/** What the reads after the writes do not show, by id: groups, workspaces with their role, roles, account. */
async function readBack(
  { client, userId }: StepContext,
  { groups, workspaces, organizationRoles, account }: Written,
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
