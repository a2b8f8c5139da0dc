import * as pulumi from "@pulumi/pulumi";
import type { Integer } from "../integer";
import type { OnMissingUser } from "../revocation/inputs";
import type { ScopeStep } from "../revocation/scope";
import { QuickBIUserGroupRevocation } from "../resource";
import { offboardEveryone } from "./offboard-everyone";
import type { QuickBIPerson } from "./people";
import { QuickBIRemovalGuard } from "./removal-guard-resource";

/** Inputs of {@link QuickBIOffboarding}. Give `people`, `peopleFile`, or both. */
export interface QuickBIOffboardingArgs {
  /**
   * People to offboard, inline.
   * @default - none
   * @example [{ account: "alice", ticket: "HR-4711" }, { userId: "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02" }]
   */
  readonly people?: readonly QuickBIPerson[];
  /**
   * A YAML or JSON file listing people to offboard: a list, or a mapping with a `people` list. Relative
   * paths resolve against the Pulumi project directory. Problems are reported with their line.
   * @default - none
   * @example "people.yaml"
   */
  readonly peopleFile?: string;
  /**
   * The most people one update may offboard; more is refused at preview.
   * @default - stack config `quickbi:maxRemovalsPerUpdate`, then 10
   */
  readonly maxRemovalsPerUpdate?: Integer;
  /** Passed to every revocation. @default - as QuickBIUserGroupRevocation */
  readonly region?: pulumi.Input<string>;
  /** Passed to every revocation. @default - as QuickBIUserGroupRevocation */
  readonly endpoint?: pulumi.Input<string>;
  /** For people whose entry does not say. @default "fail" */
  readonly onMissingUser?: OnMissingUser;
  /**
   * The steps beyond the groups for everyone whose entry does not say (see QuickBIUserGroupRevocation's
   * `scope`). A change applies to everyone it covers, and each person whose steps change counts
   * against the removal guard.
   * @default - stack config `quickbi:scope`, then ["groups"]
   * @example ["groups", "workspaces", "organizationRoles", "account"]
   */
  readonly scope?: ScopeStep[];
  /** Passed to every revocation: fail a preview whose impact cannot be read. @default - `quickbi:strictPreview`, then true */
  readonly strictPreview?: pulumi.Input<boolean>;
}

/** One line of the component's summary output. */
export interface QuickBIOffboardedPerson {
  /** The person's key: the userId, or account-<account>. */
  readonly key: string;
  /** The Quick BI UserId. */
  readonly userId: string;
  /** withdrawn or already-offboarded. */
  readonly outcome: string;
  /** RequestId of the withdrawal. */
  readonly requestId: string;
}

/**
 * Offboards everyone on a list: one {@link QuickBIUserGroupRevocation} per person, named
 * `<name>-<userId>` or `<name>-account-<account>` so that each has its own audit entry and adding a
 * person plans exactly one new resource. A removal guard refuses an update that would offboard more
 * than `maxRemovalsPerUpdate` people; every revocation depends on it.
 */
export class QuickBIOffboarding extends pulumi.ComponentResource {
  /** The revocations, by person key. */
  readonly revocations: Readonly<Record<string, QuickBIUserGroupRevocation>>;
  readonly guard: QuickBIRemovalGuard;
  /** Who was offboarded, with the RequestId of each withdrawal. */
  readonly offboarded: pulumi.Output<QuickBIOffboardedPerson[]>;

  constructor(name: string, args: QuickBIOffboardingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pulumi-quickbi-offboarding:index:QuickBIOffboarding", name, {}, opts);
    const { guard, revocations, offboarded } = offboardEveryone(this, name, args, {
      guard: (guardName, guardArgs, guardOpts) => new QuickBIRemovalGuard(guardName, guardArgs, guardOpts),
      revocation: (personName, personArgs, personOpts) =>
        new QuickBIUserGroupRevocation(personName, personArgs, personOpts),
    });
    this.guard = guard;
    this.revocations = revocations;
    this.offboarded = offboarded;
    this.registerOutputs({ offboarded: this.offboarded });
  }
}
