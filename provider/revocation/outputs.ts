import type { GroupRecord, WithdrawalRecord } from "./audit";
import type { OnMissingUser } from "./inputs";
import type { ResidualAccess } from "./residual-access";
import type { RestoreRecord } from "./restore/record";
import type { RestoreRequest } from "./restore/request";
import type { ScopeStep } from "./scope";
import type { StepsRecord } from "./steps/record";

/** How a revocation ended. */
export const Outcome = {
  /** WithdrawAllUserGroups succeeded and was verified. */
  Withdrawn: "withdrawn",
  /** Quick BI did not know the user and onMissingUser is "succeed". */
  AlreadyOffboarded: "already-offboarded",
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * What the state records for one revocation: the audit record. Never contains `undefined` (the
 * engine rejects it); optional keys are left out instead.
 */
export interface RevocationOutputs {
  /** The Quick BI UserId, given or resolved from `account`. */
  readonly userId: string;
  readonly account?: string;
  readonly parentAccountName?: string;
  /** The user's account name and Quick BI display name (NickName), when Quick BI knew the user. */
  readonly accountName?: string;
  readonly displayName?: string;
  /** `withdrawn`, or `already-offboarded` when Quick BI did not know the user and onMissingUser is "succeed". */
  readonly outcome: Outcome;
  readonly onMissingUser: OnMissingUser;
  /** RequestId of the successful WithdrawAllUserGroups (or of the answer that said the user is missing). */
  readonly requestId: string;
  /** ISO-8601 UTC. */
  readonly withdrawnAt: string;
  /** The groups the user was in just before the withdrawal. */
  readonly groupsRemoved: readonly GroupRecord[];
  /** The groups the user is in as of `checkedAt`: empty, unless someone added them back (drift). */
  readonly currentGroups: readonly GroupRecord[];
  /** When `currentGroups` was last established: verified after the withdrawal, or changed by a refresh. */
  readonly checkedAt: string;
  /** Earlier withdrawals of this resource, oldest first, when drift made it withdraw again. */
  readonly history: readonly WithdrawalRecord[];
  /**
   * What the withdrawal left in place: workspaces with their roles, organisation admin flags, whether
   * the account stays active, as of the withdrawal or the last refresh that changed it. Absent in
   * records made before this field existed, until their next refresh.
   */
  readonly residualAccess?: ResidualAccess;
  /** The scope taken, when wider than the groups; absent for the groups alone (and in earlier records). */
  readonly scope?: readonly ScopeStep[];
  /** The record of each step beyond the groups: what it removed, with RequestIds, read back after. */
  readonly steps?: StepsRecord;
  readonly reason?: string;
  readonly ticket?: string;
  /** The restore in force, as asked for: while set, what the person holds again is not drift. */
  readonly restore?: RestoreRequest;
  /** Every restore of this resource, oldest first, each write with its RequestId, read back. */
  readonly restores?: readonly RestoreRecord[];
  /** The region and endpoint actually used. */
  readonly region: string;
  readonly endpoint: string;
  readonly triggers?: readonly unknown[];
}

/** Copies the keys whose value is defined: the engine fails a call on any `undefined`. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
