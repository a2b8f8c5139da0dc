// The read-only operations.
import { ApiError } from "../errors";
import { requireGroup, requireParam, requireUser, type Operation } from "./context";
import { groupMemberView, userGroupView, userInfoView, userMemberView } from "./views";

/** The groups the user is directly in, with their ancestry path. */
export const listUserGroupsByUserId: Operation = (context) => {
  const user = requireUser(context);
  return context.store.groupsOf(user.userId).map((g) => userGroupView(g, context.store));
};

/** The user's profile. */
export const queryUserInfoByUserId: Operation = (context) => userInfoView(requireUser(context));

/**
 * Finds a user by account name or Alibaba Cloud account id. For a RAM user (`name@parent.onaliyun.com`)
 * `Account` may be the part before `@`; `ParentAccountName`, when given, must then begin the part after it.
 */
export const queryUserInfoByAccount: Operation = (context) => {
  const account = requireParam(context.params, "Account");
  const parent = context.params.ParentAccountName?.trim() || undefined;
  const user = context.store.findUser((u) => {
    if (u.accountId === account || u.accountName === account) return true;
    const at = u.accountName.indexOf("@");
    if (at < 0 || u.accountName.slice(0, at) !== account) return false;
    return parent === undefined || u.accountName.slice(at + 1).startsWith(parent);
  });
  if (!user) {
    throw new ApiError(
      "User.Not.In.Organization",
      `The specified user is not in the organizational unit: ${account}.`,
    );
  }
  return userInfoView(user);
};

/** `true` when the user exists; an unknown user is `false`, not an error (that is the question asked). */
export const checkOrganizationMember: Operation = (context) =>
  context.store.user(requireParam(context.params, "UserId")) !== undefined;

/** Direct sub-groups, then direct members, optionally filtered by a case-insensitive `Keyword` in the name. */
export const queryUserGroupMember: Operation = (context) => {
  const group = requireGroup(context, requireParam(context.params, "UserGroupId"));
  const keyword = context.params.Keyword?.trim().toLowerCase() ?? "";
  const members = [
    ...context.store.childGroups(group.usergroupId).map((g) => groupMemberView(g, group)),
    ...context.store.membersOf(group.usergroupId).map((u) => userMemberView(u, group)),
  ];
  return keyword === "" ? members : members.filter((m) => m.Name.toLowerCase().includes(keyword));
};
