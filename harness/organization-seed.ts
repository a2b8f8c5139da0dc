// A whole organisation around the bulk people (harness/bulk-people.ts), for the refresh that reads the
// organisation once: many more users than people offboarded, groups nested under others, workspaces
// of every size. Deterministic, so that two emulators seeded alike hold the same world.
import type { Seed } from "../emulator";
import { bulkSeed } from "./bulk-people";

/** The shape of the organisation; every count is a total. */
export interface OrganizationShape {
  /** The bulk people (the first users): each in two groups and two workspaces. */
  readonly people: number;
  /** Every user, the people included. */
  readonly users: number;
  readonly groups: number;
  readonly workspaces: number;
  /** The largest workspace's member count. */
  readonly maxWorkspaceMembers: number;
}

/** The organisation: 12,000 users, 300 groups (some nested), 100 workspaces of up to 1,000. */
export const LARGE_ORGANIZATION: Omit<OrganizationShape, "people"> = {
  users: 12_000,
  groups: 300,
  workspaces: 100,
  maxWorkspaceMembers: 1_000,
};

/** Workspace roles: admin, developer, analyst, viewer. */
const ROLES = [25, 26, 27, 30] as const;

/**
 * The seed: users beyond the people are everyone else; one group in five is nested under an earlier
 * one (up to three levels); workspace `w` holds up to `maxWorkspaceMembers` users, from a few to the
 * most, and every person is in two groups and two workspaces.
 */
export function organizationSeed(shape: OrganizationShape): Seed {
  const everyone = bulkSeed(shape.users);
  const groups = Array.from({ length: shape.groups }, (_, g) => ({
    usergroupId: `c0000000-0000-4000-8000-${String(g + 1).padStart(12, "0")}`,
    usergroupName: `Group ${g + 1}`,
    // One in five is a sub-group of the group five before it, which may itself be nested.
    parentUsergroupId:
      g >= 5 && g % 5 === 0 ? `c0000000-0000-4000-8000-${String(g - 4).padStart(12, "0")}` : "-1",
  }));
  const memberships = everyone.users.flatMap((user, u) => [
    { userId: user.userId, usergroupId: groups[u % shape.groups]!.usergroupId },
    { userId: user.userId, usergroupId: groups[(u * 7 + 3) % shape.groups]!.usergroupId },
  ]);
  const workspaces = Array.from({ length: shape.workspaces }, (_, w) => ({
    workspaceId: `d0000000-0000-4000-8000-${String(w + 1).padStart(12, "0")}`,
    workspaceName: `Workspace ${w + 1}`,
  }));
  // Workspace w holds users w, w + W, w + 2W, … up to its size: sizes grow with w to the largest.
  const sizeOf = (w: number) =>
    Math.max(2, Math.round((shape.maxWorkspaceMembers * (w + 1)) / shape.workspaces));
  const workspaceMembers = workspaces.flatMap((workspace, w) =>
    Array.from({ length: sizeOf(w) }, (_, k) => w + k * shape.workspaces)
      .filter((u) => u < shape.users)
      .map((u) => ({
        userId: everyone.users[u]!.userId,
        workspaceId: workspace.workspaceId,
        roleId: ROLES[(u + w) % ROLES.length]!,
      })),
  );
  // A person not yet in two workspaces joins the next ones that do not hold them.
  const held = new Map<string, Set<string>>();
  for (const m of workspaceMembers) held.set(m.userId, (held.get(m.userId) ?? new Set()).add(m.workspaceId));
  for (let u = 0; u < shape.people; u++) {
    const userId = everyone.users[u]!.userId;
    const mine = held.get(userId) ?? new Set<string>();
    for (let w = 0; mine.size < 2; w++) {
      const workspaceId = workspaces[(u + w) % shape.workspaces]!.workspaceId;
      if (mine.has(workspaceId)) continue;
      mine.add(workspaceId);
      workspaceMembers.push({ userId, workspaceId, roleId: ROLES[w % ROLES.length]! });
    }
  }
  return { users: everyone.users, groups, memberships, workspaces, workspaceMembers };
}
