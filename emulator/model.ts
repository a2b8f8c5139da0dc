/**
 * A Quick BI user as the emulator stores it. Field names follow the OpenAPI response fields in camelCase.
 */
export interface User {
  /** Quick BI UserId (not the Alibaba Cloud UID), e.g. `46e5374665ba4b679ee22e2a2927abcd`. */
  readonly userId: string;
  /** Alibaba Cloud account ID (UID) of the user. `QueryUserInfoByAccount` also matches on it. */
  readonly accountId: string;
  /** Account name; for a RAM user `name@parent.onaliyun.com`. */
  readonly accountName: string;
  readonly nickName: string;
  /** 1 developer, 2 viewer, 3 analyst. */
  readonly userType: UserType;
  readonly email?: string;
  /** Organization administrator. @default false */
  readonly adminUser?: boolean;
}

/** Quick BI user types: 1 developer, 2 viewer, 3 analyst. */
export type UserType = 1 | 2 | 3;

/** A Quick BI user group. */
export interface UserGroup {
  readonly usergroupId: string;
  readonly usergroupName: string;
  readonly usergroupDesc?: string;
  /** The parent group's id, `"-1"` for a top-level group. */
  readonly parentUsergroupId: string;
}

/** One user's membership of one group. */
export interface Membership {
  readonly userId: string;
  readonly usergroupId: string;
}

/** A snapshot of everything the emulator holds; `QuickBIEmulator.state()` returns a deep copy. */
export interface EmulatorState {
  users: User[];
  groups: UserGroup[];
  memberships: Membership[];
}

/** The initial state, from an object or a JSON/YAML file. Same shape as {@link EmulatorState}. */
export interface Seed {
  readonly users: readonly User[];
  readonly groups: readonly UserGroup[];
  readonly memberships: readonly Membership[];
}

/** The id every top-level group has as its parent. */
export const ROOT_GROUP_ID = "-1";
