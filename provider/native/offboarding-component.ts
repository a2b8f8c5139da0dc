/**
 * `quickbi:index:Offboarding`, constructed inside the plugin: the same list handling, removal guard and
 * one revocation per person as the TypeScript QuickBIOffboarding (provider/offboarding), with children
 * that are custom resources of this plugin. A relative `peopleFile` resolves against the working
 * directory, which the engine sets to the program's directory when it starts the plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { offboardEveryone } from "../offboarding/offboard-everyone";
import type { QuickBIOffboardedPerson, QuickBIOffboardingArgs } from "../offboarding/offboarding";
import { RemovalGuardChild, RevocationChild } from "./child-resources";
import { TOKENS } from "./tokens";

class Offboarding extends pulumi.ComponentResource {
  readonly offboarded: pulumi.Output<QuickBIOffboardedPerson[]>;

  constructor(name: string, args: QuickBIOffboardingArgs, opts: pulumi.ComponentResourceOptions) {
    super(TOKENS.offboarding, name, {}, opts);
    const { offboarded } = offboardEveryone(this, name, args, {
      guard: (guardName, guardArgs, guardOpts) => new RemovalGuardChild(guardName, guardArgs, guardOpts),
      revocation: (personName, personArgs, personOpts) =>
        new RevocationChild(personName, personArgs, personOpts),
    });
    this.offboarded = offboarded;
    this.registerOutputs({ offboarded });
  }
}

/** Construct of `quickbi:index:Offboarding`. */
export async function constructOffboarding(
  name: string,
  inputs: pulumi.Inputs,
  options: pulumi.ComponentResourceOptions,
): Promise<provider.ConstructResult> {
  const component = new Offboarding(name, inputs as QuickBIOffboardingArgs, options);
  return { urn: component.urn, state: { offboarded: component.offboarded } };
}
