import * as pulumi from "@pulumi/pulumi";
import type { Integer } from "../integer";
import { dynamicResourceType, withProvider } from "../dynamic/dynamic-resource";

/** Inputs of {@link QuickBIRemovalGuard}. */
export interface QuickBIRemovalGuardArgs {
  /** Stable keys of everyone the list offboards. */
  readonly people: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The most people one update may add to the list.
   * @default - stack config `quickbi:maxRemovalsPerUpdate`, then 10
   */
  readonly maxRemovalsPerUpdate?: pulumi.Input<Integer>;
  /**
   * The scope of each person who has one of their own, as `<key>=<step>,<step>`; the others take
   * stack config `quickbi:scope`. A person whose scope changes counts as a removal.
   * @default - none
   */
  readonly scopes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Keys of the people whose entry asks for a restore. Each counts against `maxRemovalsPerUpdate` in
   * the update that adds it, and again in the one that takes it away (offboarding the person again),
   * as a removal does.
   * @default - none
   */
  readonly restores?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Refuses at preview an update that adds more than `maxRemovalsPerUpdate` people to the list. Make
 * every revocation depend on it (QuickBIOffboarding does): when it refuses, none of them runs.
 */
export class QuickBIRemovalGuard extends pulumi.CustomResource {
  /** Stable keys of everyone the list offboards. */
  declare readonly people: pulumi.Output<string[]>;
  /** As given. */
  declare readonly maxRemovalsPerUpdate: pulumi.Output<Integer | undefined>;
  /** As given. */
  declare readonly scopes: pulumi.Output<string[] | undefined>;
  /** As given. */
  declare readonly restores: pulumi.Output<string[] | undefined>;
  /** Each person's effective scope where wider than the groups, as `<key>=<step>,<step>`, as the last check resolved it. */
  declare readonly effectiveScopes: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: QuickBIRemovalGuardArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicResourceType("RemovalGuard"),
      name,
      withProvider("removal-guard-runtime", {
        people: args.people,
        maxRemovalsPerUpdate: args.maxRemovalsPerUpdate,
        scopes: args.scopes,
        restores: args.restores,
        effectiveScopes: undefined,
      }),
      opts,
    );
  }
}
