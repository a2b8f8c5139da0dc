import * as pulumi from "@pulumi/pulumi";
import * as revocationProvider from "./dynamic/runtime";
import type { GroupRecord, WithdrawalRecord } from "./revocation/audit";
import type { RevocationOutputs } from "./revocation/outputs";

export type { GroupRecord as QuickBIGroupRecord, WithdrawalRecord as QuickBIWithdrawalRecord };

/** Inputs of {@link QuickBIUserGroupRevocation}. Give exactly one of `userId` and `account`. */
export interface QuickBIUserGroupRevocationArgs {
  /**
   * The Quick BI UserId of the person to offboard: the id Quick BI shows in member management, not
   * the Alibaba Cloud account UID. Changing it replaces the resource, i.e. offboards that other user.
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
  readonly onMissingUser?: pulumi.Input<"fail" | "succeed">;
}

/**
 * Removes a Quick BI user from every user group with WithdrawAllUserGroups, verifies it, and keeps
 * an audit record. `pulumi preview` shows who will leave which groups; `pulumi refresh` notices a user
 * added back to a group, and the next `pulumi up` withdraws again.
 *
 * Irreversible: destroying this resource, or removing it from the program, does not give the user
 * their groups back (the record in `groupsRemoved` says how to, by hand).
 *
 * @example
 * new QuickBIUserGroupRevocation("offboard-alice", { userId: "46e5374665ba4b679ee22e2a2927abcd", ticket: "HR-4711" });
 */
export class QuickBIUserGroupRevocation extends pulumi.dynamic.Resource {
  /** The Quick BI UserId, given or resolved from `account`. */
  declare readonly userId: pulumi.Output<string>;
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly parentAccountName: pulumi.Output<string | undefined>;
  /** The user's account name, when Quick BI knew the user. */
  declare readonly accountName: pulumi.Output<string | undefined>;
  /** The user's Quick BI display name (NickName), when Quick BI knew the user. */
  declare readonly displayName: pulumi.Output<string | undefined>;
  /** `withdrawn`, or `already-offboarded` (Quick BI did not know the user and onMissingUser is "succeed"). */
  declare readonly outcome: pulumi.Output<"withdrawn" | "already-offboarded">;
  declare readonly onMissingUser: pulumi.Output<"fail" | "succeed">;
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
  declare readonly reason: pulumi.Output<string | undefined>;
  declare readonly ticket: pulumi.Output<string | undefined>;
  /** The region actually used. */
  declare readonly region: pulumi.Output<string>;
  /** The endpoint actually used, as a URL. */
  declare readonly endpoint: pulumi.Output<string>;
  declare readonly triggers: pulumi.Output<unknown[] | undefined>;

  constructor(name: string, args: QuickBIUserGroupRevocationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      revocationProvider,
      name,
      {
        userId: args.userId,
        account: args.account,
        parentAccountName: args.parentAccountName,
        region: args.region,
        endpoint: args.endpoint,
        triggers: args.triggers,
        reason: args.reason,
        ticket: args.ticket,
        onMissingUser: args.onMissingUser,
        // Output-only keys are passed as undefined so that the engine wires them to the outputs.
        accountName: undefined,
        displayName: undefined,
        outcome: undefined,
        requestId: undefined,
        withdrawnAt: undefined,
        groupsRemoved: undefined,
        currentGroups: undefined,
        checkedAt: undefined,
        history: undefined,
      } satisfies Record<keyof RevocationOutputs, unknown>,
      opts,
      "quickbi",
      "UserGroupRevocation",
    );
  }
}
