// The organisation-wide listings: what a refresh of many people reads once instead of three reads per
// person (QueryUserList, QueryWorkspaceUserList, QueryUserGroupListByParentId; QueryUserGroupMember
// and QueryOrganizationWorkspaceList are with the queries and workspaces).
import { ApiError } from "../errors";
import { ROOT_GROUP_ID } from "../model";
import { requireGroup, requireParam, type Operation } from "./context";
import { page } from "./paging";
import { childGroupView, userListView, workspaceUserView } from "./views";

/** Keeps the items whose names hold `Keyword`, case-insensitively; all of them without one. */
function byKeyword<T>(keyword: string | undefined, items: readonly T[], names: (item: T) => string[]): T[] {
  const wanted = keyword?.trim().toLowerCase() ?? "";
  if (wanted === "") return [...items];
  return items.filter((item) => names(item).some((name) => name.toLowerCase().includes(wanted)));
}

/** The organisation's members, one page at a time; `Keyword` filters by account name or nickname. */
export const queryUserList: Operation = (context) => {
  const users = byKeyword(context.params.Keyword, context.store.allUsers(), (u) => [
    u.accountName,
    u.nickName,
  ]);
  return page(context, users, userListView);
};

/** The workspace's direct members with their roles, one page at a time; `Keyword` filters by account name. */
export const queryWorkspaceUserList: Operation = (context) => {
  const workspaceId = requireParam(context.params, "WorkspaceId");
  if (!context.store.workspace(workspaceId)) {
    // Chosen: the API page lists no workspace-not-found code.
    throw new ApiError(
      "Invalid.Parameter",
      `An error occurred while verifying parameters: no workspace ${workspaceId}.`,
    );
  }
  const members = byKeyword(context.params.Keyword, context.store.membersOfWorkspace(workspaceId), (m) => [
    m.user.accountName,
  ]);
  return page(context, members, (m) => workspaceUserView(m.user, m.roleId));
};

/** The direct sub-groups of `ParentUserGroupId` (`-1`: the top-level groups), not paged. */
export const queryUserGroupListByParentId: Operation = (context) => {
  const parentId = requireParam(context.params, "ParentUserGroupId");
  if (parentId !== ROOT_GROUP_ID) requireGroup(context, parentId);
  return context.store.childGroups(parentId).map((g) => childGroupView(g, context.store));
};
