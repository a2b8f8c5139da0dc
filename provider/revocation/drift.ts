import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserError } from "../quickbi/errors";
import { listUserGroupsByUserId } from "../quickbi/operations";
import { groupRecord, type GroupRecord } from "./audit";
import type { RevocationOutputs } from "./outputs";

/** Drift: a refresh found the user back in a group since the withdrawal. */
export function hasDrift(state: RevocationOutputs): boolean {
  return (state.currentGroups ?? []).length > 0;
}

/** The user's groups now, as a refresh reads them. A user deleted from Quick BI since is in none: not drift. */
export async function groupsNow(client: QuickBIClient, userId: string): Promise<GroupRecord[]> {
  try {
    return (await listUserGroupsByUserId(client, userId)).groups.map(groupRecord);
  } catch (error) {
    if (isMissingUserError(error)) return [];
    throw error;
  }
}
