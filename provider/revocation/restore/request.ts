/**
 * `restore: { ticket, reason }`: undo a mistaken offboarding as a reviewed change. Set on a revocation
 * (or a people-file entry) that is already done, it puts back what this resource's record says was
 * removed; removed again, it offboards the person again. Either way it is an update, never a
 * replacement: the record, with every withdrawal and every restore, stays with the one resource.
 */
import { describe, UNKNOWN } from "../inputs";

/** Why, and under which ticket, a person is given back what the offboarding took. */
export interface RestoreRequest {
  /** The ticket that authorises the restore (HR, access review). */
  readonly ticket?: string;
  /** Why the offboarding is undone: a typo in the people file, a rehire, a reversed decision. */
  readonly reason?: string;
}

const KEYS = ["ticket", "reason"] as const;
const ALLOWED = 'allowed: a mapping with "ticket" and/or "reason", each one line of text';

/** Why a `restore` input cannot be used, or undefined. Unknown values (preview) are not judged. */
export function restoreFailure(
  value: unknown,
  noteFailure: (property: string, value: unknown) => string | undefined,
): string | undefined {
  if (value === undefined || value === UNKNOWN) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return `restore must be a mapping; received ${describe(value)}; ${ALLOWED}`;
  const extra = Object.keys(value).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (extra.length > 0) return `restore has unknown key ${JSON.stringify(extra[0])}; ${ALLOWED}`;
  const given = value as Record<string, unknown>;
  if (given.ticket === undefined && given.reason === undefined)
    return `restore is empty; ${ALLOWED}: say which ticket authorises putting the access back`;
  for (const key of KEYS) {
    const failure = noteFailure(`restore.${key}`, given[key]);
    if (failure) return failure;
  }
  return undefined;
}

/** Whether a restore is asked for: `restore` given (an unknown value counts, it is set at apply). */
export function isRestoring(restore: RestoreRequest | undefined): restore is RestoreRequest {
  return restore !== undefined && restore !== null;
}
