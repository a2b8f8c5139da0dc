import type { UserGroup } from "../quickbi/operations";

/** One user group as the audit record keeps it: enough to restore the membership with AddUserGroupMembers. */
export interface GroupRecord {
  /** UsergroupId: what AddUserGroupMembers takes in `UserGroupIds`. */
  readonly id: string;
  /** The group's name. */
  readonly name: string;
  /** IdentifiedPath: the group's ancestry, as Quick BI reports it (its parent is the second to last). */
  readonly path: string;
}

/** One WithdrawAllUserGroups that succeeded and was verified. */
export interface WithdrawalRecord {
  /** RequestId of that WithdrawAllUserGroups. */
  readonly requestId: string;
  /** When it succeeded, ISO-8601 UTC. */
  readonly withdrawnAt: string;
  /** The groups the user was in just before the withdrawal. */
  readonly groupsRemoved: readonly GroupRecord[];
}

export function groupRecord(group: UserGroup): GroupRecord {
  return {
    id: group.UsergroupId,
    name: group.UsergroupName,
    path: group.IdentifiedPath ?? "",
  };
}

/** "Finance, Sales" — for summaries and messages. */
export function groupNames(groups: readonly GroupRecord[]): string {
  return groups.map((g) => g.name).join(", ");
}
