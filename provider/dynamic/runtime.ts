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
import type { RevocationProvider } from "../revocation/provider";

export const configure: RevocationProvider["configure"] = (req) => impl().configure(req);
export const check: RevocationProvider["check"] = (olds, news) => impl().check(olds, news);
export const diff: RevocationProvider["diff"] = (id, olds, news) => impl().diff(id, olds, news);
export const create: RevocationProvider["create"] = (inputs) => impl().create(inputs);
export const read: RevocationProvider["read"] = (id, props) => impl().read(id, props);
export const update: RevocationProvider["update"] = (id, olds, news) => impl().update(id, olds, news);
const deleteResource: RevocationProvider["delete"] = (id, props) => impl().delete(id, props);
export { deleteResource as delete };

function impl(): RevocationProvider {
  return require("pulumi-quickbi-offboarding/provider-runtime/impl").revocationProvider;
}
