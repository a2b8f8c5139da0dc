// The operations that change memberships. Each honours `dryRun` (the `keepMembership` fault).
import { requireGroups, requireUser, type Operation } from "./context";

/**
 * Removes the user from every group. A user in no group gets `true` too: an assumption, since no public
 * source says what the service answers then, and "already withdrawn" is the idempotent reading.
 */
export const withdrawAllUserGroups: Operation = (context) => {
  const user = requireUser(context);
  if (!context.dryRun) context.store.removeAllMemberships(user.userId);
  return true;
};

/** Adds the user to each listed group; already being a member is not an error. */
export const addUserGroupMembers: Operation = (context) => {
  const user = requireUser(context);
  const groups = requireGroups(context, "UserGroupIds");
  if (!context.dryRun) for (const g of groups) context.store.addMembership(user.userId, g.usergroupId);
  return true;
};

/** Removes the user from each listed group; not being a member is not an error. */
export const deleteUserGroupMembers: Operation = (context) => {
  const user = requireUser(context);
  const groups = requireGroups(context, "UserGroupIds");
  if (!context.dryRun) for (const g of groups) context.store.removeMembership(user.userId, g.usergroupId);
  return true;
};
