/**
 * What `check` refuses once the impact is known, so that a pull request's preview fails for it: a user
 * Quick BI does not know, an impact a strict preview could not read, and a person already listed
 * under another key. Each reason starts with where the people list names the person, when it does
 * (`people.yaml:7: …`), so that the reviewer finds the line, not only the resource name.
 */
import type { StackConfig } from "../config/stack-config";
import { accountUidAdvice, isAccountUid } from "../quickbi/account-uid";
import type { Impact } from "./impact";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { UNKNOWN, type OnMissingUser, type RevocationInputs } from "./inputs";
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
  const missing = missingUserFailure(impact, inputs, inputs.onMissingUser);
  if (missing) reasons.push({ property, reason: `${where(inputs)}${missing}` });
  let strict: boolean;
  try {
    strict = isStrictPreview(inputs.strictPreview, config);
  } catch (error) {
    return [{ property: "strictPreview", reason: (error as Error).message }];
  }
  const unread = strict ? strictPreviewFailure(impact, readAttempted) : undefined;
  if (unread) reasons.push({ property, reason: `${where(inputs)}${unread}` });
  if (impact.status === "known") {
    // Names both lines itself, the later first.
    const duplicate = listed.claim(impact.user.userId, inputs);
    if (duplicate) reasons.push({ property, reason: duplicate });
  }
  return reasons;
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
  return listed.claim(userId, inputs);
}

/**
 * The check failure for a user Quick BI does not know, unless `onMissingUser` is "succeed". It does
 * not suggest "succeed": the likeliest cause is a wrong id, and "succeed" would then record someone as
 * offboarded while the real person keeps their groups. The option is for a person known to be gone,
 * and its documentation says so. A userId that is an Alibaba Cloud account UID is refused even with
 * "succeed", naming `account`, which takes it.
 */
function missingUserFailure(
  impact: Impact,
  inputs: RevocationInputs,
  onMissingUser: OnMissingUser | undefined,
): string | undefined {
  if (impact.status !== "user-missing") return undefined;
  const uid = inputs.userId !== undefined && isAccountUid(inputs.userId);
  // A UID in userId is a mistaken id, not a person already gone: "succeed" would record the wrong thing.
  if (onMissingUser === "succeed" && !uid) return undefined;
  const fix = uid
    ? accountUidAdvice(inputs.userId!)
    : inputs.account !== undefined
      ? 'Check that account is the Alibaba Cloud account name (for a RAM user the part before "@", with parentAccountName its main account) or UID of a member of this Quick BI organisation, in its region.'
      : "Check that userId is the Quick BI UserId (32 hexadecimal characters, shown in Quick BI's member management), not the Alibaba Cloud account UID (which `account` takes), and that the stack points at this organisation's region.";
  return `${impact.summary}. Nothing was withdrawn. ${fix}`;
}

function where(inputs: RevocationInputs): string {
  return inputs.listedAt && inputs.listedAt !== UNKNOWN ? `${inputs.listedAt}: ` : "";
}

/**
 * The failures as the engine should print them. The engine prints a failure with a property as
 * `property region value {<nil>} has a problem: …`, the value taken from the inputs: for a property
 * the program did not set (the region came from stack config, strictPreview from
 * quickbi:strictPreview) that prefix says nothing true, so such a failure goes without a property,
 * and its reason, which names the stack config key, stands alone.
 */
export function attributeFailures(inputs: object, failures: readonly CheckFailure[] = []): CheckFailure[] {
  const given = inputs as Readonly<Record<string, unknown>>;
  return failures.map((failure) =>
    failure.property === "" || given[failure.property] !== undefined
      ? failure
      : { property: "", reason: failure.reason },
  );
}
