// Many people at once, for the bulk test and the benchmarks: the program that offboards them and the
// emulator seed that knows them are built from the same count, so each side computes the same UserIds
// without passing a thousand of them through stack config.
import { createHash } from "node:crypto";
import type { Seed } from "../emulator";

/** The groups every bulk person is spread over; each person is in two of them. */
const GROUPS = ["Finance", "Sales", "Engineering", "Marketing"];

/** The Quick BI UserId of bulk person `index` (0-based): 32 hex digits, as Quick BI's own look. */
export function bulkUserId(index: number): string {
  return createHash("md5")
    .update(`bulk-user-${index + 1}`)
    .digest("hex");
}

/** The UserIds of the first `count` bulk people. */
export function bulkUserIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => bulkUserId(index));
}

/** An emulator seed with `count` bulk people, each in two of four groups. */
export function bulkSeed(count: number): Seed {
  const groups = GROUPS.map((name, index) => ({
    usergroupId: `b0000000-0000-4000-8000-00000000000${index + 1}`,
    usergroupName: name,
    parentUsergroupId: "-1",
  }));
  const users = bulkUserIds(count).map((userId, index) => {
    const n = String(index + 1).padStart(5, "0");
    return {
      userId,
      accountId: `3000000000${n}`,
      accountName: `bulk${n}`,
      nickName: `Bulk User ${n}`,
      userType: 2 as const,
    };
  });
  const memberships = users.flatMap((user, index) => [
    { userId: user.userId, usergroupId: groups[index % GROUPS.length]!.usergroupId },
    { userId: user.userId, usergroupId: groups[(index + 1) % GROUPS.length]!.usergroupId },
  ]);
  return { users, groups, memberships };
}
