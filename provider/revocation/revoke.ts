import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserError } from "../quickbi/errors";
import type { RetryHooks, RetryPolicy } from "../quickbi/retry";
import type { OnMissingUser } from "./inputs";
import type { RevocationOutputs } from "./outputs";
import type { Subject } from "./subject";
import { withdrawAndVerify } from "./withdrawal";

/** What one revocation (a withdrawal, or the finding that the user is already gone) adds to the audit record. */
export type Revoked = Pick<
  RevocationOutputs,
  "outcome" | "requestId" | "withdrawnAt" | "checkedAt" | "groupsRemoved"
>;

export interface RevokeOptions {
  readonly onMissingUser: OnMissingUser;
  readonly policy: RetryPolicy;
  readonly now: () => Date;
  readonly hooks?: RetryHooks;
}

/**
 * Who, then WithdrawAllUserGroups with verification. With onMissingUser "succeed", a user Quick BI
 * does not know, at the lookup or at the withdrawal, is recorded as already offboarded instead, with
 * the RequestId of the answer that said so; `subject` is then absent if the lookup was what failed.
 */
export async function revoke(
  client: QuickBIClient,
  whom: () => Promise<Subject>,
  options: RevokeOptions,
): Promise<{ readonly subject?: Subject; readonly revoked: Revoked }> {
  let subject: Subject | undefined;
  try {
    subject = await whom();
    const record = await withdrawAndVerify(
      client,
      subject.userId,
      options.policy,
      options.now,
      options.hooks,
    );
    return { subject, revoked: { ...record, outcome: "withdrawn", checkedAt: record.withdrawnAt } };
  } catch (error) {
    if (options.onMissingUser !== "succeed" || !isMissingUserError(error)) throw error;
    const at = options.now().toISOString();
    const revoked: Revoked = {
      outcome: "already-offboarded",
      requestId: error.requestId ?? "",
      withdrawnAt: at,
      checkedAt: at,
      groupsRemoved: [],
    };
    return subject ? { subject, revoked } : { revoked };
  }
}
