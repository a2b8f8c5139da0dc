import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserError, QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId } from "../quickbi/operations";
import { groupNames, groupRecord, type GroupRecord } from "./audit";
import type { RevocationInputs } from "./inputs";
import { organizationFlags, readWorkspaces, residualAccess, type ResidualAccess } from "./residual-access";
import { describeSubject, inputIdentity, lookUpUser, type Subject } from "./subject";

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
      /** What the withdrawal leaves in place: workspaces, admin flags, an active account. */
      readonly residualAccess: ResidualAccess;
    }
  | {
      readonly status: "user-missing";
      readonly summary: string;
      readonly code: string;
      readonly requestId: string;
    }
  | {
      readonly status: "unknown";
      readonly summary: string;
      /** The Quick BI code (or transport label) of the read that failed; absent when nothing was read. */
      readonly code?: string;
      /** That failure's whole message: operation, user, code, RequestId and how to fix it. */
      readonly detail?: string;
    };

/** The impact of a revocation whose user, region or endpoint is not known until apply. */
export const IMPACT_UNKNOWN_UNTIL_APPLY: Impact = {
  status: "unknown",
  summary: "impact unknown: the user or the endpoint is not known until apply",
};

/**
 * Three read calls: who the user is (QueryUserInfoByUserId or ByAccount, which also gives the admin
 * flags), their groups (ListUserGroupsByUserId) and their workspaces (ListWorkspaceUserRolesByUserId,
 * whose failure is said in the residual access and does not make the impact unknown).
 */
export async function assessImpact(client: QuickBIClient, inputs: RevocationInputs): Promise<Impact> {
  try {
    const { subject: user, info } = await lookUpUser(client, inputs);
    const groups = (await listUserGroupsByUserId(client, user.userId)).groups.map(groupRecord);
    const workspaces = await readWorkspaces(client, user.userId);
    const remains = residualAccess(
      "after this",
      user.accountName || user.displayName || user.userId,
      { value: organizationFlags(info) },
      workspaces,
    );
    const summary =
      groups.length === 0
        ? `${describeSubject(user)} is in no user group; the withdrawal will change nothing`
        : `${describeSubject(user)} will leave ${groups.length} user group${groups.length === 1 ? "" : "s"}: ${groupNames(groups)}`;
    return {
      status: "known",
      summary,
      user,
      groups: groups.map(({ id, name }) => ({ id, name })),
      residualAccess: remains,
    };
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
    return {
      status: "unknown",
      summary: `impact unknown: the preview could not read Quick BI (${why})`,
      ...(error instanceof QuickBIRequestError ? { code: error.code } : {}),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
