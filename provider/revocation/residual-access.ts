/**
 * Residual access: what WithdrawAllUserGroups leaves in place, so that a reviewer does not take "will
 * leave 2 user groups" for "is out". Quick BI keeps a user's direct workspace memberships with their
 * roles (ListWorkspaceUserRolesByUserId), the organisation admin flags and role ids, and the account
 * itself, active unless deactivated (QueryUserInfoByUserId's AdminUser, AuthAdminUser, RoleIdList,
 * IsDeleted). No single read answers both; the flags come with the lookup that every preview and
 * every create already makes, so residual access costs one more read: the workspaces.
 *
 * Reading it never blocks a withdrawal: a read that fails is recorded in `readErrors` and said in
 * the summary, and the withdrawal goes on.
 */
import type { QuickBIClient } from "../quickbi/client";
import { isMissingUserCode, QuickBIRequestError } from "../quickbi/errors";
import { queryUserInfoByUserId, type UserInfo } from "../quickbi/operations";
import { listWorkspaceUserRolesByUserId, type WorkspaceUserRole } from "../quickbi/workspaces";

/** Quick BI's preset organisation roles, as RoleIdList holds them. */
export const ORGANIZATION_ROLE_IDS = {
  admin: 111111111,
  authAdmin: 111111112,
  commonUser: 111111113,
} as const;

/**
 * Whom and when a line speaks of. A preview names the person and says when ("after this"): it lists
 * many. The record's line is the person's own, as of its `checkedAt`, and says neither: it is kept
 * for every person offboarded (docs/performance.md). Read at the withdrawal or by a refresh since, it
 * is made the same way, and a refresh compares the structured fields, not the line.
 */
type Voice = { readonly when: string; readonly name: string } | "record";

/** One workspace the user still belongs to directly. */
export interface WorkspaceAccess {
  readonly workspaceId: string;
  readonly workspaceName: string;
  /** RoleModel.RoleId: 25 admin, 26 developer, 27 analyst, 30 viewer, or a custom role's id. */
  readonly roleId: string;
  readonly roleName: string;
}

/** The organisation-level access Quick BI reports with the user (QueryUserInfoByUserId / ByAccount). */
export interface OrganizationFlags {
  /** An organisation admin: AdminUser, or RoleIdList holds 111111111. */
  readonly adminUser: boolean;
  /** An authorisation (permission management) admin: AuthAdminUser, or RoleIdList holds 111111112. */
  readonly authAdminUser: boolean;
  readonly roleIdList: readonly number[];
  /** Quick BI's IsDeleted: `false` means the account stays active. */
  readonly isDeleted: boolean;
}

/**
 * What access remains, in the preview's impact and the audit record. The structured fields are absent
 * when they could not be read; `readErrors` then says which read failed and why.
 */
export interface ResidualAccess extends Partial<OrganizationFlags> {
  /**
   * One line. In a preview: "after this, alice still belongs to 2 workspaces: Sales BI (Analyst),
   * Finance (Viewer); alice is an organisation admin; the account stays active". In the record: "in 2
   * workspaces; organisation admin; account active", the workspaces named in `workspaces` (releases
   * up to 0.2.0 wrote the preview's words after "after the withdrawal, ").
   */
  readonly summary: string;
  readonly workspaces?: readonly WorkspaceAccess[];
  /** One entry per read that failed: `ListWorkspaceUserRolesByUserId: Access.Forbidden (RequestId …)`. */
  readonly readErrors?: readonly string[];
}

/** A read's outcome: the value, or why it could not be had (with Quick BI's code, when it gave one). */
export type Read<T> = { readonly value: T } | { readonly error: string; readonly code?: string };

/** The flags from the lookup's answer. */
export function organizationFlags(info: UserInfo): OrganizationFlags {
  const roleIdList = Array.isArray(info.RoleIdList) ? info.RoleIdList.filter(Number.isFinite) : [];
  return {
    adminUser: info.AdminUser === true || roleIdList.includes(ORGANIZATION_ROLE_IDS.admin),
    authAdminUser: info.AuthAdminUser === true || roleIdList.includes(ORGANIZATION_ROLE_IDS.authAdmin),
    roleIdList,
    isDeleted: info.IsDeleted === true,
  };
}

/** The flags an earlier residual access recorded, if it could read them. */
export function recordedFlags(access: ResidualAccess | undefined): OrganizationFlags | undefined {
  if (access?.adminUser === undefined || access.authAdminUser === undefined) return undefined;
  return {
    adminUser: access.adminUser,
    authAdminUser: access.authAdminUser,
    roleIdList: access.roleIdList ?? [],
    isDeleted: access.isDeleted ?? false,
  };
}

/** One read call: ListWorkspaceUserRolesByUserId. A failure is returned, never thrown. */
export async function readWorkspaces(
  client: QuickBIClient,
  userId: string,
): Promise<Read<WorkspaceAccess[]>> {
  return readSafely("ListWorkspaceUserRolesByUserId", async () =>
    (await listWorkspaceUserRolesByUserId(client, userId)).workspaces.map(workspaceAccess),
  );
}

/** Runs a read, turning its failure into the line the record keeps. */
export async function readSafely<T>(operation: string, read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    if (error instanceof QuickBIRequestError) {
      return {
        error: `${operation}: ${error.code} (RequestId ${error.requestId ?? "none"})`,
        code: error.code,
      };
    }
    return { error: `${operation}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A preview's residual access and its line, which starts with `when` ("after this") and names `name`. */
export function residualAccess(
  when: string,
  name: string,
  flags: Read<OrganizationFlags>,
  workspaces: Read<readonly WorkspaceAccess[]>,
): ResidualAccess {
  return withLine({ when, name }, flags, workspaces);
}

/** The audit record's residual access and its line. */
export function recordedResidualAccess(
  flags: Read<OrganizationFlags>,
  workspaces: Read<readonly WorkspaceAccess[]>,
): ResidualAccess {
  return withLine("record", flags, workspaces);
}

function withLine(
  voice: Voice,
  flags: Read<OrganizationFlags>,
  workspaces: Read<readonly WorkspaceAccess[]>,
): ResidualAccess {
  const readErrors = [flags, workspaces].flatMap((r) => ("error" in r ? [r.error] : []));
  const line = [workspacePart(voice, workspaces), ...flagParts(voice, flags)].join("; ");
  return {
    summary: voice === "record" ? line : `${voice.when}, ${line}`,
    ...("value" in workspaces ? { workspaces: workspaces.value } : {}),
    ...("value" in flags ? flags.value : {}),
    ...(readErrors.length > 0 ? { readErrors } : {}),
  };
}

/**
 * For the audit record, right after the withdrawal: the flags the lookup of this same `pulumi up`
 * read (WithdrawAllUserGroups does not change them), and one read of the workspaces.
 */
export async function residualAccessAfterWithdrawal(
  client: QuickBIClient,
  userId: string,
  flags: OrganizationFlags | undefined,
): Promise<ResidualAccess> {
  const flagsRead: Read<OrganizationFlags> = flags
    ? { value: flags }
    : { error: "QueryUserInfoByUserId: the user's flags were not read in this update" };
  return recordedResidualAccess(flagsRead, await readWorkspaces(client, userId));
}

/** The two reads residual access is made of, each a value or why it could not be had. */
export interface AccessReads {
  readonly info: Read<UserInfo>;
  readonly workspaces: Read<WorkspaceAccess[]>;
}

/** Both reads, side by side: no one Quick BI read returns both. A failure is returned, never thrown. */
export async function readAccess(client: QuickBIClient, userId: string): Promise<AccessReads> {
  const [info, workspaces] = await Promise.all([
    readSafely("QueryUserInfoByUserId", () => queryUserInfoByUserId(client, userId)),
    readWorkspaces(client, userId),
  ]);
  return { info, workspaces };
}

/** Whether either read said Quick BI no longer knows the user. */
export function isMissing(reads: AccessReads): boolean {
  return [reads.info, reads.workspaces].some(
    (r) => "code" in r && r.code !== undefined && isMissingUserCode(r.code),
  );
}

/** For a refresh: both reads again, since either may have changed since. */
export async function residualAccessNow(
  client: QuickBIClient,
  userId: string,
  reads?: AccessReads,
): Promise<ResidualAccess> {
  const { info, workspaces } = reads ?? (await readAccess(client, userId));
  if (isMissing({ info, workspaces })) return noResidualAccess(`userId ${JSON.stringify(userId)}`);
  return recordedResidualAccess(
    "value" in info ? { value: organizationFlags(info.value) } : info,
    workspaces,
  );
}

/** The record for a user Quick BI does not know (already offboarded, or deleted since): nothing remains. */
export function noResidualAccess(identity: string): ResidualAccess {
  return {
    summary: `Quick BI knows no user with ${identity}: no workspace, role or account remains`,
    workspaces: [],
  };
}

function workspacePart(voice: Voice, workspaces: Read<readonly WorkspaceAccess[]>): string {
  const record = voice === "record";
  if ("error" in workspaces)
    return record
      ? `workspaces unknown (${workspaces.error})`
      : `${voice.name}'s workspaces are unknown (${workspaces.error})`;
  const list = workspaces.value;
  if (list.length === 0) return record ? "in no workspace" : `${voice.name} belongs to no workspace`;
  // The record's line counts them: `workspaces` beside it names each with its role.
  if (record) return `in ${count(list.length, "workspace")}`;
  const shown = list.map((w) => `${w.workspaceName} (${w.roleName})`).join(", ");
  return `${voice.name} still belongs to ${count(list.length, "workspace")}: ${shown}`;
}

function flagParts(voice: Voice, flags: Read<OrganizationFlags>): string[] {
  const record = voice === "record";
  if ("error" in flags)
    return [
      record
        ? `organisation roles and account status unknown (${flags.error})`
        : `${voice.name}'s organisation roles and account status are unknown (${flags.error})`,
    ];
  const { adminUser, authAdminUser, roleIdList, isDeleted } = flags.value;
  const roles = [
    ...(adminUser ? ["organisation admin"] : []),
    ...(authAdminUser ? ["authorisation admin"] : []),
  ];
  const presets: readonly number[] = Object.values(ORGANIZATION_ROLE_IDS);
  const custom = roleIdList.filter((id) => !presets.includes(id));
  const customRoles = `custom organisation role${custom.length === 1 ? "" : "s"} ${custom.join(", ")}`;
  if (record)
    return [
      roles.length === 0 ? "no organisation admin role" : roles.join(" and "),
      ...(custom.length > 0 ? [customRoles] : []),
      isDeleted ? "account deactivated" : "account active",
    ];
  return [
    roles.length === 0
      ? `${voice.name} holds no organisation admin role`
      : `${voice.name} is ${roles.map((r) => `an ${r}`).join(" and ")}`,
    ...(custom.length > 0 ? [`${voice.name} holds ${customRoles}`] : []),
    isDeleted ? "the account is deactivated" : "the account stays active",
  ];
}

/** "1 workspace", "2 workspaces". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** One row of ListWorkspaceUserRolesByUserId as the records keep it. */
export function workspaceAccess(row: WorkspaceUserRole): WorkspaceAccess {
  const role = row.RoleModel ?? {};
  const roleId = role.RoleId === undefined ? "" : String(role.RoleId);
  return {
    workspaceId: row.WorkspaceId,
    workspaceName: row.WorkspaceName,
    roleId,
    roleName: role.RoleName || role.RoleCode || `role ${roleId}`,
  };
}
