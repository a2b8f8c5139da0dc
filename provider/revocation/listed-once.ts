/**
 * One person, one revocation. A people list can name the same person twice under different keys (once
 * by `account`, once by `userId`): the list itself cannot tell, only Quick BI's answer can. Every
 * revocation of one provider process (one `pulumi preview` or `pulumi up`) claims the UserId it is
 * about, in check once the lookup resolved it (or straight from a `userId` input) and in diff from the
 * state; a second claim of the same UserId under another key is refused, naming both entries.
 *
 * The provider checks the resources of one run concurrently, so which of the two entries claims first
 * changes from run to run. The refusal does not: it always leads with the entry listed later, so a
 * pull request's preview reads the same every time it runs.
 */
import { UNKNOWN, type RevocationInputs } from "./inputs";

interface Claim {
  readonly identity: string;
  readonly listedAt?: string;
}

/** The UserIds claimed so far in this provider process. */
export class ListedOnce {
  private readonly claims = new Map<string, Claim>();

  /**
   * Claims `userId` for the revocation these inputs describe. Returns the reason to refuse it, starting
   * with the later entry's line, when another key already claimed the same user; claiming again under
   * the same key is fine (a preview and an update in one process check the same resource twice).
   */
  claim(userId: string, inputs: RevocationInputs): string | undefined {
    const mine: Claim = {
      identity: identityOf(inputs),
      ...(inputs.listedAt && inputs.listedAt !== UNKNOWN ? { listedAt: inputs.listedAt } : {}),
    };
    const first = this.claims.get(userId);
    if (first === undefined || first.identity === mine.identity) {
      this.claims.set(userId, mine);
      return undefined;
    }
    const [later, earlier] = listedBefore(mine, first) ? [first, mine] : [mine, first];
    const at = (claim: Claim) => (claim.listedAt ? `${claim.listedAt}: ` : "");
    const where = (claim: Claim) => (claim.listedAt ? ` (${claim.listedAt})` : "");
    return (
      `${at(later)}${later.identity} and ${earlier.identity}${where(earlier)} are the same Quick BI user, UserId ${JSON.stringify(userId)}: ` +
      `offboarding them twice would keep two audit records that disagree. List each person once: remove one of the two entries.`
    );
  }

  /** Drops the claim of a revocation whose inputs now name someone else (a replacement). */
  release(inputs: RevocationInputs): void {
    const identity = identityOf(inputs);
    for (const [userId, claim] of this.claims) if (claim.identity === identity) this.claims.delete(userId);
  }
}

/**
 * Whether `a` is listed before `b` in the same file (`people.yaml:3` before `people.yaml:12`). Entries
 * of different files, or without a line, keep the order they were claimed in.
 */
function listedBefore(a: Claim, b: Claim): boolean {
  const line = /^(.*):(\d+)$/;
  const [, fileA, lineA] = line.exec(a.listedAt ?? "") ?? [];
  const [, fileB, lineB] = line.exec(b.listedAt ?? "") ?? [];
  return fileA !== undefined && fileA === fileB && Number(lineA) < Number(lineB);
}

/** `account "user20"` (with its parent when given) or `userId "eb55…"`. */
function identityOf(inputs: RevocationInputs): string {
  if (inputs.account === undefined) return `userId ${JSON.stringify(inputs.userId)}`;
  const parent =
    inputs.parentAccountName !== undefined ? ` of ${JSON.stringify(inputs.parentAccountName)}` : "";
  return `account ${JSON.stringify(inputs.account)}${parent}`;
}
