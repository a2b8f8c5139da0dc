// The response shapes of the OpenAPI, built from the stored model. Field names are the service's.
import type { User, UserGroup } from "../model";
import type { Store } from "../store";

// The model keeps no audit fields: nobody has asked to seed them, and constant values keep responses
// reproducible. Times use the service's "yyyy-MM-dd HH:mm:ss" form.
const GROUP_AUDIT_DEFAULTS = {
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
    ...GROUP_AUDIT_DEFAULTS,
  };
}

/** The Result of `QueryUserInfoByUserId` and `QueryUserInfoByAccount`. */
export function userInfoView(user: User) {
  return {
    AccountId: user.accountId,
    AccountName: user.accountName,
    AdminUser: user.adminUser ?? false,
    // Not modelled: permission administrators, Copilot licences, phones and custom roles.
    AuthAdminUser: false,
    CopilotModules: [] as string[],
    Email: user.email ?? "",
    NickName: user.nickName,
    Phone: "",
    RoleIdList: [] as number[],
    UserId: user.userId,
    UserType: user.userType,
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
