// The soak's verdict on the steps beyond the groups (scope workspaces, organizationRoles, account),
// from the record a revocation returned (its outputs, or the partial outputs of a failed create) and
// what the emulator's state and request log say happened. A step recorded done must be proven by the
// state and by a real write; anything Quick BI took away must be in the record.
import type { EmulatorState, RequestLogEntry, Workspace } from "../../emulator";
import type { StepsRecord } from "../../provider/revocation/steps/record";

/** What the soak seeded for one person, to compare the state with. */
export interface SeededAccess {
  readonly workspaces: readonly Workspace["workspaceId"][];
  readonly admin: boolean;
}

/** Why a record is wrong: `false done` claims too much, `record lost` says too little. */
export type StepProblem = { readonly verdict: "false done" | "record lost"; readonly why: string };

/** The actions of the steps, for fault schedules and for failures to name. */
export const STEP_ACTIONS = [
  "DeleteUserFromWorkspace",
  "UpdateUser",
  "ListWorkspaceUserRolesByUserId",
  "QueryOrganizationWorkspaceList",
] as const;

/** The problems of one person's step records; none when the record is truthful and complete. */
export function judgeSteps(
  userId: string,
  steps: StepsRecord | undefined,
  seeded: SeededAccess,
  state: EmulatorState,
  log: readonly RequestLogEntry[],
): StepProblem[] {
  const problems: StepProblem[] = [];
  const genuine = (requestId: string | undefined, action: string) => {
    const entry = log.find((r) => r.requestId === requestId);
    return (
      entry !== undefined &&
      entry.action === action &&
      entry.status === 200 &&
      entry.params.UserId === userId &&
      entry.fault !== "resultFalse" &&
      entry.fault !== "keepMembership"
    );
  };
  const member = new Set(state.workspaceMembers.filter((m) => m.userId === userId).map((m) => m.workspaceId));
  const user = state.users.find((u) => u.userId === userId)!;

  const ws = steps?.workspaces;
  if (ws?.status === "done" && member.size > 0)
    problems.push({ verdict: "false done", why: `workspaces done, still in ${[...member].join(", ")}` });
  for (const removed of ws?.removed ?? []) {
    if (member.has(removed.workspaceId))
      problems.push({
        verdict: "false done",
        why: `recorded removed from ${removed.workspaceId}, still in it`,
      });
    if (!genuine(removed.requestId, "DeleteUserFromWorkspace"))
      problems.push({
        verdict: "false done",
        why: `${removed.requestId} is not a successful DeleteUserFromWorkspace`,
      });
  }
  const named = new Set([...(ws?.removed ?? []), ...(ws?.kept ?? [])].map((w) => w.workspaceId));
  for (const gone of seeded.workspaces.filter((id) => !member.has(id) && !named.has(id)))
    problems.push({ verdict: "record lost", why: `left ${gone} with no record of it` });

  const roles = steps?.organizationRoles;
  if (roles?.status === "done" && user.adminUser)
    problems.push({ verdict: "false done", why: "organizationRoles done, still an admin" });
  if (roles?.requestId !== undefined && !genuine(roles.requestId, "UpdateUser"))
    problems.push({ verdict: "false done", why: `roles ${roles.requestId} is not a successful UpdateUser` });
  if (seeded.admin && !user.adminUser && (roles === undefined || roles.status === "not-run"))
    problems.push({ verdict: "record lost", why: "no longer an admin, with no record of it" });
  if (seeded.admin && roles?.roleIdsBefore !== undefined && !roles.roleIdsBefore.includes(111111111))
    problems.push({
      verdict: "record lost",
      why: `roleIdsBefore ${roles.roleIdsBefore.join(",")} lost the admin role`,
    });

  const account = steps?.account;
  if (account?.status === "done" && !user.isDeleted)
    problems.push({ verdict: "false done", why: "account done, still active" });
  if (account?.requestId !== undefined && !genuine(account.requestId, "UpdateUser"))
    problems.push({
      verdict: "false done",
      why: `account ${account.requestId} is not a successful UpdateUser`,
    });
  if (user.isDeleted && (account === undefined || account.status === "not-run"))
    problems.push({ verdict: "record lost", why: "deactivated, with no record of it" });
  if (account?.status === "done" && account.previousState === undefined)
    problems.push({ verdict: "record lost", why: "seeded active, recorded as of unknown previous state" });
  return problems;
}
