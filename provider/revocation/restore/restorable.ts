/**
 * What a restore puts back, item by item: from the resource's record (the state's outputs: every
 * withdrawal's groups, the workspaces removed with their role, the roles and the account's state
 * before), and, for the preview, from the offboarding's own previewed impact kept in the inputs.
 * `check` sees only inputs, so the preview plans from the impact; `diff`, which sees the record,
 * refuses a preview whose plan is not exactly the record's (see lifecycle.ts).
 */
import type { GroupRecord } from "../audit";
import type { Impact } from "../impact";
import type { RevocationOutputs } from "../outputs";
import type { WorkspaceAccess } from "../residual-access";
import { holdsMore } from "../steps/organization-roles";
import { describeSubject } from "../subject";
import type { NotRestored } from "./record";

/** Everything a restore would put back, and what it must refuse because the before-state is unknown. */
export interface Restorable {
  /** Whom it is about, as the offboarding's preview named them: "alice (Alice Wang)". */
  readonly who?: string;
  /** The Quick BI UserId the offboarding resolved. */
  readonly userId?: string;
  readonly groups: readonly Pick<GroupRecord, "id" | "name">[];
  readonly workspaces: readonly WorkspaceAccess[];
  /** The organisation roles held before, when the offboarding took some away. */
  readonly roleIds?: readonly number[];
  /** Whether the offboarding deactivated an account it read as active. */
  readonly reactivate: boolean;
  /** Items whose before-state was recorded as unknown: refused, named, never guessed. */
  readonly refused: readonly NotRestored[];
}

/**
 * `restorable` as the inputs keep it: what is empty or false is left out, and so is `userId` when the
 * inputs give the same one. The state keeps this for every person offboarded, in every later
 * version of the inputs, so each byte is paid ten thousand times (docs/performance.md); older
 * releases wrote every field, which {@link restorableKept} reads as well.
 */
export type KeptRestorable = Partial<Restorable>;

/** `restorable` to keep in the inputs of a revocation whose inputs give `inputsUserId`. */
export function keptRestorable(restorable: Restorable, inputsUserId: string | undefined): KeptRestorable {
  const { who, userId, groups, workspaces, roleIds, reactivate, refused } = restorable;
  return {
    ...(who !== undefined ? { who } : {}),
    ...(userId !== undefined && userId !== inputsUserId ? { userId } : {}),
    ...(groups.length > 0 ? { groups } : {}),
    ...(workspaces.length > 0 ? { workspaces } : {}),
    ...(roleIds ? { roleIds } : {}),
    ...(reactivate ? { reactivate } : {}),
    ...(refused.length > 0 ? { refused } : {}),
  };
}

/** The whole `restorable` from what the inputs keep (this release's form or an older one's). */
export function restorableKept(kept: KeptRestorable, inputsUserId: string | undefined): Restorable {
  const userId = kept.userId ?? inputsUserId;
  return {
    ...(kept.who !== undefined ? { who: kept.who } : {}),
    ...(userId !== undefined ? { userId } : {}),
    groups: kept.groups ?? [],
    workspaces: kept.workspaces ?? [],
    ...(kept.roleIds ? { roleIds: kept.roleIds } : {}),
    reactivate: kept.reactivate ?? false,
    refused: kept.refused ?? [],
  };
}

/** From the record: what this resource removed since its last restore (every withdrawal and step run). */
export function restorableOfRecord(outs: RevocationOutputs): Restorable {
  const since = outs.restores?.at(-1)?.requestedAt ?? "";
  const withdrawals = [...(outs.history ?? []), outs].filter((w) => w.withdrawnAt > since);
  const groups = uniqueBy(
    withdrawals.flatMap((w) => w.groupsRemoved ?? []),
    (g) => g.id,
  ).map(({ id, name }) => ({ id, name }));
  const steps = outs.steps ?? {};
  const workspaceRuns = steps.workspaces ? [...(steps.workspaces.history ?? []), steps.workspaces] : [];
  const workspaces = uniqueBy(
    workspaceRuns.flatMap((run) => run.removed.filter((r) => r.removedAt > since)),
    (w) => w.workspaceId,
  ).map(({ workspaceId, workspaceName, roleId, roleName }) => ({
    workspaceId,
    workspaceName,
    roleId,
    roleName,
  }));
  const refused: NotRestored[] = workspaces
    .filter((w) => w.roleId === "")
    .map((w) => ({
      kind: "workspace",
      item: w.workspaceName,
      reason: "the role held there was recorded as unknown",
    }));
  const roles = steps.organizationRoles;
  // The earliest before-state since the last restore: a re-run after drift read the drifted roles.
  const roleRuns = roles ? [...(roles.history ?? []), roles] : [];
  const rolesRun = roleRuns.find((r) => (r.changedAt ?? "") > since) ?? (since === "" ? roles : undefined);
  let roleIds: readonly number[] | undefined;
  if (rolesRun && rolesRun.roleIdsBefore === undefined && rolesRun.status !== "not-run")
    refused.push({
      kind: "organizationRoles",
      item: "organisation roles",
      reason: "the roles held before the offboarding were not read before its write: unknown",
    });
  else if (rolesRun?.roleIdsBefore && holdsMore(rolesRun.roleIdsBefore)) roleIds = rolesRun.roleIdsBefore;
  const account = steps.account;
  const accountRuns = account ? [...(account.history ?? []), account] : [];
  const accountRun =
    accountRuns.find((r) => (r.deactivatedAt ?? "") > since) ?? (since === "" ? account : undefined);
  if (accountRun?.previousStateUnknown)
    refused.push({
      kind: "account",
      item: "the account",
      reason: `its state before the offboarding was recorded as unknown (${accountRun.previousStateUnknown})`,
    });
  return {
    groups,
    workspaces: workspaces.filter((w) => w.roleId !== ""),
    ...(roleIds ? { roleIds } : {}),
    reactivate: accountRun?.previousState === "active",
    refused,
  };
}

/** From the offboarding's previewed impact (kept in the inputs): what it said it would take away. */
export function restorableOfImpact(impact: Impact | undefined): Restorable | undefined {
  if (impact?.status !== "known") return undefined;
  const steps = new Map((impact.steps ?? []).map((s) => [s.step, s]));
  const roleIds = steps.get("organizationRoles")?.roleIds;
  const account = steps.get("account");
  // Already deactivated when previewed: the offboarding leaves it so and records its earlier state as unknown.
  const refused: NotRestored[] =
    account?.isDeleted === true
      ? [
          {
            kind: "account",
            item: "the account",
            reason: "it was already deactivated before this offboarding",
          },
        ]
      : [];
  return {
    who: describeSubject(impact.user),
    userId: impact.user.userId,
    groups: impact.groups,
    workspaces: steps.get("workspaces")?.workspaces ?? [],
    ...(roleIds && holdsMore(roleIds) ? { roleIds } : {}),
    reactivate: account !== undefined && account.isDeleted !== true,
    refused,
  };
}

/**
 * How the record differs from what the preview planned, one phrase each; empty when they agree.
 * Compared by id (and role), the way the writes are made, leaving out the groups and workspaces the
 * preview found deleted (`gone`): neither can give them back. A group deleted before an earlier restore
 * is in the offboarding's plan and in no later withdrawal.
 */
export function differences(
  record: Restorable,
  planned: Restorable,
  gone: ReadonlySet<string> = new Set(),
): string[] {
  const ids = (r: Restorable) =>
    r.groups
      .map((g) => g.id)
      .filter((id) => !gone.has(id))
      .sort();
  const spaces = (r: Restorable) =>
    r.workspaces
      .filter((w) => !gone.has(w.workspaceId))
      .map((w) => `${w.workspaceId}:${w.roleId}`)
      .sort();
  const roles = (r: Restorable) => [...(r.roleIds ?? [])].sort().join(",");
  const found: string[] = [];
  if (ids(record).join() !== ids(planned).join())
    found.push(`user groups: the record says ${names(record.groups.map((g) => g.name))}`);
  if (spaces(record).join() !== spaces(planned).join())
    found.push(
      `workspaces: the record says ${names(record.workspaces.map((w) => `${w.workspaceName} (${w.roleName})`))}`,
    );
  if (roles(record) !== roles(planned))
    found.push(`organisation roles: the record says ${roles(record) || "none were taken"}`);
  if (record.reactivate !== planned.reactivate)
    found.push(`account: the record says it was ${record.reactivate ? "" : "not "}deactivated from active`);
  const kinds = (r: Restorable) =>
    r.refused
      .map((n) => n.kind)
      .sort()
      .join();
  if (kinds(record) !== kinds(planned))
    for (const refused of record.refused) found.push(`${refused.item}: ${refused.reason}`);
  return found;
}

/** Both, as one: what either says was taken (a scope widened later adds its steps to the first plan). */
export function merged(first: Restorable | undefined, then: Restorable | undefined): Restorable | undefined {
  if (!first || !then) return first ?? then;
  return {
    ...(first.who ? { who: first.who } : {}),
    ...(first.userId ? { userId: first.userId } : {}),
    groups: uniqueBy([...first.groups, ...then.groups], (g) => g.id),
    workspaces: uniqueBy([...first.workspaces, ...then.workspaces], (w) => w.workspaceId),
    ...(first.roleIds || then.roleIds ? { roleIds: first.roleIds ?? then.roleIds } : {}),
    reactivate: first.reactivate || then.reactivate,
    refused: uniqueBy([...first.refused, ...then.refused], (n) => n.kind + (n.id ?? "")),
  };
}

function names(list: readonly string[]): string {
  return list.length === 0 ? "none" : list.join(", ");
}

function uniqueBy<T>(list: readonly T[], key: (item: T) => string): T[] {
  // The latest entry wins: a workspace removed twice keeps the role it was last removed with.
  return [...new Map(list.map((item) => [key(item), item])).values()];
}
