/**
 * What the standalone emulator prints when it starts: where it listens, who it holds (each seeded
 * person with their groups and workspaces, so that a user can tell which userId or account to offboard
 * and see the effect), the faults, and the test AccessKey with the commands that point a stack at it.
 */
import type { QuickBIEmulator } from "./emulator";
import type { FaultPlan } from "./faults";
import { WORKSPACE_ROLES, type EmulatorState, type User } from "./model";

/** Where the emulator's state and faults came from, as the banner says it. */
export interface Loaded {
  readonly seed: string | undefined;
  readonly faultsFile: string | undefined;
  readonly faults: FaultPlan;
}

/** The most people the banner names; a larger seed ends with how many more there are. */
const PEOPLE_SHOWN = 20;

/** What to tell a person who just started the emulator. Printing the test pair is the point. */
export function banner(emulator: QuickBIEmulator, loaded: Loaded, requestLog: boolean): string {
  const state = emulator.state();
  const { users, groups, memberships, workspaces } = state;
  return `Quick BI emulator (OpenAPI 2022-01-01) listening on ${emulator.url}
Seed:   ${loaded.seed ?? "the built-in seed"} (${users.length} users, ${groups.length} user groups, ${memberships.length} memberships, ${workspaces.length} workspaces)
${people(state)}
Faults: ${faults(loaded)}

Test AccessKey (accepted only by this emulator):
  AccessKeyId:     ${emulator.accessKeyId}
  AccessKeySecret: ${emulator.accessKeySecret}

Point a stack at it (any language; every command, refresh included):
  pulumi config set quickbi:endpoint ${emulator.url}
  pulumi config set --secret quickbi:accessKey ${emulator.accessKeyId}
  pulumi config set --secret quickbi:secretKey ${emulator.accessKeySecret}
or set the environment:
  export QUICKBI_ENDPOINT=${emulator.url}
  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.accessKeyId}
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.accessKeySecret}

${requestLog ? "Each call answered is printed below, one line each (--no-request-log turns this off)." : "Calls are not printed (--no-request-log)."}
Press Ctrl-C to stop.`;
}

/**
 * One line per seeded person: `alice (Alice Wang) userId 46e5… account 1234…: groups Finance, Sales;
 * workspaces Sales (admin); organisation admin`.
 */
function people(state: EmulatorState): string {
  const groupName = new Map(state.groups.map((g) => [g.usergroupId, g.usergroupName]));
  const workspaceName = new Map(state.workspaces.map((w) => [w.workspaceId, w.workspaceName]));
  const lines = state.users.slice(0, PEOPLE_SHOWN).map((user) => {
    const groups = state.memberships
      .filter((m) => m.userId === user.userId)
      .map((m) => groupName.get(m.usergroupId) ?? m.usergroupId);
    const workspaces = state.workspaceMembers
      .filter((m) => m.userId === user.userId)
      .map(
        (m) => `${workspaceName.get(m.workspaceId) ?? m.workspaceId} (${WORKSPACE_ROLES[m.roleId].roleCode})`,
      );
    const facts = [
      `groups ${groups.length > 0 ? groups.join(", ") : "none"}`,
      ...(workspaces.length > 0 ? [`workspaces ${workspaces.join(", ")}`] : []),
      ...roles(user),
    ];
    return `  ${user.accountName} (${user.nickName}) userId ${user.userId} account ${user.accountId}: ${facts.join("; ")}`;
  });
  const more = state.users.length - PEOPLE_SHOWN;
  return ["People:", ...lines, ...(more > 0 ? [`  … and ${more} more`] : [])].join("\n");
}

function roles(user: User): string[] {
  return [
    ...(user.adminUser ? ["organisation admin"] : []),
    ...(user.authAdminUser ? ["permission admin"] : []),
    ...(user.isDeleted ? ["deactivated"] : []),
  ];
}

function faults(loaded: Loaded): string {
  if (loaded.faultsFile === undefined) return "none";
  const rules = loaded.faults.rules ?? [];
  return `${loaded.faultsFile} (${[
    `${rules.length} rule${rules.length === 1 ? "" : "s"}${rules.length > 0 ? `: ${rules.map(describeRule).join(", ")}` : ""}`,
    ...(loaded.faults.qps !== undefined ? [`quota ${loaded.faults.qps} requests/s`] : []),
  ].join("; ")})`;
}

/** `throttle on WithdrawAllUserGroups ×2` */
function describeRule(rule: NonNullable<FaultPlan["rules"]>[number]): string {
  return [
    rule.fault,
    ...(rule.action !== undefined ? [`on ${rule.action}`] : []),
    ...(rule.userId !== undefined ? [`for ${rule.userId}`] : []),
    ...(rule.times !== undefined ? [`×${rule.times}`] : []),
  ].join(" ");
}
