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
      const result = await lifecycle.create(plain(inputs));
      return { id: result.id, outs: wrapSecrets(result.outs, secretKeys(inputs)) };
    },
    async read(id, _urn, props) {
      const result = await lifecycle.read(id, plain(props));
      return { id: result.id ?? id, props: wrapSecrets(result.props, secretKeys(props)) };
    },
    async update(id, _urn, olds, news) {
      const result = await lifecycle.update(id, plain(olds), plain(news));
      return { outs: wrapSecrets(result.outs, secretKeys(olds, news)) };
    },
    async delete(id, _urn, props) {
      await lifecycle.delete(id, plain(props));
    },
  };
}
