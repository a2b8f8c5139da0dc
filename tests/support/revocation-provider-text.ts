// The serialized provider of a QuickBIUserGroupRevocation, captured once per test run the way the
// engine receives it from a program.
import { QuickBIUserGroupRevocation } from "../../provider";
import { captureResources } from "../../harness/mocks";

export const REVOCATION_TYPE = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";

let cached: Promise<string> | undefined;

export function revocationProviderText(): Promise<string> {
  cached ??= captureResources(() => {
    new QuickBIUserGroupRevocation("capture", { userId: "capture" });
  }).then(([resource]) => resource!.inputs.__provider as string);
  return cached;
}
