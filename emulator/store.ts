import { ROOT_GROUP_ID, type EmulatorState, type Seed, type User, type UserGroup } from "./model";

/**
 * The emulator's state in memory, indexed for the operations' lookups (by user, by group).
 * Assumes a validated seed (see `seed.ts`); the mutators check references and throw plain Errors,
 * because they are called by tests acting as an out-of-band administrator.
 */
export class Store {
  private readonly users = new Map<string, User>();
  private readonly groups = new Map<string, UserGroup>();
  /** Group ids by user id, in the order the memberships were added. */
  private readonly memberships = new Map<string, Set<string>>();

  constructor(seed: Seed) {
    for (const user of seed.users) this.users.set(user.userId, { ...user });
    for (const group of seed.groups) this.groups.set(group.usergroupId, { ...group });
    for (const m of seed.memberships) this.addMembership(m.userId, m.usergroupId);
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

  addUser(user: User): void {
    if (this.users.has(user.userId)) throw new Error(`addUser: user ${user.userId} already exists`);
    this.users.set(user.userId, { ...user });
  }

  /** Removes the user and all their memberships, as deleting them from the organization would. */
  removeUser(userId: string): void {
    if (!this.users.delete(userId)) throw new Error(`removeUser: no user ${userId}`);
    this.memberships.delete(userId);
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
    return {
      users: [...this.users.values()].map((u) => ({ ...u })),
      groups: [...this.groups.values()].map((g) => ({ ...g })),
      memberships,
    };
  }
}
