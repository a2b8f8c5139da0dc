/**
 * What the steps beyond the groups will do, read by `check` for the preview: every read the plan
 * needs, so that a strict preview fails when any of them cannot be made. The workspaces come from
 * ListWorkspaceUserRolesByUserId, their owners from QueryOrganizationWorkspaceList (only when the
 * person belongs to a workspace), the roles and the account from the lookup `check` already made.
 */
import type { QuickBIClient } from "../../quickbi/client";
import type { UserInfo } from "../../quickbi/operations";
import { queryOrganizationWorkspaces } from "../../quickbi/workspaces";
import { ORGANIZATION_ROLE_IDS, type WorkspaceAccess } from "../residual-access";
import type { ExtraStep, Scope } from "../scope";
import { extraSteps } from "../scope";
import { holdsMore, roleIdsOf } from "./organization-roles";
import { workspacesOf } from "./workspaces";

/** One step of the preview's plan. */
export interface PlannedStep {
  readonly step: ExtraStep;
  /** "leave 2 workspaces: Sales BI (Analyst), Finance (Viewer)" */
  readonly summary: string;
  /** `workspaces`: those the step will leave. */
  readonly workspaces?: readonly WorkspaceAccess[];
  /** `workspaces`: those the person owns, which Quick BI will not let them leave. */
  readonly owned?: readonly WorkspaceAccess[];
  /** `organizationRoles`: the roles held now. */
  readonly roleIds?: readonly number[];
  /** `account`: whether it is already deactivated. */
  readonly isDeleted?: boolean;
}

/** The plan's steps, in scope order; a read that fails rejects (the impact is then unknown). */
export async function planSteps(
  client: QuickBIClient,
  userId: string,
  info: UserInfo,
  scope: Scope,
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const step of extraSteps(scope)) {
    if (step === "workspaces") planned.push(await planWorkspaces(client, userId));
    if (step === "organizationRoles") planned.push(planRoles(roleIdsOf(info)));
    if (step === "account") {
      const isDeleted = info.IsDeleted === true;
      planned.push({ step, summary: isDeleted ? "stay deactivated (already)" : "be deactivated", isDeleted });
    }
  }
  return planned;
}

async function planWorkspaces(client: QuickBIClient, userId: string): Promise<PlannedStep> {
  const all = await workspacesOf(client, userId);
  const owners =
    all.length === 0
      ? new Map<string, string>()
      : new Map(
          (await queryOrganizationWorkspaces(client, userId)).map((w) => [w.WorkspaceId, w.Owner ?? ""]),
        );
  const owned = all.filter((w) => owners.get(w.workspaceId) === userId);
  const workspaces = all.filter((w) => !owned.includes(w));
  const leave =
    workspaces.length === 0
      ? "leave no workspace"
      : `leave ${count(workspaces.length, "workspace")}: ${workspaces.map(named).join(", ")}`;
  const stay =
    owned.length === 0
      ? ""
      : `; cannot leave ${owned.map(named).join(", ")}, which they own: hand ${owned.length === 1 ? "it" : "them"} to another user first`;
  return { step: "workspaces", summary: `${leave}${stay}`, workspaces, owned };
}

function planRoles(roleIds: readonly number[]): PlannedStep {
  return {
    step: "organizationRoles",
    summary: holdsMore(roleIds)
      ? `lose ${rolesLost(roleIds)}`
      : "keep the common user role only (no admin role held)",
    roleIds,
  };
}

/** "organisation admin, permission admin and custom role 4242" */
export function rolesLost(roleIds: readonly number[]): string {
  const names = roleIds.flatMap((id) => {
    if (id === ORGANIZATION_ROLE_IDS.admin) return ["organisation admin"];
    if (id === ORGANIZATION_ROLE_IDS.authAdmin) return ["permission admin"];
    if (id === ORGANIZATION_ROLE_IDS.commonUser) return [];
    return [`custom role ${id}`];
  });
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function named(w: WorkspaceAccess): string {
  return `${w.workspaceName} (${w.roleName})`;
}

/** "2 workspaces", "1 user group" */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
