/**
 * The removal guard counts restores as it counts removals: a change that restores 30 people is as
 * much a mass change to who has access as one that removes 30, and a bad merge of the people file can
 * do either. A restore counts in the update that asks for it (its key newly in `restores`), and so does
 * offboarding the person again (its key gone from `restores`, the person still listed).
 */

/** The keys newly restored: in the new `restores`, not in the old. */
export function newlyRestored(
  olds: readonly string[] | undefined,
  news: readonly string[] | undefined,
): string[] {
  const before = new Set(olds ?? []);
  return (news ?? []).filter((key) => !before.has(key));
}

/** The keys offboarded again: in the old `restores`, not in the new, still on the list. */
export function offboardedAgain(
  olds: readonly string[] | undefined,
  news: readonly string[] | undefined,
  people: readonly string[],
): string[] {
  const still = new Set(news ?? []);
  return (olds ?? []).filter((key) => !still.has(key) && people.includes(key));
}

/** "offboard 2 people and restore 12 people", for the guard's refusal. */
export function changeOf(offboarded: number, restored: number): string {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  return [
    ...(offboarded > 0 ? [`offboard ${people(offboarded)}`] : []),
    ...(restored > 0 ? [`restore ${people(restored)}`] : []),
  ].join(" and ");
}
