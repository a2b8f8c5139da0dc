import type { QuickBIClient } from "./client";

/** One entry of ListWorkspaceUserRolesByUserId's `Result`: a workspace the user is directly a member of. */
export interface WorkspaceUserRole {
  readonly WorkspaceId: string;
  readonly WorkspaceName: string;
  /** `RoleId` is typed as a string on the API page; RoleCode is absent for a custom role. */
  readonly RoleModel?: {
    readonly RoleId?: string | number;
    readonly RoleCode?: string;
    readonly RoleName?: string;
  };
}

/**
 * ListWorkspaceUserRolesByUserId: the workspaces the user belongs to directly, with the role held in
 * each. WithdrawAllUserGroups does not touch these memberships.
 */
export async function listWorkspaceUserRolesByUserId(
  client: QuickBIClient,
  userId: string,
): Promise<{ requestId: string; workspaces: WorkspaceUserRole[] }> {
  const response = await client.call(
    "ListWorkspaceUserRolesByUserId",
    { UserId: userId },
    { userId },
    {
      result: "array",
    },
  );
  return { requestId: response.requestId, workspaces: response.result as WorkspaceUserRole[] };
}

/** DeleteUserFromWorkspace: takes the user out of one workspace. Refused for its owner (`CanNot.Remove.WorkspaceOwner`). */
export async function deleteUserFromWorkspace(
  client: QuickBIClient,
  userId: string,
  workspaceId: string,
): Promise<{ requestId: string }> {
  const response = await client.call(
    "DeleteUserFromWorkspace",
    { UserId: userId, WorkspaceId: workspaceId },
    { userId },
    { result: "true" },
  );
  return { requestId: response.requestId };
}

/** One element of QueryOrganizationWorkspaceList's `Result.Data` (the fields this package reads). */
export interface OrganizationWorkspace {
  readonly WorkspaceId: string;
  readonly WorkspaceName: string;
  /** The Quick BI UserId of the workspace's owner. */
  readonly Owner?: string;
}

/** The largest page QueryOrganizationWorkspaceList serves: one call for most organisations. */
const WORKSPACE_PAGE_SIZE = 1000;

/**
 * QueryOrganizationWorkspaceList, every page: the organisation's workspaces with their owners. `user`
 * is whom the read is for, for messages.
 */
export async function queryOrganizationWorkspaces(
  client: QuickBIClient,
  userId: string,
): Promise<OrganizationWorkspace[]> {
  const all: OrganizationWorkspace[] = [];
  for (let pageNum = 1; ; pageNum++) {
    const response = await client.call(
      "QueryOrganizationWorkspaceList",
      { PageNum: String(pageNum), PageSize: String(WORKSPACE_PAGE_SIZE) },
      { userId },
      { result: "object" },
    );
    const page = response.result as { Data?: OrganizationWorkspace[]; TotalPages?: number };
    const data = Array.isArray(page.Data) ? page.Data : [];
    all.push(...data);
    if (data.length === 0 || pageNum >= (page.TotalPages ?? 1)) return all;
  }
}
