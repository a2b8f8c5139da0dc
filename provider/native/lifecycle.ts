/**
 * One custom resource type of the plugin, served by a lifecycle object: the very objects the dynamic
 * runtime uses (provider/dynamic/impl.ts), so that a revocation behaves the same whichever way it is
 * declared. Only their check/diff/create/read/update/delete/configure interface is used here.
 *
 * What a native provider receives differs from what the dynamic-provider host hands on: the URN comes
 * first, and secrets arrive wrapped (see secrets.ts). Everything else (unknown values at preview, old
 * outputs in diff/update/read) is the same.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { secretKeys, unwrapSecrets, wrapSecrets } from "./secrets";

/** The interface of a lifecycle object of provider/dynamic/impl.ts. */
export type Lifecycle = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
> & { configure(req: { config: { get(key: string): unknown } }): Promise<void> };

/** The provider methods of one custom resource type. */
export type CustomResourceMethods = Required<
  Pick<provider.Provider, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

type PropertyMap = Record<string, unknown>;
const plain = (value: unknown) => unwrapSecrets(value ?? {}) as PropertyMap;

/** The provider methods that run `lifecycle`, secrets unwrapped on the way in and kept on the way out. */
export function customResource(lifecycle: Lifecycle): CustomResourceMethods {
  return {
    async check(_urn, olds, news) {
      const result = await lifecycle.check(plain(olds), plain(news));
      return { inputs: wrapSecrets(result.inputs, secretKeys(news)), failures: result.failures ?? [] };
    },
    async diff(id, _urn, olds, news) {
      return lifecycle.diff(id, plain(olds), plain(news));
    },
    async create(_urn, inputs) {
      const result = await partialOutputsWrapped(lifecycle.create(plain(inputs)), secretKeys(inputs));
      return { id: result.id, outs: wrapSecrets(result.outs, secretKeys(inputs)) };
    },
    async read(id, _urn, props) {
      const result = await lifecycle.read(id, plain(props));
      return { id: result.id ?? id, props: wrapSecrets(result.props, secretKeys(props)) };
    },
    async update(id, _urn, olds, news) {
      const keys = secretKeys(olds, news);
      const result = await partialOutputsWrapped(lifecycle.update(id, plain(olds), plain(news)), keys);
      return { outs: wrapSecrets(result.outs, keys) };
    },
    async delete(id, _urn, props) {
      await lifecycle.delete(id, plain(props));
    },
  };
}

/**
 * A create or update that did part of its work throws an error with `id`, `properties` and `reasons`;
 * the plugin's server sends them as ErrorResourceInitFailed, and the engine keeps the properties as
 * the resource's outputs. They are outputs like any other, so the inputs' secrets stay secret there too.
 */
async function partialOutputsWrapped<T>(result: Promise<T>, keys: ReturnType<typeof secretKeys>): Promise<T> {
  try {
    return await result;
  } catch (error) {
    const partial = error as { id?: unknown; properties?: unknown };
    if (partial.id && partial.properties && typeof partial.properties === "object")
      partial.properties = wrapSecrets(partial.properties as PropertyMap, keys);
    throw error;
  }
}
