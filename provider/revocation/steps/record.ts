/**
 * The record of each step beyond the user groups, as the state keeps it: what the step removed, with
 * the RequestId and time of each write, read back after it ran. It is the input of an undo, so each
 * record keeps the before-state exactly as Quick BI reported it just before the write, and says so
 * when it could not know it (`previousStateUnknown`) rather than guess.
 */
import type { WorkspaceAccess } from "../residual-access";

/**
 * `done`: verified; `incomplete`: some of it could not be done (a workspace its owner cannot leave, a
 * failed call): `error` says why and the next `pulumi up` finishes it; `not-run`: an earlier step
 * failed first.
 */
export type StepStatus = "done" | "incomplete" | "not-run";

/** One workspace the person was taken out of. */
export interface WorkspaceRemoval extends WorkspaceAccess {
  /** RequestId of the DeleteUserFromWorkspace that removed it. */
  readonly requestId: string;
  /** ISO-8601 UTC. */
  readonly removedAt: string;
}

/** One workspace the person still belongs to after the step, and why. */
export interface WorkspaceKept extends WorkspaceAccess {
  /** `CanNot.Remove.WorkspaceOwner`, or the code of the call that failed. */
  readonly code: string;
  readonly requestId?: string;
  /** Whether the person owns it: Quick BI refuses to remove an owner. */
  readonly owner: boolean;
}

/** `workspaces`: DeleteUserFromWorkspace for each direct membership. */
export interface WorkspacesStepRecord {
  readonly status: StepStatus;
  /** Every workspace removed by this resource, across the `up`s that finished the step. */
  readonly removed: readonly WorkspaceRemoval[];
  /** Workspaces left in place, each with why; empty when done. */
  readonly kept: readonly WorkspaceKept[];
  /** When the step last read the person's workspaces back (ISO-8601 UTC). */
  readonly checkedAt?: string;
  readonly error?: string;
  /** Workspaces a refresh found the person back in since (drift); the next `up` removes them again. */
  readonly current?: readonly WorkspaceAccess[];
  /** Earlier records of this step, oldest first, when drift made it run again. */
  readonly history?: readonly Omit<WorkspacesStepRecord, "history" | "current">[];
}

/** `organizationRoles`: UpdateUser RoleIds=111111113. */
export interface OrganizationRolesStepRecord {
  readonly status: StepStatus;
  /** RoleIdList just before the UpdateUser (what an undo gives back). Absent when not read. */
  readonly roleIdsBefore?: readonly number[];
  /** RoleIdList read back after it. */
  readonly roleIdsAfter?: readonly number[];
  /** RequestId of the UpdateUser; absent when the person held only the common user role (no write). */
  readonly requestId?: string;
  readonly changedAt?: string;
  readonly error?: string;
  /** RoleIdList a refresh found since, when it holds more than the common user role (drift). */
  readonly current?: readonly number[];
  readonly history?: readonly Omit<OrganizationRolesStepRecord, "history" | "current">[];
}

/** `account`: UpdateUser IsDeleted=true. */
export interface AccountStepRecord {
  readonly status: StepStatus;
  /**
   * `active` when the step deactivated an active account; absent when the account was already
   * deactivated when read, with `previousStateUnknown`: this record cannot tell whether someone
   * deactivated it earlier or an interrupted run of this resource did.
   */
  readonly previousState?: "active";
  readonly previousStateUnknown?: string;
  /** RequestId of the UpdateUser; absent when there was nothing to deactivate. */
  readonly requestId?: string;
  readonly deactivatedAt?: string;
  readonly error?: string;
  /** `active` when a refresh found the account reactivated since (drift). */
  readonly current?: "active";
  readonly history?: readonly Omit<AccountStepRecord, "history" | "current">[];
}

/** The records of the steps in scope beyond the groups. */
export interface StepsRecord {
  readonly workspaces?: WorkspacesStepRecord;
  readonly organizationRoles?: OrganizationRolesStepRecord;
  readonly account?: AccountStepRecord;
}

/** Whether a step's record needs the next `up`: not done, or drift found by a refresh. */
export function needsRun(record: StepsRecord[keyof StepsRecord] | undefined): boolean {
  if (record === undefined || record.status !== "done") return true;
  const current = record.current;
  return Array.isArray(current) ? current.length > 0 : current !== undefined;
}
