import type { QuickBIClient } from "./client";
import type { UserInfo } from "./operations";

/**
 * Typed wrappers of the listings that read the whole organisation (API 2022-01-01), field names as in
 * the official SDK's models (alibabacloud-quickbi-public20220101): what a refresh of many people reads
 * once instead of three reads per person.
 */

const ORGANIZATION = { organization: true } as const;

/** The largest page QueryUserList, QueryWorkspaceUserList and QueryOrganizationWorkspaceList accept. */
export const MAX_PAGE_SIZE = 1000;

/** A paged listing's `Result`. */
interface Page<T> {
  readonly Data?: readonly T[];
  readonly TotalPages?: number;
}

/** Every row of a paged listing, a page of {@link MAX_PAGE_SIZE} at a time. */
async function allPages<T>(
  client: QuickBIClient,
  action: string,
  query: Readonly<Record<string, string>>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const response = await client.call(
      action,
      { ...query, PageNum: String(pageNum), PageSize: String(MAX_PAGE_SIZE) },
      ORGANIZATION,
      { result: "object" },
    );
    const page = response.result as Page<T>;
    rows.push(...(page.Data ?? []));
    if ((page.Data ?? []).length === 0 || pageNum >= (page.TotalPages ?? 0)) return rows;
  }
}

/** QueryUserList: every member of the organisation with the flags QueryUserInfoByUserId gives. */
export function queryUserList(client: QuickBIClient): Promise<UserInfo[]> {
  return allPages<UserInfo>(client, "QueryUserList", {});
}

/** One row of QueryOrganizationWorkspaceList's `Result.Data`. */
export interface OrganizationWorkspace {
  readonly WorkspaceId: string;
  readonly WorkspaceName: string;
}

/** QueryOrganizationWorkspaceList: every workspace of the organisation. */
export function queryOrganizationWorkspaceList(client: QuickBIClient): Promise<OrganizationWorkspace[]> {
  return allPages<OrganizationWorkspace>(client, "QueryOrganizationWorkspaceList", {});
}

/** One row of QueryWorkspaceUserList's `Result.Data`: a direct member and the preset role held. */
export interface WorkspaceUser {
  readonly UserId: string;
  /** Absent (or without RoleId) for a role that is not one of the presets 25, 26, 27, 30. */
  readonly Role?: { readonly RoleId?: number; readonly RoleCode?: string; readonly RoleName?: string };
}

/** QueryWorkspaceUserList: the workspace's direct members. */
export function queryWorkspaceUserList(client: QuickBIClient, workspaceId: string): Promise<WorkspaceUser[]> {
  return allPages<WorkspaceUser>(client, "QueryWorkspaceUserList", { WorkspaceId: workspaceId });
}

/** One row of QueryUserGroupListByParentId's `Result`. */
export interface ChildGroup {
  readonly UserGroupId: string;
  readonly UserGroupName: string;
  readonly ParentUserGroupId?: string;
  readonly IdentifiedPath?: string;
}

/** The parent id QueryUserGroupListByParentId takes for the top-level groups. */
export const TOP_LEVEL = "-1";

/** QueryUserGroupListByParentId: the direct sub-groups of a group (`-1`: the top-level groups). */
export async function queryUserGroupListByParentId(
  client: QuickBIClient,
  parentUserGroupId: string,
): Promise<ChildGroup[]> {
  const response = await client.call(
    "QueryUserGroupListByParentId",
    { ParentUserGroupId: parentUserGroupId },
    ORGANIZATION,
    { result: "array" },
  );
  return response.result as ChildGroup[];
}

/** One row of QueryUserGroupMember's `Result`: a direct member, or a direct sub-group. */
export interface GroupMember {
  readonly Id: string;
  readonly IsUserGroup: boolean;
}

/** QueryUserGroupMember: the group's direct members and sub-groups. */
export async function queryUserGroupMember(
  client: QuickBIClient,
  userGroupId: string,
): Promise<GroupMember[]> {
  const response = await client.call("QueryUserGroupMember", { UserGroupId: userGroupId }, ORGANIZATION, {
    result: "array",
  });
  return response.result as GroupMember[];
}
