import type { QuickBIClient } from "../quickbi/client";
import { QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId, withdrawAllUserGroups } from "../quickbi/operations";
import {
  AttemptBudget,
  backoffDelay,
  defaultSleep,
  type RetryHooks,
  type RetryPolicy,
} from "../quickbi/retry";
import { groupNames, groupRecord, type GroupRecord, type WithdrawalRecord } from "./audit";

/**
 * Withdraws the user from every group and proves it: ListUserGroupsByUserId just before (the audit
 * record of what is removed), WithdrawAllUserGroups, then ListUserGroupsByUserId again. While groups
 * remain, it withdraws again; then it fails naming the groups left, and nothing is recorded as done.
 * Three calls when Quick BI behaves.
 *
 * The retry budget is per step, not per call: every WithdrawAllUserGroups of the revocation, whether
 * retried after an error or repeated because groups remained, draws from one `maxAttempts`, and so do
 * the verifying lists. So at the default of 5 a revocation sends at most 5 WithdrawAllUserGroups, not
 * 5 rounds of 5.
 */
export async function withdrawAndVerify(
  client: QuickBIClient,
  userId: string,
  policy: RetryPolicy,
  now: () => Date,
  hooks: RetryHooks = {},
): Promise<WithdrawalRecord> {
  const before = (await listUserGroupsByUserId(client, userId)).groups.map(groupRecord);
  const withdrawals = new AttemptBudget(policy.maxAttempts);
  const verifications = new AttemptBudget(policy.maxAttempts);
  const requestIds: string[] = [];
  let remaining: GroupRecord[] = [];
  for (let round = 1; ; round++) {
    const { requestId } = await withdrawAllUserGroups(client, userId, withdrawals).catch((error: unknown) => {
      throw withGroupsBefore(error, before, requestIds);
    });
    requestIds.push(requestId);
    const withdrawnAt = now().toISOString();
    remaining = (await listUserGroupsByUserId(client, userId, verifications)).groups.map(groupRecord);
    if (remaining.length === 0) return { requestId, withdrawnAt, groupsRemoved: before };
    if (withdrawals.left === 0 || verifications.left === 0) break;
    await (hooks.sleep ?? defaultSleep)(backoffDelay(policy, round, hooks.random));
  }
  const removed = before.filter((g) => !remaining.some((r) => r.id === g.id));
  throw new QuickBIRequestError({
    operation: "WithdrawAllUserGroups",
    user: { userId },
    code: "Verify.GroupsRemain",
    httpStatus: 200,
    requestId: requestIds.at(-1),
    attempts: withdrawals.used,
    detail:
      `the user is still in ${remaining.length} group(s) after ${requestIds.length} withdrawal(s): ` +
      `${remaining.map((g) => `${g.name} (${g.id})`).join(", ")}; nothing was recorded as done` +
      `${removed.length > 0 ? `; removed so far: ${groupNames(removed)}` : ""}; RequestIds ${requestIds.join(", ")}`,
  });
}

/**
 * A withdrawal that failed, saying which groups the user was in just before it and which earlier
 * withdrawals answered: the failed attempt may still have been applied, and then no later list can
 * tell what was removed.
 */
function withGroupsBefore(
  error: unknown,
  before: readonly GroupRecord[],
  requestIds: readonly string[],
): unknown {
  if (!(error instanceof QuickBIRequestError)) return error;
  const groups =
    before.length === 0
      ? "just before, the user was in no group"
      : `just before, the user was in ${before.length} group(s): ${before.map((g) => `${g.name} (${g.id})`).join(", ")}`;
  const earlier =
    requestIds.length > 0 ? `; earlier withdrawals answered with RequestIds ${requestIds.join(", ")}` : "";
  return new QuickBIRequestError({
    operation: error.operation,
    user: error.user,
    code: error.code,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    attempts: error.attempts,
    detail: `${error.detail.replace(/\.+$/, "")}; ${groups}${earlier}`,
    cause: error.cause ?? error,
  });
}
