/**
 * The dynamic provider the host runs for `QuickBIUserGroupRevocation`: every resource's `__provider`
 * is `require("pulumi-quickbi-offboarding/provider-runtime")` (dynamic-resource.ts), resolved from the
 * Pulumi project's node_modules inside the provider host, and each method requires the implementation
 * only when called. So no credential, config value or client object is in the state, and an upgraded
 * package also serves delete and refresh of older resources (releases up to 0.2.0 serialized this
 * module object with Pulumi's closure serializer: a `require` of this same entry when installed, and
 * from a source checkout these forwarders copied by value, which still require `provider-runtime/impl`).
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
