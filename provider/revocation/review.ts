/**
 * What `check` refuses once the impact is known, so that a pull request's preview fails for it: a user
 * Quick BI does not know, an impact a strict preview could not read, and a person already listed
 * under another key. Each reason starts with where the people list names the person, when it does
 * (`people.yaml:7: …`), so that the reviewer finds the line, not only the resource name.
 */
import type { StackConfig } from "../config/stack-config";
import { missingUserFailure, type Impact } from "./impact";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { UNKNOWN, type RevocationInputs } from "./inputs";
import type { ListedOnce } from "./listed-once";
import { isStrictPreview, strictPreviewFailure } from "./strict-preview";

/** What the review of one new revocation needs. */
export interface ImpactReview {
  readonly impact: Impact;
  readonly inputs: RevocationInputs;
  /** Whether check could try to read Quick BI (the user and the endpoint were known). */
  readonly readAttempted: boolean;
  readonly config: StackConfig;
  readonly listed: ListedOnce;
}

/** The check failures of a new revocation's impact; none when it may go ahead. */
export function reviewImpact({
  impact,
  inputs,
  readAttempted,
  config,
  listed,
}: ImpactReview): CheckFailure[] {
  const property = inputs.account !== undefined ? "account" : "userId";
  const reasons: { property: string; reason: string }[] = [];
  const missing = missingUserFailure(impact, inputs.onMissingUser);
  if (missing) reasons.push({ property, reason: missing });
  let strict: boolean;
  try {
    strict = isStrictPreview(inputs.strictPreview, config);
  } catch (error) {
    return [{ property: "strictPreview", reason: (error as Error).message }];
  }
  const unread = strict ? strictPreviewFailure(impact, readAttempted) : undefined;
  if (unread) reasons.push({ property, reason: unread });
  if (impact.status === "known") {
    const duplicate = listed.claim(impact.user.userId, inputs);
    if (duplicate) reasons.push({ property, reason: duplicate });
  }
  return reasons.map((r) => ({ property: r.property, reason: `${where(inputs)}${r.reason}` }));
}

/**
 * Claims the UserId of a revocation already done, known from its inputs (check) or its state (diff),
 * and returns the reason to refuse it when another entry claimed the same user.
 */
export function reviewListedOnce(
  listed: ListedOnce,
  userId: string | undefined,
  inputs: RevocationInputs,
): string | undefined {
  if (userId === undefined || userId === "" || userId === UNKNOWN) return undefined;
  const duplicate = listed.claim(userId, inputs);
  return duplicate && `${where(inputs)}${duplicate}`;
}

function where(inputs: RevocationInputs): string {
  return inputs.listedAt && inputs.listedAt !== UNKNOWN ? `${inputs.listedAt}: ` : "";
}
