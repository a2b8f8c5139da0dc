/**
 * The `__provider` of this package's dynamic resources, written here instead of by Pulumi's closure
 * serializer.
 *
 * `__provider` is the module source the nodejs dynamic-provider host runs for every call
 * (`requireFromString(source).handler()`, cmd/dynamic-provider in `@pulumi/pulumi`), and the engine
 * keeps it twice per resource, in the inputs and the outputs. The serializer (`pulumi.dynamic.Resource`)
 * writes about 280 bytes for an installed package (a `require` wrapped in its closure scaffolding) and,
 * from a source checkout, copies the runtime's forwarders by value (about 2.4 KB), and its text may
 * change between SDK versions. Every one of this package's providers is a module the host can
 * `require` by name from the project's node_modules, so the source is one line, the same in every
 * layout and SDK version: 80 B, under a third of what the state used to spend on it (docs/performance.md).
 *
 * Nothing but the entry's name is in it: no credential, config value or client object can reach the
 * state. The entry points stay those earlier releases wrote (`provider-runtime`,
 * `removal-guard-runtime`), so their resources are still served, and an older release still serves
 * these; a changed `__provider` alone is no change (each provider's diff ignores it).
 */
import * as pulumi from "@pulumi/pulumi";

/** The package's name, as the host's `require` resolves it from the project's node_modules. */
const PACKAGE = "pulumi-quickbi-offboarding";

/** The subpath exports (package.json) whose module object is a dynamic provider. */
export type ProviderEntry = "provider-runtime" | "removal-guard-runtime";

/** The `__provider` of a resource served by `entry`. */
export function providerSource(entry: ProviderEntry): string {
  return `exports.handler = () => require("${PACKAGE}/${entry}");\n`;
}

/** The type token `pulumi.dynamic.Resource` registers for module `quickbi` and `type`. */
export function dynamicResourceType(type: string): string {
  return `pulumi-nodejs:dynamic/quickbi:${type}`;
}

/**
 * `props` with the `__provider` of `entry`: what a resource of this package registers, as a
 * `pulumi.CustomResource` of {@link dynamicResourceType}. `pulumi.dynamic.Resource` adds nothing else
 * to a custom resource.
 */
export function withProvider(entry: ProviderEntry, props: pulumi.Inputs): pulumi.Inputs {
  if ("__provider" in props) throw new Error("a dynamic resource must not define the __provider key");
  return { ...props, __provider: providerSource(entry) };
}
