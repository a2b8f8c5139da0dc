import type { QuickBIClient } from "../quickbi/client";
import { queryUserInfoByAccount, queryUserInfoByUserId, type UserInfo } from "../quickbi/operations";
import type { RevocationInputs } from "./inputs";
import { definedOnly } from "./outputs";

/** Who a revocation is about, as Quick BI knows them. The names are absent when Quick BI gave none. */
export interface Subject {
  readonly userId: string;
  readonly accountName?: string;
  /** Quick BI's NickName. */
  readonly displayName?: string;
}

/**
 * Resolves the inputs to a Quick BI user with one call: QueryUserInfoByAccount for `account`,
 * QueryUserInfoByUserId for `userId` (which also yields the names the audit record keeps).
 */
export async function lookUpSubject(client: QuickBIClient, inputs: RevocationInputs): Promise<Subject> {
  return (await lookUpUser(client, inputs)).subject;
}

/** The same one call, keeping Quick BI's whole answer too (its admin flags are residual access). */
export async function lookUpUser(
  client: QuickBIClient,
  inputs: RevocationInputs,
): Promise<{ subject: Subject; info: UserInfo }> {
  const info =
    inputs.account !== undefined
      ? await queryUserInfoByAccount(client, inputs.account, inputs.parentAccountName)
      : await queryUserInfoByUserId(client, inputs.userId!);
  return { subject: subjectOf(info, inputs), info };
}

function subjectOf(info: UserInfo, inputs: RevocationInputs): Subject {
  if (typeof info.UserId !== "string" || info.UserId === "") {
    // Never withdraw, or record, a user whose id Quick BI did not give.
    throw new Error(`Quick BI's answer for ${inputIdentity(inputs)} has no UserId; nothing was withdrawn`);
  }
  return definedOnly({
    userId: info.UserId,
    accountName: info.AccountName || undefined,
    displayName: info.NickName || undefined,
  });
}

/** "alice (Alice Wang)", or the UserId when Quick BI gave no names. */
export function describeSubject(subject: Subject): string {
  if (subject.accountName && subject.displayName) return `${subject.accountName} (${subject.displayName})`;
  return subject.accountName || subject.displayName || subject.userId;
}

/** How the inputs name the user, for messages before the lookup: `account "alice"` or `userId "46e5…"`. */
export function inputIdentity(inputs: RevocationInputs): string {
  return inputs.account !== undefined
    ? `account ${JSON.stringify(inputs.account)}`
    : `userId ${JSON.stringify(inputs.userId)}`;
}
