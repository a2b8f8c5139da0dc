// The operations on a user's workspace memberships and organisation flags: what WithdrawAllUserGroups
// leaves in place, and what an offboarding with a wider scope takes away (DeleteUserFromWorkspace,
// UpdateUser). The writes honour `dryRun` (the `keepMembership` fault).
import { ApiError, ERRORS } from "../errors";
import type { UserChanges } from "../store";
import { parseWorkspaceRoleId } from "../seed-workspaces";
import { ORGANIZATION_ROLES } from "../model";
import { requireParam, requireUser, type Operation, type OperationContext } from "./context";
import { organizationWorkspaceView, workspaceRoleView } from "./views";

/** The workspaces the user is directly a member of, with the role held in each. */
export const listWorkspaceUserRolesByUserId: Operation = (context) => {
  const user = requireUser(context);
  return context.store.workspacesOf(user.userId).map(workspaceRoleView);
};

/**
 * Adds the user to the workspace with a preset role. The API page's refusals: `Workspace.Not.Exist`
 * for a workspace that is not there (deleted since), `User.AlreadyIn.Workspace` for a member,
 * `Viewer.AddInTo.Workspace` for a visitor (UserType 2).
 */
export const addUserToWorkspace: Operation = (context) => {
  const user = requireUser(context);
  const workspaceId = requireParam(context.params, "WorkspaceId");
  if (!context.store.workspace(workspaceId))
    throw new ApiError(
      "Workspace.Not.Exist",
      `${ERRORS["Workspace.Not.Exist"].message} WorkspaceId ${workspaceId}.`,
    );
  const roleId = invalidParameter(() =>
    parseWorkspaceRoleId(requireParam(context.params, "RoleId"), "RoleId"),
  );
  if (context.store.workspacesOf(user.userId).some((w) => w.workspace.workspaceId === workspaceId))
    throw new ApiError("User.AlreadyIn.Workspace");
  if (user.userType === 2)
    throw new ApiError(
      "Viewer.AddInTo.Workspace",
      `${ERRORS["Viewer.AddInTo.Workspace"].message} ${user.userId}.`,
    );
  if (!context.dryRun) context.store.setWorkspaceRole(user.userId, workspaceId, roleId);
  return true;
};

/**
 * Removes the user from the workspace; not being a member is not an error (chosen). The workspace's
 * owner is refused with `CanNot.Remove.WorkspaceOwner`, as the API page documents.
 */
export const deleteUserFromWorkspace: Operation = (context) => {
  const user = requireUser(context);
  const workspaceId = requireWorkspace(context);
  const workspace = context.store.workspace(workspaceId)!;
  if (workspace.owner === user.userId) {
    throw new ApiError(
      "CanNot.Remove.WorkspaceOwner",
      `${ERRORS["CanNot.Remove.WorkspaceOwner"].message} UserId ${user.userId} owns workspace ${workspaceId}.`,
    );
  }
  if (!context.dryRun) context.store.removeFromWorkspace(user.userId, workspaceId);
  return true;
};

/** The page sizes QueryOrganizationWorkspaceList accepts: 10 by default, at most 1000 (the API page's). */
const WORKSPACE_PAGE = { default: 10, max: 1000 } as const;

/** The organisation's workspaces, one page at a time, each with its owner; `Keyword` filters by name. */
export const queryOrganizationWorkspaceList: Operation = (context) => {
  const { params } = context;
  const pageNum = pageParam(params.PageNum, "PageNum", 1, Infinity) ?? 1;
  const pageSize = pageParam(params.PageSize, "PageSize", 1, WORKSPACE_PAGE.max) ?? WORKSPACE_PAGE.default;
  const keyword = params.Keyword?.trim().toLowerCase() ?? "";
  const all = context.store
    .allWorkspaces()
    .filter((w) => keyword === "" || w.workspaceName.toLowerCase().includes(keyword));
  return {
    Data: all
      .slice((pageNum - 1) * pageSize, pageNum * pageSize)
      .map((w) => organizationWorkspaceView(w, context.store)),
    PageNum: pageNum,
    PageSize: pageSize,
    TotalNum: all.length,
    TotalPages: Math.ceil(all.length / pageSize),
  };
};

function pageParam(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid(`${name} must be an integer from ${min}${max === Infinity ? "" : ` to ${max}`}.`);
  return n;
}

/** UpdateUser's boolean parameters and the user fields they set. */
const USER_FLAGS = {
  AdminUser: "adminUser",
  AuthAdminUser: "authAdminUser",
  IsDeleted: "isDeleted",
} as const;

/**
 * Changes the user's flags and profile. `RoleIds`, when given, wins over `AdminUser`/`AuthAdminUser`
 * (as the API page says); only the preset organisation roles are modelled.
 */
export const updateUser: Operation = (context) => {
  const user = requireUser(context);
  const changes: { -readonly [K in keyof UserChanges]: UserChanges[K] } = {};
  const { params } = context;
  for (const [param, field] of Object.entries(USER_FLAGS)) {
    const value = params[param]?.trim().toLowerCase();
    if (value === undefined) continue;
    if (value !== "true" && value !== "false") throw invalid(`${param} must be true or false.`);
    changes[field] = value === "true";
  }
  if (params.RoleIds !== undefined) {
    const ids = params.RoleIds.split(",").map((id) => Number(id.trim()));
    const known: number[] = Object.values(ORGANIZATION_ROLES);
    if (ids.length === 0 || ids.some((id) => !known.includes(id)))
      throw invalid(`RoleIds must be preset organisation roles: ${known.join(", ")}.`);
    changes.adminUser = ids.includes(ORGANIZATION_ROLES.admin);
    changes.authAdminUser = ids.includes(ORGANIZATION_ROLES.authAdmin);
  }
  if (params.NickName !== undefined) changes.nickName = params.NickName;
  if (params.UserType !== undefined) {
    const userType = Number(params.UserType);
    if (userType !== 1 && userType !== 2 && userType !== 3) throw invalid("UserType must be 1, 2 or 3.");
    changes.userType = userType;
  }
  if (!context.dryRun) context.store.updateUser(user.userId, changes);
  return true;
};

/** The workspace named by `WorkspaceId`; `Invalid.Parameter` (chosen) when there is none. */
function requireWorkspace(context: OperationContext): string {
  const workspaceId = requireParam(context.params, "WorkspaceId");
  if (!context.store.workspace(workspaceId)) throw invalid(`no workspace ${workspaceId}.`);
  return workspaceId;
}

function invalid(detail: string): ApiError {
  return new ApiError("Invalid.Parameter", `An error occurred while verifying parameters: ${detail}`);
}

function invalidParameter<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw invalid((error as Error).message);
  }
}
