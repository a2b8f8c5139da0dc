import type { QuickBIClient } from "../quickbi/client";
import { QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId, withdrawAllUserGroups } from "../quickbi/operations";
import { backoffDelay, defaultSleep, type RetryHooks, type RetryPolicy } from "../quickbi/retry";
import { groupNames, groupRecord, type GroupRecord, type WithdrawalRecord } from "./audit";

/**
 * Withdraws the user from every group and proves it: ListUserGroupsByUserId just before (the audit
 * record of what is removed), WithdrawAllUserGroups, then ListUserGroupsByUserId again. While groups
 * remain, it withdraws again within the retry budget; then it fails naming the groups left, and
 * nothing is recorded as done. Three calls when Quick BI behaves.
 */
export async function withdrawAndVerify(
  client: QuickBIClient,
  userId: string,
  policy: RetryPolicy,
  now: () => Date,
  hooks: RetryHooks = {},
): Promise<WithdrawalRecord> {
  const before = (await listUserGroupsByUserId(client, userId)).groups.map(groupRecord);
  const requestIds: string[] = [];
  let remaining: GroupRecord[] = [];
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const { requestId } = await withdrawAllUserGroups(client, userId);
    requestIds.push(requestId);
    const withdrawnAt = now().toISOString();
    remaining = (await listUserGroupsByUserId(client, userId)).groups.map(groupRecord);
    if (remaining.length === 0) return { requestId, withdrawnAt, groupsRemoved: before };
    if (attempt < policy.maxAttempts)
      await (hooks.sleep ?? defaultSleep)(backoffDelay(policy, attempt, hooks.random));
  }
  const removed = before.filter((g) => !remaining.some((r) => r.id === g.id));
  throw new QuickBIRequestError({
    operation: "WithdrawAllUserGroups",
    user: { userId },
    code: "Verify.GroupsRemain",
    httpStatus: 200,
    requestId: requestIds.at(-1),
    attempts: requestIds.length,
    detail:
      `the user is still in ${remaining.length} group(s) after ${requestIds.length} withdrawal(s): ` +
      `${remaining.map((g) => `${g.name} (${g.id})`).join(", ")}; nothing was recorded as done` +
      `${removed.length > 0 ? `; removed so far: ${groupNames(removed)}` : ""}; RequestIds ${requestIds.join(", ")}`,
  });
}
