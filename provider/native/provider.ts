/**
 * The `quickbi` plugin's provider: one @pulumi/pulumi/provider `Provider` that dispatches on the type
 * token (as pulumi-eks does), serving the custom resources with the lifecycle objects the dynamic
 * runtime uses and constructing the Offboarding component.
 *
 * Configuration: at start, the plugin's own `quickbi:*` config (PULUMI_CONFIG, see plugin-config.ts)
 * configures the lifecycle objects. A Construct carries the program's whole config, `alicloud:*`
 * included; when that differs from what is applied, the lifecycle objects are configured again with
 * it, before the component registers its children, so the children sign with `alicloud:*` credentials
 * and region as a TypeScript stack's resources do. Reconfiguring replaces the rate limiter, which is
 * why it happens only when the config actually changes (once per stack, in practice).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { unknownConfigKeyProblems } from "../config/unknown-keys";
import { customResource, type CustomResourceMethods, type Lifecycle } from "./lifecycle";
import { constructOffboarding } from "./offboarding-component";
import { configureRequest, type StackConfigValues } from "./plugin-config";
import { TOKENS, typeOfUrn } from "./tokens";

/** What the provider is made of; production passes the objects of provider/dynamic/impl.ts. */
export interface QuickBIProviderOptions {
  readonly version: string;
  readonly schema: string;
  readonly revocation: Lifecycle;
  readonly removalGuard: Lifecycle;
  /** The plugin's own config (PULUMI_CONFIG), by full key. */
  readonly pluginConfig: StackConfigValues;
}

export class QuickBIProvider implements provider.Provider {
  readonly version: string;
  readonly schema: string;
  private readonly lifecycles: readonly Lifecycle[];
  private readonly customResources: Readonly<Record<string, CustomResourceMethods>>;
  private readonly pluginConfig: StackConfigValues;
  private applied: string | undefined;
  /** Why the applied config is refused: unknown `quickbi:*` keys (see known-keys.ts). */
  private configProblems: readonly string[] = [];

  constructor(options: QuickBIProviderOptions) {
    this.version = options.version;
    this.schema = options.schema;
    this.pluginConfig = options.pluginConfig;
    this.lifecycles = [options.revocation, options.removalGuard];
    this.customResources = {
      [TOKENS.revocation]: customResource(options.revocation),
      [TOKENS.removalGuard]: customResource(options.removalGuard),
    };
  }

  /** Applies the plugin's own config; the entry point calls it before serving. */
  configure(): Promise<void> {
    return this.apply(this.pluginConfig);
  }

  /** Refuses every resource while the stack config has a key the package does not know, before any call. */
  async check(urn: pulumi.URN, olds: unknown, news: unknown): Promise<provider.CheckResult> {
    const methods = this.resourceOf(urn);
    if (this.configProblems.length > 0) {
      return { inputs: news, failures: this.configProblems.map((reason) => ({ property: "", reason })) };
    }
    return methods.check(urn, olds, news);
  }
  diff(id: pulumi.ID, urn: pulumi.URN, olds: unknown, news: unknown) {
    return this.resourceOf(urn).diff(id, urn, olds, news);
  }
  create(urn: pulumi.URN, inputs: unknown) {
    return this.resourceOf(urn).create(urn, inputs);
  }
  read(id: pulumi.ID, urn: pulumi.URN, props?: unknown) {
    return this.resourceOf(urn).read(id, urn, props);
  }
  update(id: pulumi.ID, urn: pulumi.URN, olds: unknown, news: unknown) {
    return this.resourceOf(urn).update(id, urn, olds, news);
  }
  delete(id: pulumi.ID, urn: pulumi.URN, props: unknown) {
    return this.resourceOf(urn).delete(id, urn, props);
  }

  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    if (type !== TOKENS.offboarding) throw unknownType(type);
    // The Node.js provider server has just set the runtime config from the Construct request.
    await this.apply({ ...this.pluginConfig, ...pulumi.runtime.allConfig() });
    return constructOffboarding(name, inputs, options);
  }

  private async apply(values: StackConfigValues): Promise<void> {
    const fingerprint = JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
    if (fingerprint === this.applied) return;
    for (const lifecycle of this.lifecycles) await lifecycle.configure(configureRequest(values));
    this.configProblems = unknownConfigKeyProblems(Object.keys(values));
    this.applied = fingerprint;
  }

  private resourceOf(urn: string): CustomResourceMethods {
    const type = typeOfUrn(urn);
    const methods = this.customResources[type];
    if (!methods) throw unknownType(type);
    return methods;
  }
}

function unknownType(type: string): Error {
  return new Error(
    `the quickbi plugin has no resource type ${JSON.stringify(type)}; it serves ${Object.values(TOKENS).join(", ")}`,
  );
}
