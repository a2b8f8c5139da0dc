/**
 * The organisation read once, answering each person's refresh reads: the same three answers
 * (ListUserGroupsByUserId, QueryUserInfoByUserId, ListWorkspaceUserRolesByUserId) in the same shapes,
 * built from the listings of every group, user and workspace.
 *
 * Calls: QueryUserList, one per 1,000 users; QueryUserGroupListByParentId once for the top level and
 * once per group that has sub-groups; QueryUserGroupMember once per group; QueryOrganizationWorkspaceList
 * once per 1,000 workspaces; QueryWorkspaceUserList once per 1,000 members of each workspace.
 */
import type { QuickBIClient } from "../quickbi/client";
import type { UserGroup, UserInfo } from "../quickbi/operations";
import {
  queryOrganizationWorkspaceList,
  queryUserGroupListByParentId,
  queryUserGroupMember,
  queryUserList,
  queryWorkspaceUserList,
  TOP_LEVEL,
} from "../quickbi/organization";
import type { WorkspaceUserRole } from "../quickbi/workspaces";

/** One person's refresh reads, as Quick BI would have answered each, by action. */
export interface PersonAnswers {
  readonly ListUserGroupsByUserId: readonly UserGroup[];
  readonly QueryUserInfoByUserId: UserInfo;
  readonly ListWorkspaceUserRolesByUserId: readonly WorkspaceUserRole[];
}

/** The organisation as read once. */
export interface OrganizationSnapshot {
  /**
   * The person's answers; `undefined` when the listings cannot give them: a user they do not list
   * (deleted since, or never a member: their own reads say which) or one holding a workspace role
   * that is not a preset (QueryWorkspaceUserList gives presets only).
   */
  answersFor(userId: string): PersonAnswers | undefined;
}

/** Reads the organisation: users, groups and workspaces side by side. Rejects if any listing fails. */
export async function readOrganization(client: QuickBIClient): Promise<OrganizationSnapshot> {
  const [users, groups, workspaces] = await Promise.all([
    queryUserList(client),
    groupsByUser(client),
    workspacesByUser(client),
  ]);
  const byId = new Map(users.map((user) => [user.UserId, user]));
  return {
    answersFor(userId) {
      const info = byId.get(userId);
      if (info === undefined || workspaces.unanswerable.has(userId)) return undefined;
      return {
        ListUserGroupsByUserId: groups.get(userId) ?? [],
        QueryUserInfoByUserId: info,
        ListWorkspaceUserRolesByUserId: workspaces.byUser.get(userId) ?? [],
      };
    },
  };
}

/** Each user's direct groups, walking the tree one level at a time from the top. */
async function groupsByUser(client: QuickBIClient): Promise<Map<string, UserGroup[]>> {
  const byUser = new Map<string, UserGroup[]>();
  const seen = new Set<string>();
  let level = await queryUserGroupListByParentId(client, TOP_LEVEL);
  while (level.length > 0) {
    const fresh = level.filter((g) => !seen.has(g.UserGroupId));
    for (const g of fresh) seen.add(g.UserGroupId);
    const children = await Promise.all(
      fresh.map(async (g) => {
        const group: UserGroup = {
          UsergroupId: g.UserGroupId,
          UsergroupName: g.UserGroupName,
          ...(g.ParentUserGroupId === undefined ? {} : { ParentUsergroupId: g.ParentUserGroupId }),
          ...(g.IdentifiedPath === undefined ? {} : { IdentifiedPath: g.IdentifiedPath }),
        };
        const members = await queryUserGroupMember(client, g.UserGroupId);
        for (const member of members) if (!member.IsUserGroup) push(byUser, member.Id, group);
        // The sub-groups' own IdentifiedPath comes from their listing, as ListUserGroupsByUserId gives it.
        return members.some((m) => m.IsUserGroup) ? queryUserGroupListByParentId(client, g.UserGroupId) : [];
      }),
    );
    level = children.flat();
  }
  return byUser;
}

/** Each user's direct workspaces with the role held, and the users whose role the listing cannot say. */
async function workspacesByUser(client: QuickBIClient) {
  const byUser = new Map<string, WorkspaceUserRole[]>();
  const unanswerable = new Set<string>();
  const workspaces = await queryOrganizationWorkspaceList(client);
  await Promise.all(
    workspaces.map(async (workspace) => {
      for (const row of await queryWorkspaceUserList(client, workspace.WorkspaceId)) {
        const role = row.Role;
        if (role?.RoleId === undefined) {
          unanswerable.add(row.UserId);
          continue;
        }
        push(byUser, row.UserId, {
          WorkspaceId: workspace.WorkspaceId,
          WorkspaceName: workspace.WorkspaceName,
          // ListWorkspaceUserRolesByUserId types RoleId as a string.
          RoleModel: {
            RoleId: String(role.RoleId),
            ...(role.RoleCode === undefined ? {} : { RoleCode: role.RoleCode }),
            ...(role.RoleName === undefined ? {} : { RoleName: role.RoleName }),
          },
        });
      }
    }),
  );
  return { byUser, unanswerable };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
