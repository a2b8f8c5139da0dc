// The response shapes of the OpenAPI, built from the stored model. Field names are the service's.
import {
  ORGANIZATION_ROLES,
  WORKSPACE_ROLES,
  type User,
  type UserGroup,
  type Workspace,
  type WorkspaceRole,
} from "../model";
import type { WorkspaceRoleId } from "../model";
import type { Store } from "../store";

// The model keeps no audit fields: nobody has asked to seed them, and constant values keep responses
// reproducible. Times use the service's "yyyy-MM-dd HH:mm:ss" form.
const AUDIT_DEFAULTS = {
  CreateTime: "2021-03-15 17:13:55",
  CreateUser: "emulator",
  ModifiedTime: "2021-03-15 17:13:55",
  ModifyUser: "emulator",
} as const;

/** An element of `ListUserGroupsByUserId`'s Result. IdentifiedPath is the ancestry of ids joined by "/". */
export function userGroupView(group: UserGroup, store: Store) {
  return {
    UsergroupId: group.usergroupId,
    UsergroupName: group.usergroupName,
    UsergroupDesc: group.usergroupDesc ?? "",
    ParentUsergroupId: group.parentUsergroupId,
    IdentifiedPath: store.ancestry(group.usergroupId).join("/"),
    ...AUDIT_DEFAULTS,
  };
}

/** The Result of `QueryUserInfoByUserId` and `QueryUserInfoByAccount`. */
export function userInfoView(user: User) {
  return {
    AccountId: user.accountId,
    AccountName: user.accountName,
    AdminUser: user.adminUser ?? false,
    AuthAdminUser: user.authAdminUser ?? false,
    // Not modelled: Copilot licences, phones and custom organisation roles.
    CopilotModules: [] as string[],
    Email: user.email ?? "",
    IsDeleted: user.isDeleted ?? false,
    NickName: user.nickName,
    Phone: "",
    RoleIdList: organizationRoleIds(user),
    UserId: user.userId,
    UserType: user.userType,
  };
}

/**
 * RoleIdList, derived from the two flags that Quick BI deprecated in its favour: the admin roles held,
 * or the common user role when neither is (chosen: the documentation gives no example list).
 */
function organizationRoleIds(user: User): number[] {
  const ids: number[] = [];
  if (user.adminUser) ids.push(ORGANIZATION_ROLES.admin);
  if (user.authAdminUser) ids.push(ORGANIZATION_ROLES.authAdmin);
  return ids.length > 0 ? ids : [ORGANIZATION_ROLES.commonUser];
}

/** An element of `ListWorkspaceUserRolesByUserId`'s Result; RoleId is a string, as the API page types it. */
export function workspaceRoleView({ workspace, roleId }: WorkspaceRole) {
  const role = WORKSPACE_ROLES[roleId];
  return {
    WorkspaceId: workspace.workspaceId,
    WorkspaceName: workspace.workspaceName,
    RoleModel: { RoleId: String(roleId), RoleCode: role.roleCode, RoleName: role.roleName },
  };
}

/**
 * An element of `QueryOrganizationWorkspaceList`'s `Result.Data`: the fields the official SDK's model
 * names that the emulator can fill (no export config, no audit fields).
 */
export function organizationWorkspaceView(workspace: Workspace, store: Store) {
  const owner = workspace.owner === undefined ? undefined : store.user(workspace.owner);
  return {
    WorkspaceId: workspace.workspaceId,
    WorkspaceName: workspace.workspaceName,
    WorkspaceDescription: "",
    Owner: workspace.owner ?? "",
    OwnerAccountName: owner?.accountName ?? "",
    ...AUDIT_DEFAULTS,
  };
}

/** An element of `QueryUserGroupMember`'s Result for a user. */
export function userMemberView(user: User, parent: UserGroup) {
  return {
    Id: user.userId,
    Name: user.nickName,
    UserId: user.userId,
    NickName: user.nickName,
    IsUserGroup: false,
    ParentUserGroupId: parent.usergroupId,
    ParentUserGroupName: parent.usergroupName,
  };
}

/** An element of `QueryUserGroupMember`'s Result for a sub-group (it has no UserId or NickName). */
export function groupMemberView(group: UserGroup, parent: UserGroup) {
  return {
    Id: group.usergroupId,
    Name: group.usergroupName,
    IsUserGroup: true,
    ParentUserGroupId: parent.usergroupId,
    ParentUserGroupName: parent.usergroupName,
  };
}

/** An element of `QueryUserList`'s `Result.Data`: the fields of QueryUserInfoByUserId the list model names. */
export function userListView(user: User) {
  const { Email: _email, Phone: _phone, ...listed } = userInfoView(user);
  return listed;
}

/** An element of `QueryWorkspaceUserList`'s `Result.Data`; this `RoleId` is a number, as its model types it. */
export function workspaceUserView(user: User, roleId: WorkspaceRoleId) {
  const role = WORKSPACE_ROLES[roleId];
  return {
    AccountId: user.accountId,
    AccountName: user.accountName,
    NickName: user.nickName,
    UserId: user.userId,
    Role: { RoleId: roleId, RoleCode: role.roleCode, RoleName: role.roleName },
  };
}

/** An element of `QueryUserGroupListByParentId`'s Result. */
export function childGroupView(group: UserGroup, store: Store) {
  return {
    UserGroupId: group.usergroupId,
    UserGroupName: group.usergroupName,
    UserGroupDescription: group.usergroupDesc ?? "",
    ParentUserGroupId: group.parentUsergroupId,
    IdentifiedPath: store.ancestry(group.usergroupId).join("/"),
    ...AUDIT_DEFAULTS,
  };
}
