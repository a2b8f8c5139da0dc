import {
  ROOT_GROUP_ID,
  type EmulatorState,
  type Seed,
  type User,
  type UserGroup,
  type Workspace,
  type WorkspaceRole,
  type WorkspaceRoleId,
} from "./model";

/** The user attributes an administrator can change (UpdateUser). */
export type UserChanges = Partial<
  Pick<User, "adminUser" | "authAdminUser" | "isDeleted" | "nickName" | "userType">
>;

/**
 * The emulator's state in memory, indexed for the operations' lookups (by user, by group, by workspace).
 * Assumes a validated seed (see `seed.ts`); the mutators check references and throw plain Errors,
 * because they are called by tests acting as an out-of-band administrator.
 */
export class Store {
  private readonly users = new Map<string, User>();
  protected readonly groups = new Map<string, UserGroup>();
  /** Group ids by user id, in the order the memberships were added. */
  protected readonly memberships = new Map<string, Set<string>>();
  protected readonly workspaces = new Map<string, Workspace>();
  /** Role ids by workspace id, by user id, in the order the memberships were added. */
  protected readonly workspaceRoles = new Map<string, Map<string, WorkspaceRoleId>>();

  constructor(seed: Seed) {
    for (const user of seed.users) this.users.set(user.userId, { ...user });
    for (const group of seed.groups) this.groups.set(group.usergroupId, { ...group });
    for (const m of seed.memberships) this.addMembership(m.userId, m.usergroupId);
    for (const w of seed.workspaces ?? []) this.workspaces.set(w.workspaceId, { ...w });
    for (const m of seed.workspaceMembers ?? []) this.setWorkspaceRole(m.userId, m.workspaceId, m.roleId);
  }

  user(userId: string): User | undefined {
    return this.users.get(userId);
  }

  group(usergroupId: string): UserGroup | undefined {
    return this.groups.get(usergroupId);
  }

  /** Looks a user up by account name or Alibaba Cloud account id. */
  findUser(predicate: (user: User) => boolean): User | undefined {
    for (const user of this.users.values()) if (predicate(user)) return user;
    return undefined;
  }

  /** Every user, in seed order (then the order they were added). */
  allUsers(): User[] {
    return [...this.users.values()];
  }

  /** The direct members of the workspace with the role each holds, in the order they joined it. */
  membersOfWorkspace(workspaceId: string): { readonly user: User; readonly roleId: WorkspaceRoleId }[] {
    const members: { user: User; roleId: WorkspaceRoleId }[] = [];
    for (const [userId, roles] of this.workspaceRoles) {
      const user = this.users.get(userId);
      const roleId = roles.get(workspaceId);
      if (user && roleId !== undefined) members.push({ user, roleId });
    }
    return members;
  }

  /** The groups the user is a direct member of. */
  groupsOf(userId: string): UserGroup[] {
    const ids = this.memberships.get(userId);
    return ids
      ? [...ids].map((id) => this.groups.get(id)).filter((g): g is UserGroup => g !== undefined)
      : [];
  }

  /** The users who are direct members of the group. */
  membersOf(usergroupId: string): User[] {
    const members: User[] = [];
    for (const [userId, ids] of this.memberships) {
      const user = this.users.get(userId);
      if (user && ids.has(usergroupId)) members.push(user);
    }
    return members;
  }

  /** The groups whose parent is the given group. */
  childGroups(usergroupId: string): UserGroup[] {
    return [...this.groups.values()].filter((g) => g.parentUsergroupId === usergroupId);
  }

  /** Ids from the top-level ancestor down to the group itself. */
  ancestry(usergroupId: string): string[] {
    const path: string[] = [];
    for (let id = usergroupId; id !== ROOT_GROUP_ID;) {
      const group = this.groups.get(id);
      if (!group || path.includes(id)) break; // a validated seed has neither; stay total anyway
      path.unshift(id);
      id = group.parentUsergroupId;
    }
    return path;
  }

  workspace(workspaceId: string): Workspace | undefined {
    return this.workspaces.get(workspaceId);
  }

  /** Every workspace, in seed order. */
  allWorkspaces(): Workspace[] {
    return [...this.workspaces.values()];
  }

  /** The workspaces the user is a direct member of, with the role held in each. */
  workspacesOf(userId: string): WorkspaceRole[] {
    const roles = this.workspaceRoles.get(userId) ?? new Map<string, WorkspaceRoleId>();
    return [...roles].flatMap(([id, roleId]) => {
      const workspace = this.workspaces.get(id);
      return workspace ? [{ workspace, roleId }] : [];
    });
  }

  addUser(user: User): void {
    if (this.users.has(user.userId)) throw new Error(`addUser: user ${user.userId} already exists`);
    this.users.set(user.userId, { ...user });
  }

  /** Removes the user and all their memberships, as deleting them from the organization would. */
  removeUser(userId: string): void {
    if (!this.users.delete(userId)) throw new Error(`removeUser: no user ${userId}`);
    this.memberships.delete(userId);
    this.workspaceRoles.delete(userId);
  }

  updateUser(userId: string, changes: UserChanges): void {
    const user = this.users.get(userId);
    if (!user) throw new Error(`updateUser: no user ${userId}`);
    this.users.set(userId, { ...user, ...changes });
  }

  /** Makes the user a member of the workspace with this role, or changes the role they hold there. */
  setWorkspaceRole(userId: string, workspaceId: string, roleId: WorkspaceRoleId): void {
    if (!this.users.has(userId)) throw new Error(`setWorkspaceRole: no user ${userId}`);
    if (!this.workspaces.has(workspaceId)) throw new Error(`setWorkspaceRole: no workspace ${workspaceId}`);
    let roles = this.workspaceRoles.get(userId);
    if (!roles) this.workspaceRoles.set(userId, (roles = new Map()));
    roles.set(workspaceId, roleId);
  }

  /** Hands the workspace to another user, as its owner does in the console. */
  setWorkspaceOwner(workspaceId: string, owner: string): void {
    const workspace = this.workspaces.get(workspaceId);
    if (!workspace || !this.users.has(owner))
      throw new Error(`setWorkspaceOwner: no ${workspaceId} or ${owner}`);
    this.workspaces.set(workspaceId, { ...workspace, owner });
  }

  removeFromWorkspace(userId: string, workspaceId: string): void {
    this.workspaceRoles.get(userId)?.delete(workspaceId);
  }

  addMembership(userId: string, usergroupId: string): void {
    if (!this.users.has(userId)) throw new Error(`addMembership: no user ${userId}`);
    if (!this.groups.has(usergroupId)) throw new Error(`addMembership: no group ${usergroupId}`);
    let ids = this.memberships.get(userId);
    if (!ids) this.memberships.set(userId, (ids = new Set()));
    ids.add(usergroupId);
  }

  removeMembership(userId: string, usergroupId: string): void {
    this.memberships.get(userId)?.delete(usergroupId);
  }

  removeAllMemberships(userId: string): void {
    this.memberships.delete(userId);
  }

  /** A deep copy the caller may keep or change. */
  snapshot(): EmulatorState {
    const memberships: EmulatorState["memberships"] = [];
    for (const [userId, ids] of this.memberships) {
      for (const usergroupId of ids) memberships.push({ userId, usergroupId });
    }
    const workspaceMembers: EmulatorState["workspaceMembers"] = [];
    for (const [userId, roles] of this.workspaceRoles) {
      for (const [workspaceId, roleId] of roles) workspaceMembers.push({ userId, workspaceId, roleId });
    }
    return {
      users: [...this.users.values()].map((u) => ({ ...u })),
      groups: [...this.groups.values()].map((g) => ({ ...g })),
      memberships,
      workspaces: [...this.workspaces.values()].map((w) => ({ ...w })),
      workspaceMembers,
    };
  }
}
