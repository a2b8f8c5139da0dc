import * as pulumi from "@pulumi/pulumi";
import type { Integer } from "../integer";
import * as removalGuardProvider from "../dynamic/removal-guard-runtime";

/** Inputs of {@link QuickBIRemovalGuard}. */
export interface QuickBIRemovalGuardArgs {
  /** Stable keys of everyone the list offboards. */
  readonly people: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The most people one update may add to the list.
   * @default - stack config `quickbi:maxRemovalsPerUpdate`, then 10
   */
  readonly maxRemovalsPerUpdate?: pulumi.Input<Integer>;
}

/**
 * Refuses at preview an update that adds more than `maxRemovalsPerUpdate` people to the list. Make
 * every revocation depend on it (QuickBIOffboarding does): when it refuses, none of them runs.
 */
export class QuickBIRemovalGuard extends pulumi.dynamic.Resource {
  /** Stable keys of everyone the list offboards. */
  declare readonly people: pulumi.Output<string[]>;
  /** As given. */
  declare readonly maxRemovalsPerUpdate: pulumi.Output<Integer | undefined>;

  constructor(name: string, args: QuickBIRemovalGuardArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      removalGuardProvider,
      name,
      { people: args.people, maxRemovalsPerUpdate: args.maxRemovalsPerUpdate },
      opts,
      "quickbi",
      "RemovalGuard",
    );
  }
}
