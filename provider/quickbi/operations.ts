import type { QuickBIClient } from "./client";
import type { AttemptBudget } from "./retry";

/**
 * Typed wrappers of the Quick BI operations this package uses (API 2022-01-01, RPC, POST, every
 * parameter in the query string). Field names follow Quick BI's responses.
 */

/** WithdrawAllUserGroups: removes the user from every user group. Irreversible. */
export async function withdrawAllUserGroups(
  client: QuickBIClient,
  userId: string,
  budget?: AttemptBudget,
): Promise<{ requestId: string }> {
  const options = { result: "true", ...(budget ? { budget } : {}) } as const;
  const response = await client.call("WithdrawAllUserGroups", { UserId: userId }, { userId }, options);
  return { requestId: response.requestId };
}

/** One entry of ListUserGroupsByUserId's `Result`. */
export interface UserGroup {
  readonly UsergroupId: string;
  readonly UsergroupName: string;
  readonly ParentUsergroupId?: string;
  readonly IdentifiedPath?: string;
}

/** ListUserGroupsByUserId: the user groups the user belongs to now. */
export async function listUserGroupsByUserId(
  client: QuickBIClient,
  userId: string,
  budget?: AttemptBudget,
): Promise<{ requestId: string; groups: UserGroup[] }> {
  const options = { result: "array", ...(budget ? { budget } : {}) } as const;
  const response = await client.call("ListUserGroupsByUserId", { UserId: userId }, { userId }, options);
  return { requestId: response.requestId, groups: response.result as UserGroup[] };
}

/** `Result` of QueryUserInfoByUserId and QueryUserInfoByAccount (the fields this package reads). */
export interface UserInfo {
  readonly UserId: string;
  readonly AccountId?: string;
  readonly AccountName?: string;
  readonly NickName?: string;
  readonly UserType?: number;
  /** Organisation administrator; deprecated by Quick BI in favour of RoleIdList (111111111). */
  readonly AdminUser?: boolean;
  /** Permission management (authorisation) administrator; deprecated in favour of RoleIdList (111111112). */
  readonly AuthAdminUser?: boolean;
  /** The organisation roles the user holds: 111111111 admin, 111111112 authorisation admin, 111111113 common user. */
  readonly RoleIdList?: readonly number[];
  /** `true` when the user is deactivated; they stay a member of the organisation either way. */
  readonly IsDeleted?: boolean;
}

/** QueryUserInfoByUserId: who the user is. */
export async function queryUserInfoByUserId(client: QuickBIClient, userId: string): Promise<UserInfo> {
  const response = await client.call(
    "QueryUserInfoByUserId",
    { UserId: userId },
    { userId },
    {
      result: "object",
    },
  );
  return response.result as UserInfo;
}

/** QueryUserInfoByAccount: resolves an Alibaba Cloud account name or UID to a Quick BI user. */
export async function queryUserInfoByAccount(
  client: QuickBIClient,
  account: string,
  parentAccountName?: string,
): Promise<UserInfo> {
  const query: Record<string, string> = { Account: account };
  if (parentAccountName !== undefined) query.ParentAccountName = parentAccountName;
  const response = await client.call("QueryUserInfoByAccount", query, { account }, { result: "object" });
  return response.result as UserInfo;
}

/**
 * The UpdateUser parameters this package sends: one change per call, so that each has its RequestId.
 * An offboarding sends `IsDeleted: true` (deactivated); a restore sends `false` (reactivated).
 */
export type UserUpdate = { readonly RoleIds: readonly number[] } | { readonly IsDeleted: boolean };

/** UpdateUser: replaces the user's organisation roles (`RoleIds`), or (de)activates the account (`IsDeleted`). */
export async function updateUser(
  client: QuickBIClient,
  userId: string,
  update: UserUpdate,
): Promise<{ requestId: string }> {
  const query: Record<string, string> =
    "RoleIds" in update ? { RoleIds: update.RoleIds.join(",") } : { IsDeleted: String(update.IsDeleted) };
  const response = await client.call(
    "UpdateUser",
    { UserId: userId, ...query },
    { userId },
    { result: "true" },
  );
  return { requestId: response.requestId };
}
