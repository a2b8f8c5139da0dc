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
  /** Organization administrator (Quick BI's preset organisation role 111111111). @default false */
  readonly adminUser?: boolean;
  /** Permission management administrator (preset organisation role 111111112). @default false */
  readonly authAdminUser?: boolean;
  /** Deactivated: still a member of the organisation, but cannot log on. @default false */
  readonly isDeleted?: boolean;
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

/** A Quick BI workspace. */
export interface Workspace {
  /** e.g. `9337d121-a78f-4c1b-a8bc-f81de117abcd`. */
  readonly workspaceId: string;
  readonly workspaceName: string;
  /**
   * The Quick BI UserId of the workspace's owner (QueryOrganizationWorkspaceList's `Owner`), who cannot
   * be removed from it. @default - no owner (a workspace anyone may leave)
   */
  readonly owner?: string;
}

/**
 * A user's direct membership of one workspace, with the role held there. Quick BI's preset workspace
 * roles are 25 admin, 26 developer, 27 analyst and 30 viewer; the emulator models those only.
 */
export interface WorkspaceMember {
  readonly userId: string;
  readonly workspaceId: string;
  readonly roleId: WorkspaceRoleId;
}

/** The user's role in one workspace, as the store answers it. */
export interface WorkspaceRole {
  readonly workspace: Workspace;
  readonly roleId: WorkspaceRoleId;
}

/** The preset workspace roles, by RoleId, with the RoleCode and RoleName the emulator answers (chosen). */
export const WORKSPACE_ROLES = {
  25: { roleCode: "admin", roleName: "Admin" },
  26: { roleCode: "developer", roleName: "Developer" },
  27: { roleCode: "analyst", roleName: "Analyst" },
  30: { roleCode: "viewer", roleName: "Viewer" },
} as const;

/** One of {@link WORKSPACE_ROLES}' ids. */
export type WorkspaceRoleId = keyof typeof WORKSPACE_ROLES;

/** The preset organisation roles that QueryUserInfoByUserId's RoleIdList holds. */
export const ORGANIZATION_ROLES = {
  admin: 111111111,
  authAdmin: 111111112,
  commonUser: 111111113,
} as const;

/** A snapshot of everything the emulator holds; `QuickBIEmulator.state()` returns a deep copy. */
export interface EmulatorState {
  users: User[];
  groups: UserGroup[];
  memberships: Membership[];
  workspaces: Workspace[];
  workspaceMembers: WorkspaceMember[];
}

/** The initial state, from an object or a JSON/YAML file. Same shape as {@link EmulatorState}. */
export interface Seed {
  readonly users: readonly User[];
  readonly groups: readonly UserGroup[];
  readonly memberships: readonly Membership[];
  /** @default - none */
  readonly workspaces?: readonly Workspace[];
  /** @default - none */
  readonly workspaceMembers?: readonly WorkspaceMember[];
}

/** The id every top-level group has as its parent. */
export const ROOT_GROUP_ID = "-1";
