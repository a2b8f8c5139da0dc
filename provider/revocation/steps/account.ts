import { queryUserInfoByUserId, updateUser } from "../../quickbi/operations";
import type { AccountStepRecord } from "./record";
import { carried, messageOf, stepError, type StepContext } from "./step";

/**
 * Deactivates the account: QueryUserInfoByUserId (the before-state), one UpdateUser `IsDeleted=true`,
 * then the read again to prove it. Deactivation is Quick BI's reversible suspension; DeleteUser is
 * never called. An account already deactivated is left alone, and its previous state recorded as
 * unknown: nothing here can tell who deactivated it.
 */
export async function deactivateAccount(
  context: StepContext,
  previous: AccountStepRecord | undefined,
): Promise<AccountStepRecord> {
  const { client, userId, now } = context;
  const earlier = carried(previous);
  const history = earlier.history === undefined ? {} : { history: earlier.history };
  // An earlier attempt that read the account active keeps that before-state, whatever it did since.
  let knownActive = earlier.partial?.previousState === "active";
  try {
    const isDeleted = (await queryUserInfoByUserId(client, userId)).IsDeleted === true;
    if (isDeleted) {
      // Known active before an earlier attempt whose answer was lost: that attempt did it, when is unknown.
      return knownActive
        ? { status: "done", previousState: "active", ...history }
        : {
            status: "done",
            previousStateUnknown: `the account was already deactivated when read at ${now().toISOString()}`,
            ...history,
          };
    }
    knownActive = true;
    const { requestId } = await updateUser(client, userId, { IsDeleted: true });
    const deactivatedAt = now().toISOString();
    if ((await queryUserInfoByUserId(client, userId)).IsDeleted !== true) {
      throw stepError("UpdateUser", userId, `IsDeleted is still false (RequestId ${requestId})`);
    }
    return { status: "done", previousState: "active", requestId, deactivatedAt, ...history };
  } catch (error) {
    return {
      status: "incomplete",
      ...(knownActive ? { previousState: "active" as const } : {}),
      error: messageOf(error),
      ...history,
    };
  }
}
