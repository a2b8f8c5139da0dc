import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserError, QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId } from "../quickbi/operations";
import { groupNames, groupRecord, type GroupRecord } from "./audit";
import type { OnMissingUser, RevocationInputs } from "./inputs";
import { describeSubject, inputIdentity, lookUpSubject, type Subject } from "./subject";

/**
 * What a new revocation is about to do, computed by `check` so that `pulumi preview` shows it: during
 * a preview only `check` runs for a new resource, and the inputs it returns are what the preview shows.
 */
export type Impact =
  | {
      readonly status: "known";
      /** "alice (Alice Wang) will leave 2 user groups: Finance, Sales" */
      readonly summary: string;
      readonly user: Subject;
      /** Ids and names only: the full record, paths included, is taken at the withdrawal itself. */
      readonly groups: readonly Pick<GroupRecord, "id" | "name">[];
    }
  | {
      readonly status: "user-missing";
      readonly summary: string;
      readonly code: string;
      readonly requestId: string;
    }
  | { readonly status: "unknown"; readonly summary: string };

/** The impact of a revocation whose user, region or endpoint is not known until apply. */
export const IMPACT_UNKNOWN_UNTIL_APPLY: Impact = {
  status: "unknown",
  summary: "impact unknown: the user or the endpoint is not known until apply",
};

/** Two calls: who the user is (QueryUserInfoByUserId or ByAccount) and their groups (ListUserGroupsByUserId). */
export async function assessImpact(client: QuickBIClient, inputs: RevocationInputs): Promise<Impact> {
  try {
    const user = await lookUpSubject(client, inputs);
    const groups = (await listUserGroupsByUserId(client, user.userId)).groups.map(groupRecord);
    const summary =
      groups.length === 0
        ? `${describeSubject(user)} is in no user group; the withdrawal will change nothing`
        : `${describeSubject(user)} will leave ${groups.length} user group${groups.length === 1 ? "" : "s"}: ${groupNames(groups)}`;
    return { status: "known", summary, user, groups: groups.map(({ id, name }) => ({ id, name })) };
  } catch (error) {
    if (isMissingUserError(error)) {
      return {
        status: "user-missing",
        summary: `Quick BI has no user with ${inputIdentity(inputs)} (${error.code}, RequestId ${error.requestId ?? "none"})`,
        code: error.code,
        requestId: error.requestId ?? "",
      };
    }
    // A preview must not fail because the lookup could not run (a PR job without credentials, a
    // throttled read): it says so instead, and the withdrawal itself will look again.
    const why = error instanceof QuickBIRequestError ? `${error.code}: ${error.detail}` : String(error);
    return { status: "unknown", summary: `impact unknown: the preview could not read Quick BI (${why})` };
  }
}

/** The check failure for a user Quick BI does not know, unless `onMissingUser` is "succeed". */
export function missingUserFailure(
  impact: Impact,
  onMissingUser: OnMissingUser | undefined,
): string | undefined {
  if (impact.status !== "user-missing" || onMissingUser === "succeed") return undefined;
  return (
    `${impact.summary}. Check that userId is the Quick BI UserId (not the Alibaba Cloud UID) or that the account ` +
    `name is right; if the person was already removed from Quick BI, set onMissingUser: "succeed" to record them as offboarded.`
  );
}
