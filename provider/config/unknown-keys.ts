/**
 * The refusal of a `quickbi:*` stack config key this version of the package does not read (the known
 * ones are KNOWN_CONFIG_KEYS, generated from QuickBIStackConfig). A misspelt key (`quickbi:regoin`) would otherwise be ignored in silence and its default used:
 * calls to another region, or a safeguard left at its default. A key that only a newer version of the
 * package knows is refused the same way, since this version would ignore it just as silently; the
 * message says to upgrade for it.
 *
 * Refused at preview in every language: the native plugin refuses in each resource's `check` (for a
 * YAML program a check can only fail, a warning would not show), a TypeScript program when it declares
 * a resource (the dynamic provider's `configure` cannot list the keys it was given).
 */
import { KNOWN_CONFIG_KEYS } from "./known-config-keys";

const NAMESPACE = "quickbi:";
const KNOWN: readonly string[] = KNOWN_CONFIG_KEYS;

/** One sentence per `quickbi:*` key in `keys` that the package does not know; none when all are known. */
export function unknownConfigKeyProblems(keys: Iterable<string>): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    if (!key.startsWith(NAMESPACE) || KNOWN.includes(key)) continue;
    const closest = closestKnownKey(key);
    problems.push(
      `stack config ${key} is not a setting of this version of pulumi-quickbi-offboarding` +
        (closest
          ? `; did you mean ${closest}? Fix it with \`pulumi config rm ${key}\` and \`pulumi config set ${closest} <value>\`.`
          : `; it knows ${KNOWN.join(", ")}. Remove it with \`pulumi config rm ${key}\`.`) +
        " A setting added by a newer version is refused too: upgrade the package (and the quickbi plugin) to use it.",
    );
  }
  return problems;
}

/** The known key nearest to `key` by edit distance, if near enough to be what was meant. */
function closestKnownKey(key: string): string | undefined {
  const name = key.slice(NAMESPACE.length).toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const known of KNOWN) {
    const distance = editDistance(name, known.slice(NAMESPACE.length).toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: known, distance };
  }
  // Up to a third of the name wrong (at least 2 edits): a typo, not another word.
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.key : undefined;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and a swap of two adjacent
 * letters each count 1, so `regoin` is one edit from `region`. Written out rather than taken from a
 * library: a score over some twenty short keys, run once per process.
 */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
