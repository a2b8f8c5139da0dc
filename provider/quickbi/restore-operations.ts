import type { QuickBIClient } from "./client";

/**
 * The Quick BI operations that put back what an offboarding took away (API 2022-01-01, RPC, POST,
 * every parameter in the query string), and the reads that say whether a group or a workspace still
 * exists. Field names follow Quick BI's responses (the official SDK models).
 */

/** AddUserGroupMembers: adds the user to the listed groups. The undo of WithdrawAllUserGroups, one group per call here. */
export async function addUserGroupMembers(
  client: QuickBIClient,
  userId: string,
  groupIds: readonly string[],
): Promise<{ requestId: string }> {
  const response = await client.call(
    "AddUserGroupMembers",
    { UserId: userId, UserGroupIds: groupIds.join(",") },
    { userId },
    { result: "true" },
  );
  return { requestId: response.requestId };
}

/** AddUserToWorkspace: the undo of DeleteUserFromWorkspace, with the role the user held (25, 26, 27, 30 or a custom role). */
export async function addUserToWorkspace(
  client: QuickBIClient,
  userId: string,
  workspaceId: string,
  roleId: string,
): Promise<{ requestId: string }> {
  const response = await client.call(
    "AddUserToWorkspace",
    { UserId: userId, WorkspaceId: workspaceId, RoleId: roleId },
    { userId },
    { result: "true" },
  );
  return { requestId: response.requestId };
}

/** `Result` of ListByUserGroupId: the groups found, and the ids Quick BI has no group for. */
export interface UserGroupsFound {
  readonly FailedUserGroupIds?: readonly string[];
  readonly UserGroupModels?: readonly { readonly UsergroupId: string; readonly UsergroupName?: string }[];
}

/** ListByUserGroupId: which of these groups still exist. `userId` is whom the read is for, for messages. */
export async function listByUserGroupId(
  client: QuickBIClient,
  userId: string,
  groupIds: readonly string[],
): Promise<{ requestId: string; missing: string[] }> {
  const response = await client.call(
    "ListByUserGroupId",
    { UserGroupIds: groupIds.join(",") },
    { userId },
    { result: "object" },
  );
  const found = response.result as UserGroupsFound;
  const present = new Set((found.UserGroupModels ?? []).map((g) => g.UsergroupId));
  const failed = new Set(found.FailedUserGroupIds ?? []);
  return {
    requestId: response.requestId,
    missing: groupIds.filter((id) => failed.has(id) || !present.has(id)),
  };
}
