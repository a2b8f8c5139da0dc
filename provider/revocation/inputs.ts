import type { Unwrap } from "@pulumi/pulumi";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { restoreFailure } from "./restore/request";
import type { QuickBIUserGroupRevocationArgs } from "../resource";
import { scopeFailure } from "./scope";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What to do when Quick BI does not know the user (User.Not.In.Organization, ApiUser.Not.Exists). */
export const OnMissingUser = {
  /** Report it at preview and fail. */
  Fail: "fail",
  /** Record the person as already offboarded. */
  Succeed: "succeed",
} as const;
export type OnMissingUser = (typeof OnMissingUser)[keyof typeof OnMissingUser];
export const ON_MISSING_USER_VALUES: readonly OnMissingUser[] = Object.values(OnMissingUser);

/**
 * The resource's inputs as the provider receives them: resolved, plain values of what
 * QuickBIUserGroupRevocationArgs declares (an input is declared there once). `check` validates them.
 */
export type RevocationInputs = Unwrap<QuickBIUserGroupRevocationArgs>;

/** A revocation not done yet for this user: a new resource, or a replacement for another user. */
export function isNewSubject(olds: RevocationInputs, news: RevocationInputs): boolean {
  if (olds.userId === undefined && olds.account === undefined) return true;
  return (
    olds.userId !== news.userId ||
    olds.account !== news.account ||
    olds.parentAccountName !== news.parentAccountName
  );
}

/** Whether who the revocation is about is not known until apply (preview). */
export function hasUnknownUser(inputs: RevocationInputs): boolean {
  return inputs.userId === UNKNOWN || inputs.account === UNKNOWN || inputs.parentAccountName === UNKNOWN;
}

// C0 and C1 control characters, line breaks included: finding them is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** The longest UserId accepted. Quick BI's UserIds are 32 hex characters; 64 leaves room. */
export const MAX_USER_ID_LENGTH = 64;

// Quick BI UserIds are hex strings. Letters, digits, "-" and "_" cover them with margin; anything else
// (spaces, quotes, "&", "%", "/", look-alike letters from other scripts) cannot be a UserId and could
// only change what an irreversible call is about.
const USER_ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * Validates the inputs before anything reaches Quick BI. Unknown values (preview) are not judged.
 * Each reason says what was received and what is allowed.
 */
export function validateInputs(news: Readonly<Record<string, unknown>>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (news.userId !== undefined && news.account !== undefined) {
    failures.push({
      property: "account",
      reason:
        "give either userId or account, not both; received both (userId is the Quick BI UserId, account the Alibaba Cloud account name or UID to look it up by)",
    });
  } else if (news.account !== undefined) {
    const accountFailure = validateAccount("account", news.account);
    if (accountFailure) failures.push({ property: "account", reason: accountFailure });
  } else {
    const userIdFailure = validateUserId(news.userId);
    if (userIdFailure) failures.push({ property: "userId", reason: userIdFailure });
  }
  if (news.parentAccountName !== undefined) {
    const parentFailure =
      news.account === undefined
        ? "parentAccountName only goes with account; received it without account"
        : validateAccount("parentAccountName", news.parentAccountName);
    if (parentFailure) failures.push({ property: "parentAccountName", reason: parentFailure });
  }
  for (const property of ["reason", "ticket", "listedAt"] as const) {
    const failure = validateNote(property, news[property]);
    if (failure) failures.push({ property, reason: failure });
  }
  const onMissingUser = news.onMissingUser;
  if (
    onMissingUser !== undefined &&
    onMissingUser !== UNKNOWN &&
    !ON_MISSING_USER_VALUES.includes(onMissingUser as OnMissingUser)
  ) {
    failures.push({
      property: "onMissingUser",
      reason: `onMissingUser is ${describe(onMissingUser)}; allowed: "fail" (default) or "succeed" (a user Quick BI does not know counts as already offboarded)`,
    });
  }
  for (const property of ["region", "endpoint"] as const) {
    const value = news[property];
    if (value !== undefined && value !== UNKNOWN && typeof value !== "string") {
      failures.push({ property, reason: `${property} must be a string; received ${describe(value)}` });
    }
  }
  if (
    news.strictPreview !== undefined &&
    news.strictPreview !== UNKNOWN &&
    typeof news.strictPreview !== "boolean"
  ) {
    failures.push({
      property: "strictPreview",
      reason: `strictPreview must be true or false; received ${describe(news.strictPreview)}`,
    });
  }
  const restore = restoreFailure(news.restore, validateNote);
  if (restore) failures.push({ property: "restore", reason: restore });
  const scope = scopeFailure(news.scope);
  if (scope) failures.push({ property: "scope", reason: scope });
  const triggers = news.triggers;
  if (triggers !== undefined && triggers !== UNKNOWN && !Array.isArray(triggers)) {
    failures.push({
      property: "triggers",
      reason: `triggers must be an array; received ${describe(triggers)}`,
    });
  }
  return failures;
}

/** The longest account name accepted (Alibaba Cloud logon names are at most 64 characters before "@"). */
export const MAX_ACCOUNT_LENGTH = 128;
// Account names: letters, digits, ".", "_", "-", "@" (RAM logon names) — or a numeric UID.
const ACCOUNT_CHARACTERS = /^[A-Za-z0-9._@-]+$/;
/** Free-text audit notes are recorded in the state and shown in previews; keep them to one line. */
export const MAX_NOTE_LENGTH = 256;

function validateAccount(property: string, value: unknown): string | undefined {
  const allowed = `allowed: an Alibaba Cloud account name (for a RAM user, the part before "@") or a numeric UID, 1 to ${MAX_ACCOUNT_LENGTH} characters of A-Z, a-z, 0-9, ".", "_", "-", "@"`;
  if (value === UNKNOWN) return undefined;
  if (typeof value !== "string")
    return `${property} must be a string; received ${describe(value)}; ${allowed}`;
  if (value.trim() === "")
    return `${property} is empty or only whitespace (received ${JSON.stringify(value)}); ${allowed}`;
  if (value.length > MAX_ACCOUNT_LENGTH) return `${property} is ${value.length} characters long; ${allowed}`;
  if (!ACCOUNT_CHARACTERS.test(value)) {
    return `${property} ${JSON.stringify(value)} contains ${firstBadCharacters(value, ACCOUNT_CHARACTERS)}; ${allowed}`;
  }
  return undefined;
}

function validateNote(property: string, value: unknown): string | undefined {
  if (value === undefined || value === UNKNOWN) return undefined;
  const allowed = `allowed: one line of text, up to ${MAX_NOTE_LENGTH} characters`;
  if (typeof value !== "string")
    return `${property} must be a string; received ${describe(value)}; ${allowed}`;
  if (CONTROL_CHARACTERS.test(value))
    return `${property} contains control characters or line breaks (received ${JSON.stringify(value)}); ${allowed}`;
  if (value.length > MAX_NOTE_LENGTH) return `${property} is ${value.length} characters long; ${allowed}`;
  return undefined;
}

function firstBadCharacters(value: string, allowed: RegExp): string {
  const bad = [...value].filter((c) => !allowed.test(c));
  return bad
    .slice(0, 3)
    .map((c) => `${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`)
    .join(", ");
}

function validateUserId(value: unknown): string | undefined {
  const allowed = `allowed: the Quick BI UserId, 1 to ${MAX_USER_ID_LENGTH} characters of A-Z, a-z, 0-9, "-" and "_" (for example "46e5374665ba4b679ee22e2a2927abcd")`;
  if (value === UNKNOWN) return undefined;
  if (value === undefined || value === null)
    return `one of userId or account is required; received neither; ${allowed}`;
  if (typeof value !== "string") return `userId must be a string; received ${describe(value)}; ${allowed}`;
  if (value.trim() === "")
    return `userId is empty or only whitespace (received ${JSON.stringify(value)}); ${allowed}`;
  if (CONTROL_CHARACTERS.test(value)) {
    return `userId contains control characters (received ${JSON.stringify(value)}); ${allowed}`;
  }
  if (value.length > MAX_USER_ID_LENGTH) return `userId is ${value.length} characters long; ${allowed}`;
  if (value !== value.trim())
    return `userId has leading or trailing whitespace (received ${JSON.stringify(value)}); ${allowed}`;
  if (!USER_ID_CHARACTERS.test(value)) {
    return `userId ${JSON.stringify(value)} contains ${firstBadCharacters(value, USER_ID_CHARACTERS)}; ${allowed}`;
  }
  return undefined;
}

/** A short, safe rendering of a received value for a check failure. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 80 ? value.slice(0, 80) + "…" : value)}`;
  return `${typeof value} ${String(value)}`;
}
