// What the @pulumi/pulumi this suite runs with can do. A row of the support matrix (tests/matrix) may
// install another version than package.json's, so tests of the SDK's own behaviour ask here.

/** The installed @pulumi/pulumi version. */
export const PULUMI_SDK_VERSION: string = require("@pulumi/pulumi/package.json").version;

/**
 * From 3.216.0 the dynamic-provider host passes on the inputs a provider's `read` returns
 * (`ReadResult.inputs`), and the engine stores them; older hosts return none, so the stored inputs stay.
 * Found by reading `cmd/dynamic-provider/index.js` of the published packages.
 */
export const HOST_RETURNS_READ_INPUTS = atLeast(PULUMI_SDK_VERSION, [3, 216, 0]);

function atLeast(version: string, wanted: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map(Number);
  for (const [i, want] of wanted.entries()) {
    const part = parts[i] ?? 0;
    if (part !== want) return part > want;
  }
  return true;
}
