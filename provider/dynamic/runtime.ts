/**
 * The dynamic provider that `QuickBIUserGroupRevocation` hands to Pulumi. This module object itself
 * is the provider, which decides how it is serialized into each resource's `__provider`:
 * - installed from npm (in `node_modules`), Pulumi's closure serializer recognises a module and writes
 *   only `require("pulumi-quickbi-offboarding/provider-runtime")`, about 200 bytes per resource;
 * - loaded from a source checkout, it copies these small forwarders by value.
 * Either way no credential, config value or client object can be captured into the state: every
 * method requires the implementation at run time, inside the provider host, resolved from the Pulumi
 * project's node_modules. So an upgraded package also serves delete and refresh of older resources.
 * Keep these functions free of references to anything else: each one would be serialized too.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { RevocationProvider } from "../revocation/provider";

export const configure = (req: pulumi.dynamic.ConfigureRequest): Promise<void> => impl().configure(req);
export const check = (olds: any, news: any): Promise<pulumi.dynamic.CheckResult> => impl().check(olds, news);
export const diff = (id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> =>
  impl().diff(id, olds, news);
export const create = (inputs: any): Promise<pulumi.dynamic.CreateResult> => impl().create(inputs);
export const read = (id: string, props: any): Promise<pulumi.dynamic.ReadResult> => impl().read(id, props);
export const update = (id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> =>
  impl().update(id, olds, news);
const deleteResource = (id: string, props: any): Promise<void> => impl().delete(id, props);
export { deleteResource as delete };

function impl(): RevocationProvider {
  return require("pulumi-quickbi-offboarding/provider-runtime/impl").revocationProvider;
}
