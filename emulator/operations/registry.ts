import type { Operation } from "./context";
import { queryUserGroupListByParentId, queryUserList, queryWorkspaceUserList } from "./organization";
import { addUserGroupMembers, deleteUserGroupMembers, withdrawAllUserGroups } from "./memberships";
import {
  checkOrganizationMember,
  listUserGroupsByUserId,
  queryUserGroupMember,
  queryUserInfoByAccount,
  queryUserInfoByUserId,
} from "./queries";
import {
  addUserToWorkspace,
  deleteUserFromWorkspace,
  listWorkspaceUserRolesByUserId,
  queryOrganizationWorkspaceList,
  updateUser,
} from "./workspaces";
import { listByUserGroupId } from "./restores";

/** The actions the emulator implements; any other action is `InvalidApi.NotFound`. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ["WithdrawAllUserGroups", withdrawAllUserGroups],
  ["ListUserGroupsByUserId", listUserGroupsByUserId],
  ["QueryUserInfoByUserId", queryUserInfoByUserId],
  ["QueryUserInfoByAccount", queryUserInfoByAccount],
  ["CheckOrganizationMember", checkOrganizationMember],
  ["AddUserGroupMembers", addUserGroupMembers],
  ["DeleteUserGroupMembers", deleteUserGroupMembers],
  ["QueryUserGroupMember", queryUserGroupMember],
  ["ListWorkspaceUserRolesByUserId", listWorkspaceUserRolesByUserId],
  ["AddUserToWorkspace", addUserToWorkspace],
  ["DeleteUserFromWorkspace", deleteUserFromWorkspace],
  ["UpdateUser", updateUser],
  ["QueryOrganizationWorkspaceList", queryOrganizationWorkspaceList],
  ["QueryUserList", queryUserList],
  ["QueryWorkspaceUserList", queryWorkspaceUserList],
  ["QueryUserGroupListByParentId", queryUserGroupListByParentId],
  ["ListByUserGroupId", listByUserGroupId],
]);
