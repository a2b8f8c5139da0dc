/**
 * How far an offboarding goes. `groups` (WithdrawAllUserGroups) is always done: it is the contract of
 * every revocation made before `scope` existed, and the default. The other steps are opt-in, each a
 * separate write with its own RequestId in the record, run in this order:
 * - `workspaces`: DeleteUserFromWorkspace for each direct membership;
 * - `organizationRoles`: UpdateUser `RoleIds=111111113` (common user), dropping the organisation and
 *   permission admin roles and any custom organisation role;
 * - `account`: UpdateUser `IsDeleted=true`, a deactivation Quick BI can undo (never DeleteUser).
 */
import { DEFAULTS } from "../config/defaults";
import { STACK_CONFIG_KEYS, type StackConfig } from "../config/stack-config";
import { describe, UNKNOWN } from "./inputs";

/** A step of an offboarding's scope; `groups` is always done. */
export const ScopeStep = {
  /** WithdrawAllUserGroups: every user group (always done). */
  Groups: "groups",
  /** DeleteUserFromWorkspace for each direct workspace membership. */
  Workspaces: "workspaces",
  /** UpdateUser RoleIds=111111113: the organisation admin, permission admin and custom organisation roles go. */
  OrganizationRoles: "organizationRoles",
  /** UpdateUser IsDeleted=true: deactivated, which Quick BI can undo (never DeleteUser). */
  Account: "account",
} as const;
export type ScopeStep = (typeof ScopeStep)[keyof typeof ScopeStep];

/** Every step, in the order an offboarding takes them. */
export const SCOPE_STEPS: readonly ScopeStep[] = Object.values(ScopeStep);

/** The steps beyond the user groups: those with a record of their own in `steps`. */
export type ExtraStep = Exclude<ScopeStep, "groups">;

/** A resolved scope: known steps, in {@link SCOPE_STEPS} order, `groups` first. */
export type Scope = readonly ScopeStep[];

const ALLOWED = `allowed: a list of ${SCOPE_STEPS.map((s) => JSON.stringify(s)).join(", ")} ("groups" is always done)`;

/** Why a `scope` input cannot be used, or undefined. Unknown values (preview) are not judged. */
export function scopeFailure(value: unknown): string | undefined {
  if (value === undefined || value === UNKNOWN) return undefined;
  if (!Array.isArray(value)) return `scope must be a list; received ${describe(value)}; ${ALLOWED}`;
  return listFailure(value, "scope");
}

function listFailure(list: readonly unknown[], name: string): string | undefined {
  const seen = new Set<unknown>();
  for (const [i, step] of list.entries()) {
    if (step === UNKNOWN) continue;
    if (!SCOPE_STEPS.includes(step as ScopeStep)) return `${name}[${i}] is ${describe(step)}; ${ALLOWED}`;
    if (seen.has(step)) return `${name} lists ${JSON.stringify(step)} twice; ${ALLOWED}`;
    seen.add(step);
  }
  return undefined;
}

/**
 * The scope a revocation takes: its `scope` input, else stack config `quickbi:scope` (a JSON list or
 * comma-separated names), else {@link DEFAULTS}.scope. A malformed stack value is an error naming its key.
 */
export function resolveScope(input: unknown, config: StackConfig): Scope {
  if (Array.isArray(input)) return normalize(input);
  const text = config.scope?.trim() ?? DEFAULTS.scope;
  const list = text.startsWith("[") ? parseJson(text) : text.split(",").map((s) => s.trim());
  const failure = Array.isArray(list) ? listFailure(list, STACK_CONFIG_KEYS.scope) : "it is not a list";
  if (failure) {
    throw new Error(
      `Stack config ${STACK_CONFIG_KEYS.scope} is ${JSON.stringify(config.scope)}: ${failure}. ` +
        `Fix it with \`pulumi config set ${STACK_CONFIG_KEYS.scope} groups,workspaces,organizationRoles,account\` (or fewer).`,
    );
  }
  return normalize(list as unknown[]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function normalize(list: readonly unknown[]): Scope {
  return SCOPE_STEPS.filter((step) => step === "groups" || list.includes(step));
}

/** Whether the scope goes beyond the user groups. */
export function isWiderThanGroups(scope: Scope): boolean {
  return scope.length > 1;
}

/** The steps of `scope` beyond the groups. */
export function extraSteps(scope: Scope): ExtraStep[] {
  return scope.filter((step): step is ExtraStep => step !== "groups");
}

/** The scope a record was made with: absent in records of the default scope and of earlier releases. */
export function recordedScope(recorded: readonly ScopeStep[] | undefined): Scope {
  return normalize(recorded ?? []);
}
