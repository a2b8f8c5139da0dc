import * as pulumi from "@pulumi/pulumi";
import * as revocationProvider from "./dynamic/runtime";

/** Inputs of {@link QuickBIUserGroupRevocation}. */
export interface QuickBIUserGroupRevocationArgs {
  /**
   * The Quick BI UserId of the person to offboard: the id Quick BI shows in member management, not
   * the Alibaba Cloud account UID. Changing it replaces the resource, i.e. offboards that other user.
   * @example "46e5374665ba4b679ee22e2a2927abcd"
   */
  readonly userId: pulumi.Input<string>;
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
  readonly triggers?: pulumi.Input<any[]>;
}

/**
 * Removes a Quick BI user from every user group with WithdrawAllUserGroups, once, on create.
 * Irreversible: destroying this resource, or removing it from the program, does not give the user
 * their groups back.
 *
 * @example
 * new QuickBIUserGroupRevocation("offboard-alice", { userId: "46e5374665ba4b679ee22e2a2927abcd" });
 */
export class QuickBIUserGroupRevocation extends pulumi.dynamic.Resource {
  /** The Quick BI UserId that was offboarded. */
  declare readonly userId: pulumi.Output<string>;
  /** RequestId of the successful WithdrawAllUserGroups call: the proof to quote in an audit. */
  declare readonly requestId: pulumi.Output<string>;
  /** When the withdrawal succeeded, ISO-8601 UTC. */
  declare readonly withdrawnAt: pulumi.Output<string>;
  /** The region actually used. */
  declare readonly region: pulumi.Output<string>;
  /** The endpoint actually used, as a URL. */
  declare readonly endpoint: pulumi.Output<string>;
  declare readonly triggers: pulumi.Output<any[] | undefined>;

  constructor(name: string, args: QuickBIUserGroupRevocationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      revocationProvider,
      name,
      {
        userId: args.userId,
        region: args.region,
        endpoint: args.endpoint,
        triggers: args.triggers,
        // Output-only keys are passed as undefined so that the engine wires them to the outputs.
        requestId: undefined,
        withdrawnAt: undefined,
      },
      opts,
      "quickbi",
      "UserGroupRevocation",
    );
  }
}
