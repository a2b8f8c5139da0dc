// The reads and refusals an undo of an offboarding meets: ListByUserGroupId says which groups still
// exist (a group deleted since cannot be rejoined); AddUserToWorkspace's documented refusals live with
// it in workspaces.ts.
import { requireParam, type Operation } from "./context";
import { userGroupView } from "./views";

/**
 * The groups named by `UserGroupIds` (comma-separated): `UserGroupModels` for those that exist,
 * `FailedUserGroupIds` for the others, as the official SDK's model has it.
 */
export const listByUserGroupId: Operation = (context) => {
  const ids = requireParam(context.params, "UserGroupIds")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const found = ids.flatMap((id) => {
    const group = context.store.group(id);
    return group ? [group] : [];
  });
  return {
    FailedUserGroupIds: ids.filter((id) => !context.store.group(id)),
    UserGroupModels: found.map((g) => userGroupView(g, context.store)),
  };
};
