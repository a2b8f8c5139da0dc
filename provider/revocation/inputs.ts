/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The resource's inputs as the provider receives them: resolved, plain values. */
export interface RevocationInputs {
  readonly userId: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly triggers?: readonly unknown[];
}

/** A check failure, as Pulumi's dynamic provider `check` returns it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

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
  const userIdFailure = validateUserId(news.userId);
  if (userIdFailure) failures.push({ property: "userId", reason: userIdFailure });
  for (const property of ["region", "endpoint"] as const) {
    const value = news[property];
    if (value !== undefined && value !== UNKNOWN && typeof value !== "string") {
      failures.push({ property, reason: `${property} must be a string; received ${describe(value)}` });
    }
  }
  const triggers = news.triggers;
  if (triggers !== undefined && triggers !== UNKNOWN && !Array.isArray(triggers)) {
    failures.push({
      property: "triggers",
      reason: `triggers must be an array; received ${describe(triggers)}`,
    });
  }
  return failures;
}

function validateUserId(value: unknown): string | undefined {
  const allowed = `allowed: the Quick BI UserId, 1 to ${MAX_USER_ID_LENGTH} characters of A-Z, a-z, 0-9, "-" and "_" (for example "46e5374665ba4b679ee22e2a2927abcd")`;
  if (value === UNKNOWN) return undefined;
  if (value === undefined || value === null) return `userId is required; ${allowed}`;
  if (typeof value !== "string") return `userId must be a string; received ${describe(value)}; ${allowed}`;
  if (value.trim() === "")
    return `userId is empty or only whitespace (received ${JSON.stringify(value)}); ${allowed}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    return `userId contains control characters (received ${JSON.stringify(value)}); ${allowed}`;
  }
  if (value.length > MAX_USER_ID_LENGTH) return `userId is ${value.length} characters long; ${allowed}`;
  if (value !== value.trim())
    return `userId has leading or trailing whitespace (received ${JSON.stringify(value)}); ${allowed}`;
  if (!USER_ID_CHARACTERS.test(value)) {
    const bad = [...value].filter((c) => !USER_ID_CHARACTERS.test(c));
    const shown = bad
      .slice(0, 3)
      .map(
        (c) => `${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`,
      );
    return `userId ${JSON.stringify(value)} contains ${shown.join(", ")}; ${allowed}`;
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
