/**
 * The entry point of the `pulumi-resource-quickbi` plugin (bin/pulumi-resource-quickbi starts it):
 * the engine runs it with its address as the argument, in the program's directory, and reads the
 * gRPC port from the first stdout line. The schema and version are the package's own, so the plugin,
 * schema.json and the generated SDKs always name the same version. Both are `require`d (not read from
 * disk) so that the standalone plugin executable's bundle carries them (tools/release/plugin-bundle.ts).
 */
import { main } from "@pulumi/pulumi/provider";
import { removalGuardProvider, revocationProvider } from "../dynamic/impl";
import { pluginConfig } from "./plugin-config";
import { QuickBIProvider } from "./provider";

async function serve(args: string[]): Promise<void> {
  const schema = JSON.stringify(require("pulumi-quickbi-offboarding/schema.json"));
  const { version } = require("pulumi-quickbi-offboarding/package.json") as { version: string };
  const provider = new QuickBIProvider({
    version,
    schema,
    revocation: revocationProvider,
    removalGuard: removalGuardProvider,
    pluginConfig: pluginConfig(),
  });
  await provider.configure();
  await main(provider, args);
}

serve(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pulumi-resource-quickbi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
