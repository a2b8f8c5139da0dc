/**
 * The removal guard's dynamic provider, serialized like `runtime.ts` (see there): installed from npm,
 * `__provider` is only `require("pulumi-quickbi-offboarding/removal-guard-runtime")`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { createRemovalGuardProvider } from "../offboarding/removal-guard";

export const configure = (req: pulumi.dynamic.ConfigureRequest): Promise<void> => impl().configure(req);
export const check = (olds: any, news: any): Promise<pulumi.dynamic.CheckResult> => impl().check(olds, news);
export const diff = (id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> =>
  impl().diff(id, olds, news);
export const create = (inputs: any): Promise<pulumi.dynamic.CreateResult> => impl().create(inputs);
export const read = (id: string, props: any): Promise<pulumi.dynamic.ReadResult> => impl().read(id, props);
export const update = (id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> =>
  impl().update(id, olds, news);
const deleteResource = (): Promise<void> => impl().delete();
export { deleteResource as delete };

function impl(): ReturnType<typeof createRemovalGuardProvider> {
  return require("pulumi-quickbi-offboarding/provider-runtime/impl").removalGuardProvider;
}
