/**
 * The removal guard's dynamic provider, served like `runtime.ts` (see there): every guard's
 * `__provider` is `require("pulumi-quickbi-offboarding/removal-guard-runtime")`.
 */
import type { createRemovalGuardProvider } from "../offboarding/removal-guard";

type RemovalGuardProvider = ReturnType<typeof createRemovalGuardProvider>;

export const configure: RemovalGuardProvider["configure"] = (req) => impl().configure(req);
export const check: RemovalGuardProvider["check"] = (olds, news) => impl().check(olds, news);
export const diff: RemovalGuardProvider["diff"] = (id, olds, news) => impl().diff(id, olds, news);
export const create: RemovalGuardProvider["create"] = (inputs) => impl().create(inputs);
export const read: RemovalGuardProvider["read"] = (id, props) => impl().read(id, props);
export const update: RemovalGuardProvider["update"] = (id, olds, news) => impl().update(id, olds, news);
const deleteResource: RemovalGuardProvider["delete"] = (id, props) => impl().delete(id, props);
export { deleteResource as delete };

function impl(): RemovalGuardProvider {
  return require("pulumi-quickbi-offboarding/provider-runtime/impl").removalGuardProvider;
}
