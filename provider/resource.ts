import * as pulumi from "@pulumi/pulumi";
import { unknownConfigKeyProblems } from "./config/unknown-keys";
import { dynamicResourceType, withProvider } from "./dynamic/dynamic-resource";
import type { Integer } from "./integer";
import { skipPromiseDebugStacks } from "./promise-debug-stacks";
import type { GroupRecord, WithdrawalRecord } from "./revocation/audit";
import type { OnMissingUser } from "./revocation/inputs";
import type { Outcome, RevocationOutputs } from "./revocation/outputs";
import type { ScopeStep } from "./revocation/scope";
import type { RestoreRecord } from "./revocation/restore/record";
import type { StepsRecord } from "./revocation/steps/record";

export type {
  GroupRecord as QuickBIGroupRecord,
  WithdrawalRecord as QuickBIWithdrawalRecord,
  StepsRecord as QuickBIStepsRecord,
  ScopeStep as QuickBIScopeStep,
  RestoreRecord as QuickBIRestoreRecord,
};

/** One workspace the user still belongs to directly, after the withdrawal. */
export interface QuickBIWorkspaceAccess {
  /** The workspace's id. */
  readonly workspaceId: string;
  /** The workspace's name. */
  readonly workspaceName: string;
  /** RoleModel.RoleId: 25 admin, 26 developer, 27 analyst, 30 viewer, or a custom role's id. */
  readonly roleId: string;
  /** The role's name. */
  readonly roleName: string;
}

/** What WithdrawAllUserGroups leaves in place. A field is absent when it could not be read. */
export interface QuickBIResidualAccess {
  /** One line: "in 2 workspaces; organisation admin; account active", the workspaces named in `workspaces` (up to 0.2.0: "after the withdrawal, alice still belongs to …"). */
  readonly summary: string;
  /** Workspaces the user still belongs to directly, with the role held there. */
  readonly workspaces?: QuickBIWorkspaceAccess[];
  /** An organisation admin (AdminUser, or RoleIdList holds 111111111). */
  readonly adminUser?: boolean;
  /** An authorisation admin (AuthAdminUser, or RoleIdList holds 111111112). */
  readonly authAdminUser?: boolean;
  /** The user's organisation roles (RoleIdList). */
  readonly roleIdList?: Integer[];
  /** Quick BI's IsDeleted: false means the account stays active. */
  readonly isDeleted?: boolean;
  /** The reads that failed, with the Quick BI code and RequestId. */
  readonly readErrors?: string[];
}

/** Why, and under which ticket, a mistaken offboarding is undone. Give at least one of the two. */
export interface QuickBIRestore {
  /** The ticket that authorises putting the access back (HR, access review). */
  readonly ticket?: string;
  /** Why: a typo in the people file, a rehire, a reversed decision. */
  readonly reason?: string;
}

/** Inputs of {@link QuickBIUserGroupRevocation}. Give exactly one of `userId` and `account`. */
export interface QuickBIUserGroupRevocationArgs {
  /**
   * The Quick BI UserId of the person to offboard: the id Quick BI shows in member management (32 hex
   * characters), not the Alibaba Cloud account UID; 1–64 characters of `A-Z a-z 0-9 - _`. Changing it
   * replaces the resource, i.e. offboards that other user.
   * @default - none; give this or `account`
   * @example "46e5374665ba4b679ee22e2a2927abcd"
   */
  readonly userId?: pulumi.Input<string>;
  /**
   * The person's Alibaba Cloud account name (for a RAM user, the part before "@") or account UID,
   * resolved to the Quick BI UserId with QueryUserInfoByAccount. Changing it replaces the resource.
   * @default - none; give this or `userId`
   * @example "alice"
   */
  readonly account?: pulumi.Input<string>;
  /**
   * The main account name a RAM user `account` belongs to, passed to QueryUserInfoByAccount.
   * @default - none
   */
  readonly parentAccountName?: pulumi.Input<string>;
  /**
   * The region of the Quick BI organisation. Changing it replaces the resource.
   * @default - `quickbi:region`, then `alicloud:region`, then env `ALIBABA_CLOUD_REGION_ID`,
   * `ALIBABA_CLOUD_REGION`, `ALICLOUD_REGION`, then `cn-hangzhou`
   */
  readonly region?: pulumi.Input<string>;
  /**
   * The OpenAPI endpoint: a host, or a URL with `http`/`https` (the emulator). Changing only the
   * endpoint changes nothing: the state keeps the endpoint the withdrawal used.
   * @default - `quickbi:endpoint`, then env `QUICKBI_ENDPOINT`, then `quickbi-public.<region>.aliyuncs.com`
   * @example "http://127.0.0.1:8080"
   */
  readonly endpoint?: pulumi.Input<string>;
  /**
   * Any change to these values runs the withdrawal again (a replacement), as in Pulumi's Command provider.
   * @default - none
   */
  readonly triggers?: pulumi.Input<unknown[]>;
  /**
   * Why the person is offboarded, recorded in the audit outputs (one line, at most 256 characters).
   * @default - none
   * @example "Left the company on 2026-11-30"
   */
  readonly reason?: pulumi.Input<string>;
  /**
   * The ticket that authorised it (HR, access review), recorded in the audit outputs.
   * @default - none
   * @example "HR-4711"
   */
  readonly ticket?: pulumi.Input<string>;
  /**
   * What to do when Quick BI does not know the user (User.Not.In.Organization, ApiUser.Not.Exists):
   * `fail` reports it at preview and fails; `succeed` records the person as already offboarded.
   * @default "fail"
   */
  readonly onMissingUser?: pulumi.Input<OnMissingUser>;
  /**
   * Whether a preview whose impact cannot be read (credentials, permission, endpoint) fails instead of
   * passing with "impact unknown". Changing it changes nothing in Quick BI.
   * @default - stack config `quickbi:strictPreview`, then true
   * @example false
   */
  readonly strictPreview?: pulumi.Input<boolean>;
  /**
   * How far the offboarding goes beyond the user groups, which are always withdrawn: `workspaces`
   * (DeleteUserFromWorkspace for each direct membership), `organizationRoles` (UpdateUser RoleIds to
   * the common user role only: admin, permission admin and custom roles go), `account` (UpdateUser
   * IsDeleted=true, a deactivation Quick BI can undo; never DeleteUser). Each step is previewed,
   * recorded in `steps` with its RequestId and what it removed, and checked for drift by refresh.
   * Changing it runs the new steps (an update, not a replacement).
   * @default - stack config `quickbi:scope`, then ["groups"]
   * @example ["groups", "workspaces", "organizationRoles", "account"]
   */
  readonly scope?: pulumi.Input<ScopeStep[]>;
  /**
   * Undo this offboarding as a reviewed change: put back what the record says was removed (the user
   * groups, each workspace with its role, the organisation roles, the account), named in the preview
   * with whatever can no longer be put back (a group or workspace deleted since). Removing it offboards
   * the person again. Either is an update, never a replacement; `restores` and `history` keep every
   * restore and every withdrawal.
   * @default - none: the person stays offboarded
   * @example { ticket: "HR-4712", reason: "offboarded by mistake: a typo in people.yaml" }
   */
  readonly restore?: pulumi.Input<QuickBIRestore>;
  /**
   * Where a people list names this person, for messages (`people.yaml:7`); QuickBIOffboarding sets it.
   * @default - none
   */
  readonly listedAt?: pulumi.Input<string>;
}

/**
 * Every output, passed as undefined so that the engine wires it to the class's output property even
 * when no input of that name is given (the typecheck fails if one is missing). The inputs follow.
 */
const OUTPUTS = {
  userId: undefined,
  account: undefined,
  parentAccountName: undefined,
  accountName: undefined,
  displayName: undefined,
  outcome: undefined,
  onMissingUser: undefined,
  requestId: undefined,
  withdrawnAt: undefined,
  groupsRemoved: undefined,
  currentGroups: undefined,
  checkedAt: undefined,
  history: undefined,
  residualAccess: undefined,
  scope: undefined,
  steps: undefined,
  restore: undefined,
  restores: undefined,
  reason: undefined,
  ticket: undefined,
  region: undefined,
  endpoint: undefined,
  triggers: undefined,
} as const satisfies Record<keyof RevocationOutputs, undefined>;

/**
 * The outputs that are an input as given and nothing else: the provider writes each from the input
 * of the same name, never from Quick BI or a default. When the program leaves one unset, its output is
 * undefined in every state the provider writes, so it is not registered: the SDK makes four promises
 * and an Output for each registered property, which at ten thousand people is most of what the
 * program's memory and garbage collection cost (docs/performance.md). It reads as a known undefined.
 */
const ECHOED_WHEN_GIVEN = [
  "account",
  "parentAccountName",
  "reason",
  "ticket",
  "triggers",
  "restore",
] as const satisfies readonly (keyof RevocationOutputs & keyof QuickBIUserGroupRevocationArgs)[];

/** What an output of {@link ECHOED_WHEN_GIVEN} reads when its input is unset: one Output shared by all. */
const UNSET: pulumi.Output<undefined> = pulumi.output(undefined);

/** The outputs to register for `args`: every one, except those echoing an input left unset. */
function outputsToRegister(args: QuickBIUserGroupRevocationArgs): Partial<typeof OUTPUTS> {
  const outputs: Partial<Record<keyof typeof OUTPUTS, undefined>> = { ...OUTPUTS };
  for (const key of ECHOED_WHEN_GIVEN) if (args[key] === undefined) delete outputs[key];
  return outputs;
}

/**
 * Removes a Quick BI user from every user group with WithdrawAllUserGroups, verifies it, and keeps
 * an audit record. `pulumi preview` shows who will leave which groups; `pulumi refresh` notices a user
 * added back to a group, and the next `pulumi up` withdraws again.
 *
 * Never undone by accident: destroying this resource, or removing it from the program, does not give
 * the user their groups back. `restore` does, as a reviewed change, from the record.
 *
 * @example
 * new QuickBIUserGroupRevocation("offboard-alice", { userId: "46e5374665ba4b679ee22e2a2927abcd", ticket: "HR-4711" });
 */
export class QuickBIUserGroupRevocation extends pulumi.CustomResource {
  /** The Quick BI UserId, given or resolved from `account`. */
  declare readonly userId: pulumi.Output<string>;
  /** As given. */
  declare readonly account: pulumi.Output<string | undefined>;
  /** As given. */
  declare readonly parentAccountName: pulumi.Output<string | undefined>;
  /** The user's account name, when Quick BI knew the user. */
  declare readonly accountName: pulumi.Output<string | undefined>;
  /** The user's Quick BI display name (NickName), when Quick BI knew the user. */
  declare readonly displayName: pulumi.Output<string | undefined>;
  /** `withdrawn`, or `already-offboarded` (Quick BI did not know the user and onMissingUser is "succeed"). */
  declare readonly outcome: pulumi.Output<Outcome>;
  /** As given, or `fail`. */
  declare readonly onMissingUser: pulumi.Output<OnMissingUser>;
  /** RequestId of the successful WithdrawAllUserGroups call: the proof to quote in an audit. */
  declare readonly requestId: pulumi.Output<string>;
  /** When the withdrawal succeeded, ISO-8601 UTC. */
  declare readonly withdrawnAt: pulumi.Output<string>;
  /** The groups the user was in just before the withdrawal. */
  declare readonly groupsRemoved: pulumi.Output<GroupRecord[]>;
  /** The groups the user is in as of `checkedAt`: empty unless someone added them back (drift). */
  declare readonly currentGroups: pulumi.Output<GroupRecord[]>;
  /** When `currentGroups` was last established: verified after the withdrawal, or changed by `pulumi refresh`. */
  declare readonly checkedAt: pulumi.Output<string>;
  /** Earlier withdrawals of this resource, oldest first. */
  declare readonly history: pulumi.Output<WithdrawalRecord[]>;
  /**
   * The access WithdrawAllUserGroups leaves in place: workspaces with their roles, organisation admin
   * flags, whether the account stays active; as of the withdrawal or the last refresh that changed it.
   */
  declare readonly residualAccess: pulumi.Output<QuickBIResidualAccess | undefined>;
  /** The scope taken, when wider than the groups. */
  declare readonly scope: pulumi.Output<ScopeStep[] | undefined>;
  /**
   * The record of each step beyond the groups (`workspaces`, `organizationRoles`, `account`): its
   * status (done, incomplete, not-run), what it removed with the RequestId and time of each write,
   * drift a refresh found (`current`) and earlier records (`history`). Its shape is
   * QuickBIStepsRecord in the TypeScript package.
   */
  declare readonly steps: pulumi.Output<unknown | undefined>;
  /** The restore in force, as asked for; absent while the person is offboarded. */
  declare readonly restore: pulumi.Output<QuickBIRestore | undefined>;
  /**
   * Every restore, oldest first: each write with its RequestId and time, read back; what could not be
   * put back, and why. Its shape is QuickBIRestoreRecord in the TypeScript package.
   */
  declare readonly restores: pulumi.Output<unknown[] | undefined>;
  /** As given. */
  declare readonly reason: pulumi.Output<string | undefined>;
  /** As given. */
  declare readonly ticket: pulumi.Output<string | undefined>;
  /** The region actually used. */
  declare readonly region: pulumi.Output<string>;
  /** The endpoint actually used, as a URL. */
  declare readonly endpoint: pulumi.Output<string>;
  /** As given. */
  declare readonly triggers: pulumi.Output<unknown[] | undefined>;

  constructor(name: string, args: QuickBIUserGroupRevocationArgs, opts?: pulumi.CustomResourceOptions) {
    refuseUnknownConfigKeys();
    // A preview of thousands of people: see promise-debug-stacks.ts for what this skips and keeps.
    const restoreStacks = skipPromiseDebugStacks();
    try {
      const props = withProvider("provider-runtime", { ...outputsToRegister(args), ...args });
      super(dynamicResourceType("UserGroupRevocation"), name, props, opts);
    } finally {
      restoreStacks();
    }
    const self = this as unknown as Record<string, unknown>;
    for (const key of ECHOED_WHEN_GIVEN) if (args[key] === undefined) self[key] = UNSET;
  }
}

/**
 * Fails the program when the stack config has a `quickbi:*` key the package does not know: the
 * dynamic provider's `configure` can read keys but not list them, the program can
 * (`pulumi.runtime.allConfig`). See provider/config/known-keys.ts.
 */
function refuseUnknownConfigKeys(): void {
  const problems = unknownConfigKeyProblems(Object.keys(pulumi.runtime.allConfig()));
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
