/**
 * The record of one restore, as the state keeps it in `restores` (oldest first; while `restore` is
 * set, the last one is the restore in force). Each write with its RequestId and time, verified by
 * reading back; each item that could not be put back, with why.
 */
import type { RestoreRequest } from "./request";

/** One user group the person rejoined. */
export interface GroupRejoined {
  readonly id: string;
  readonly name: string;
  /** RequestId of the AddUserGroupMembers. */
  readonly requestId: string;
  readonly restoredAt: string;
}

/** One workspace the person rejoined, with the role recorded when they were taken out. */
export interface WorkspaceRejoined {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly roleId: string;
  readonly roleName: string;
  /** RequestId of the AddUserToWorkspace (or of its `User.AlreadyIn.Workspace` answer, the role read back). */
  readonly requestId: string;
  readonly restoredAt: string;
}

/** Something the record says was removed and that was not put back, and why. */
export interface NotRestored {
  /** `group`, `workspace`, `organizationRoles` or `account`. */
  readonly kind: "group" | "workspace" | "organizationRoles" | "account";
  /** The group's or workspace's id. */
  readonly id?: string;
  /** "Sales (ug-sales)", "Sales BI", "organisation roles", "the account". */
  readonly item: string;
  /** "deleted since (ListByUserGroupId, RequestId …)", "its state before the offboarding was recorded as unknown: …" */
  readonly reason: string;
}

/**
 * `done`: everything that could be put back was, and read back; `incomplete`: a call failed (`error`
 * says which and why) and the next `pulumi up` continues without repeating what is done.
 */
export interface RestoreRecord extends RestoreRequest {
  readonly status: "done" | "incomplete";
  /** When the restore started (ISO-8601 UTC). */
  readonly requestedAt: string;
  readonly groups: readonly GroupRejoined[];
  readonly workspaces: readonly WorkspaceRejoined[];
  /** The organisation roles given back with UpdateUser `RoleIds`. */
  readonly organizationRoles?: {
    readonly roleIds: readonly number[];
    readonly requestId: string;
    readonly restoredAt: string;
  };
  /** The account reactivated with UpdateUser `IsDeleted=false`. */
  readonly account?: { readonly requestId: string; readonly reactivatedAt: string };
  readonly notRestored: readonly NotRestored[];
  /** When everything put back was read back (ISO-8601 UTC). */
  readonly verifiedAt?: string;
  readonly error?: string;
}
