import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserError, QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId } from "../quickbi/operations";
import { groupNames, groupRecord, type GroupRecord } from "./audit";
import type { RevocationInputs } from "./inputs";
import {
  ORGANIZATION_ROLE_IDS,
  organizationFlags,
  readWorkspaces,
  residualAccess,
  type OrganizationFlags,
  type Read,
  type ResidualAccess,
  type WorkspaceAccess,
} from "./residual-access";
import { isWiderThanGroups, type Scope } from "./scope";
import { count, planSteps, rolesLost, type PlannedStep } from "./steps/plan";
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
      /** What the update leaves in place: workspaces, admin flags, an active account. */
      readonly residualAccess: ResidualAccess;
      /** The scope, when it goes beyond the groups. */
      readonly scope?: Scope;
      /**
       * With a scope beyond the groups, every step with its names: "alice (Alice Wang) will leave 2
       * user groups: Finance, Sales; leave 2 workspaces: Sales BI (Analyst), Finance (Viewer); lose
       * organisation admin; be deactivated". `summary` is then its one line of counts.
       */
      readonly plan?: string;
      readonly steps?: readonly PlannedStep[];
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
export async function assessImpact(
  client: QuickBIClient,
  inputs: RevocationInputs,
  scope: Scope = ["groups"],
): Promise<Impact> {
  try {
    const { subject: user, info } = await lookUpUser(client, inputs);
    const groups = (await listUserGroupsByUserId(client, user.userId)).groups.map(groupRecord);
    if (isWiderThanGroups(scope)) {
      const steps = await planSteps(client, user.userId, info, scope);
      // Out of scope, the workspaces stay: read them for the residual access, as the default scope does.
      const kept = scope.includes("workspaces") ? undefined : await readWorkspaces(client, user.userId);
      return widerImpact(user, groups, organizationFlags(info), scope, steps, kept);
    }
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

/**
 * The impact of a scope beyond the groups. Its `summary` leads with counts, the admin role and the
 * account's state, short enough for one line of the CLI; `plan` names everything.
 */
function widerImpact(
  user: Subject,
  groups: readonly GroupRecord[],
  flags: OrganizationFlags,
  scope: Scope,
  steps: readonly PlannedStep[],
  keptWorkspaces: Read<readonly WorkspaceAccess[]> | undefined,
): Impact {
  const who = describeSubject(user);
  const byStep = new Map(steps.map((s) => [s.step, s]));
  const workspaces = byStep.get("workspaces");
  const roles = byStep.get("organizationRoles");
  const account = byStep.get("account");
  const owned = workspaces?.owned ?? [];
  const leave = [
    count(groups.length, "user group"),
    ...(workspaces ? [count(workspaces.workspaces?.length ?? 0, "workspace")] : []),
  ].join(", ");
  const head = [
    `${who} will leave ${leave}${owned.length > 0 ? `, not ${owned.length} they own` : ""}`,
    ...(roles
      ? [roles.summary.startsWith("lose") ? `lose ${rolesLost(roles.roleIds ?? [])}` : "hold no admin role"]
      : []),
    ...(account ? [account.isDeleted ? "stay deactivated" : "be deactivated"] : []),
  ];
  const groupsLine =
    groups.length === 0
      ? "leave no user group"
      : `leave ${count(groups.length, "user group")}: ${groupNames(groups)}`;
  const name = user.accountName || user.displayName || user.userId;
  const remainingFlags: OrganizationFlags = {
    ...flags,
    ...(roles
      ? { adminUser: false, authAdminUser: false, roleIdList: [ORGANIZATION_ROLE_IDS.commonUser] }
      : {}),
    ...(account ? { isDeleted: true } : {}),
  };
  const remainingWorkspaces: Read<readonly WorkspaceAccess[]> = keptWorkspaces ?? { value: owned };
  return {
    status: "known",
    summary: head.join("; "),
    user,
    groups: groups.map(({ id, name }) => ({ id, name })),
    residualAccess: residualAccess("after this", name, { value: remainingFlags }, remainingWorkspaces),
    scope,
    plan: `${who} will ${[groupsLine, ...steps.map((s) => s.summary)].join("; ")}`,
    steps,
  };
}
