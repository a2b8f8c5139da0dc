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
