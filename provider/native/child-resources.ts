/**
 * The custom resources the plugin's Offboarding component registers as its children: resources of
 * this same plugin (`quickbi:index:*`), so the engine sends their lifecycle back to it, where the
 * shared rate limit and the component's configuration apply. No dynamic resource is involved, so a
 * Python, Go or YAML program needs no Node.js packages of its own.
 */
import * as pulumi from "@pulumi/pulumi";
import type { QuickBIRemovalGuardArgs } from "../offboarding/removal-guard-resource";
import type { QuickBIUserGroupRevocationArgs } from "../resource";
import { TOKENS } from "./tokens";

/** `quickbi:index:UserGroupRevocation`, with the outputs the component's summary reads. */
export class RevocationChild extends pulumi.CustomResource {
  declare readonly userId: pulumi.Output<string>;
  declare readonly outcome: pulumi.Output<string>;
  declare readonly requestId: pulumi.Output<string>;

  constructor(name: string, args: QuickBIUserGroupRevocationArgs, opts: pulumi.CustomResourceOptions) {
    // Output-only keys are passed as undefined so that the engine wires them to the outputs.
    super(TOKENS.revocation, name, { ...args, outcome: undefined, requestId: undefined }, opts);
  }
}

/** `quickbi:index:RemovalGuard`. */
export class RemovalGuardChild extends pulumi.CustomResource {
  constructor(name: string, args: QuickBIRemovalGuardArgs, opts: pulumi.CustomResourceOptions) {
    super(TOKENS.removalGuard, name, { ...args }, opts);
  }
}
