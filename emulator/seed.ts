import { DEFAULT_SEED } from "./default-seed";
import { asRecord, describe, readStructuredFile } from "./load-file";
import { flag, list, optionalText, text, unique } from "./seed-fields";
import { ROOT_GROUP_ID, type Membership, type Seed, type User, type UserGroup } from "./model";
import { checkWorkspaceReferences, parseWorkspace, parseWorkspaceMember } from "./seed-workspaces";

/**
 * Resolves the `seed` option: an object, a path to a JSON/YAML file, or nothing (the built-in seed).
 * Validates references so the store never holds a membership of a missing user or group.
 */
export function loadSeed(seed: Seed | string | undefined): Seed {
  if (seed === undefined) return DEFAULT_SEED;
  return typeof seed === "string" ? parseSeed(readStructuredFile(seed), seed) : parseSeed(seed, "seed");
}

/** Checks an untrusted value against the seed format and fills `parentUsergroupId` with `"-1"`. */
export function parseSeed(value: unknown, source: string): Seed {
  const root = asRecord(value, source);
  const users = list(root.users, `${source}: users`).map((u, i) => parseUser(u, `${source}: users[${i}]`));
  const groups = list(root.groups, `${source}: groups`).map((g, i) =>
    parseGroup(g, `${source}: groups[${i}]`),
  );
  const memberships = list(root.memberships, `${source}: memberships`).map((m, i) =>
    parseMembership(m, `${source}: memberships[${i}]`),
  );
  const workspaces = list(root.workspaces, `${source}: workspaces`).map((w, i) =>
    parseWorkspace(w, `${source}: workspaces[${i}]`),
  );
  const workspaceMembers = list(root.workspaceMembers, `${source}: workspaceMembers`).map((m, i) =>
    parseWorkspaceMember(m, `${source}: workspaceMembers[${i}]`),
  );
  const userIds = checkReferences(source, users, groups, memberships);
  checkWorkspaceReferences(source, userIds, workspaces, workspaceMembers);
  return { users, groups, memberships, workspaces, workspaceMembers };
}

function parseUser(value: unknown, where: string): User {
  const r = asRecord(value, where);
  const userType = r.userType;
  if (userType !== 1 && userType !== 2 && userType !== 3) {
    throw new Error(
      `${where}.userType must be 1 (developer), 2 (viewer) or 3 (analyst), got ${describe(userType)}`,
    );
  }
  const email = optionalText(r, "email", where);
  return {
    userId: text(r, "userId", where),
    accountId: text(r, "accountId", where),
    accountName: text(r, "accountName", where),
    nickName: text(r, "nickName", where),
    userType,
    ...(email === undefined ? {} : { email }),
    ...flag(r, "adminUser", where),
    ...flag(r, "authAdminUser", where),
    ...flag(r, "isDeleted", where),
  };
}

function parseGroup(value: unknown, where: string): UserGroup {
  const r = asRecord(value, where);
  const usergroupDesc = optionalText(r, "usergroupDesc", where);
  return {
    usergroupId: text(r, "usergroupId", where),
    usergroupName: text(r, "usergroupName", where),
    ...(usergroupDesc === undefined ? {} : { usergroupDesc }),
    parentUsergroupId: optionalText(r, "parentUsergroupId", where) ?? ROOT_GROUP_ID,
  };
}

function parseMembership(value: unknown, where: string): Membership {
  const r = asRecord(value, where);
  return { userId: text(r, "userId", where), usergroupId: text(r, "usergroupId", where) };
}

function checkReferences(
  source: string,
  users: User[],
  groups: UserGroup[],
  memberships: Membership[],
): Set<string> {
  const userIds = unique(
    users.map((u) => u.userId),
    `${source}: users`,
    "userId",
  );
  const groupIds = unique(
    groups.map((g) => g.usergroupId),
    `${source}: groups`,
    "usergroupId",
  );
  unique(
    users.map((u) => u.accountName),
    `${source}: users`,
    "accountName",
  );
  for (const group of groups) {
    if (group.parentUsergroupId !== ROOT_GROUP_ID && !groupIds.has(group.parentUsergroupId)) {
      throw new Error(
        `${source}: group ${group.usergroupId} has parentUsergroupId ${group.parentUsergroupId}, which is not a group; use "-1" for a top-level group`,
      );
    }
  }
  const parents = new Map(groups.map((g) => [g.usergroupId, g.parentUsergroupId]));
  for (const group of groups) {
    const seen = new Set<string>();
    for (let id = group.usergroupId; id !== ROOT_GROUP_ID; id = parents.get(id) ?? ROOT_GROUP_ID) {
      if (seen.has(id)) throw new Error(`${source}: group ${group.usergroupId} is its own ancestor`);
      seen.add(id);
    }
  }
  memberships.forEach((m, i) => {
    if (!userIds.has(m.userId))
      throw new Error(`${source}: memberships[${i}] names unknown user ${m.userId}`);
    if (!groupIds.has(m.usergroupId)) {
      throw new Error(`${source}: memberships[${i}] names unknown group ${m.usergroupId}`);
    }
  });
  return userIds;
}
