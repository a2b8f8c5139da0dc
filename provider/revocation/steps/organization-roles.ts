import { queryUserInfoByUserId, updateUser } from "../../quickbi/operations";
import { ORGANIZATION_ROLE_IDS, organizationFlags } from "../residual-access";
import type { OrganizationRolesStepRecord } from "./record";
import { carried, messageOf, stepError, type StepContext } from "./step";

/** What the person is left with: the common user role, which Quick BI gives when nothing else remains. */
const COMMON_USER_ONLY = [ORGANIZATION_ROLE_IDS.commonUser] as const;

/**
 * Drops every organisation role but the common user's: QueryUserInfoByUserId (the before-state), one
 * UpdateUser `RoleIds=111111113`, then the read again to prove it. Custom organisation roles go too:
 * an offboarding to no access cannot keep a role whose permissions it cannot see, and the record
 * keeps the whole list for an undo. A person who holds nothing more is left alone, with no write.
 */
export async function dropOrganizationRoles(
  context: StepContext,
  previous: OrganizationRolesStepRecord | undefined,
): Promise<OrganizationRolesStepRecord> {
  const { client, userId, now } = context;
  const earlier = carried(previous);
  const history = earlier.history === undefined ? {} : { history: earlier.history };
  // An earlier attempt read the list before its write, which may have been applied: keep that read.
  let roleIdsBefore = earlier.partial?.roleIdsBefore;
  try {
    const now0 = roleIdsOf(await queryUserInfoByUserId(client, userId));
    roleIdsBefore ??= now0;
    if (!holdsMore(now0)) {
      return { status: "done", roleIdsBefore, roleIdsAfter: now0, ...history };
    }
    const { requestId } = await updateUser(client, userId, { RoleIds: COMMON_USER_ONLY });
    const changedAt = now().toISOString();
    const roleIdsAfter = roleIdsOf(await queryUserInfoByUserId(client, userId));
    if (holdsMore(roleIdsAfter)) {
      throw stepError(
        "UpdateUser",
        userId,
        `RoleIdList is still ${roleIdsAfter.join(", ")} (RequestId ${requestId})`,
      );
    }
    return { status: "done", roleIdsBefore, roleIdsAfter, requestId, changedAt, ...history };
  } catch (error) {
    return {
      status: "incomplete",
      ...(roleIdsBefore === undefined ? {} : { roleIdsBefore }),
      error: messageOf(error),
      ...history,
    };
  }
}

/** The roles the person holds, from RoleIdList and the deprecated flags Quick BI still answers. */
export function roleIdsOf(info: Parameters<typeof organizationFlags>[0]): number[] {
  const { adminUser, authAdminUser, roleIdList } = organizationFlags(info);
  const ids = new Set(roleIdList);
  if (adminUser) ids.add(ORGANIZATION_ROLE_IDS.admin);
  if (authAdminUser) ids.add(ORGANIZATION_ROLE_IDS.authAdmin);
  return [...ids];
}

/** Whether the person holds any organisation role besides the common user's: what the step removes. */
export function holdsMore(roleIds: readonly number[]): boolean {
  return roleIds.some((id) => id !== ORGANIZATION_ROLE_IDS.commonUser);
}
