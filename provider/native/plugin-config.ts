/**
 * The stack configuration a native plugin can see, as `get(key)` with full keys (`quickbi:region`), the
 * form the lifecycle's `configure` reads.
 *
 * The engine starts the plugin with only its own namespace in the environment variable PULUMI_CONFIG,
 * names without the prefix (`{"region":"cn-hangzhou"}` for `quickbi:region`), and its Configure call
 * carries nothing the Node.js provider server passes on. So `quickbi:*` keys work for every resource
 * of the plugin, while `alicloud:*` keys (credentials, region) reach it only through a component's
 * Construct, which carries the program's whole config; elsewhere credentials come from the Alibaba
 * Cloud credentials chain (environment variables, OIDC, profile, ECS RAM role).
 */
import { PACKAGE } from "./tokens";

/** Stack config by full key. */
export type StackConfigValues = Readonly<Record<string, string>>;

/** The plugin's own config, from PULUMI_CONFIG, by full key. A malformed variable is an error. */
export function pluginConfig(env: NodeJS.ProcessEnv = process.env): StackConfigValues {
  const text = env.PULUMI_CONFIG;
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`PULUMI_CONFIG is not JSON; the engine sets it to the ${PACKAGE}:* stack config`, {
      cause: error,
    });
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== "string") continue;
    // Names arrive without the namespace; accept a full key too, so that the meaning never depends on it.
    values[name.includes(":") ? name : `${PACKAGE}:${name}`] = value;
  }
  return values;
}

/** What the lifecycle's `configure` takes. */
export function configureRequest(values: StackConfigValues): { config: { get(key: string): unknown } } {
  return { config: { get: (key) => values[key] } };
}
