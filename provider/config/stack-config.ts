import { DEFAULTS } from "./defaults";
import type { QuickBIStackConfig } from "./quickbi-config";

/**
 * The stack configuration the provider reads, by Pulumi key. It arrives in the provider process
 * through the dynamic provider's `configure` call at run time, so nothing here is ever serialized
 * into `__provider` or the state. `alicloud:*` keys are the ones `@pulumi/alicloud` already uses,
 * so a stack that manages Alibaba Cloud needs no extra configuration.
 */
export const STACK_CONFIG_KEYS = {
  endpoint: "quickbi:endpoint",
  region: "quickbi:region",
  network: "quickbi:network",
  readTimeoutMs: "quickbi:readTimeout",
  connectTimeoutMs: "quickbi:connectTimeout",
  maxAttempts: "quickbi:maxAttempts",
  retryBaseDelayMs: "quickbi:retryBaseDelay",
  retryMaxDelayMs: "quickbi:retryMaxDelay",
  qps: "quickbi:qps",
  concurrency: "quickbi:concurrency",
  maxRemovalsPerUpdate: "quickbi:maxRemovalsPerUpdate",
  strictPreview: "quickbi:strictPreview",
  scope: "quickbi:scope",
  /**
   * Credentials in the plugin's own namespace: the only stack config a `quickbi` plugin receives in
   * every command (a refresh runs no Construct, so `alicloud:*` never reaches it). Set them with
   * `--secret`: the engine keeps a default provider's config in the state, encrypted when secret.
   */
  quickbiAccessKey: "quickbi:accessKey",
  quickbiSecretKey: "quickbi:secretKey",
  quickbiSecurityToken: "quickbi:securityToken",
  alicloudRegion: "alicloud:region",
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
} as const;

/**
 * The `quickbi:*` keys read above are exactly those QuickBIStackConfig declares (and so schema.json,
 * the SDKs and KNOWN_CONFIG_KEYS): a key added to one side only fails the typecheck here.
 */
type QuickBIKeysRead = Extract<
  (typeof STACK_CONFIG_KEYS)[keyof typeof STACK_CONFIG_KEYS],
  `quickbi:${string}`
>;
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const READ_KEYS_ARE_DECLARED: SameKeys<QuickBIKeysRead, `quickbi:${keyof QuickBIStackConfig}`> = true;

export type StackConfig = { readonly [K in keyof typeof STACK_CONFIG_KEYS]?: string };

/** Reads every key the provider knows; `get` is `req.config.get` of the dynamic provider's `configure`. */
export function readStackConfig(get: (key: string) => unknown): StackConfig {
  const config: Record<string, string> = {};
  for (const [name, key] of Object.entries(STACK_CONFIG_KEYS)) {
    const value = get(key);
    // The engine unwraps secrets before configure (acceptSecrets=false); values are strings, but a
    // structured value set with `--path` arrives as JSON, which no key here expects.
    if (value !== undefined && value !== null && value !== "") config[name] = String(value);
  }
  return config;
}

/** Timeouts and the retry budget for each Quick BI operation. */
export interface CallPolicy {
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** Client-side rate limit shared by every call of the provider process. */
  readonly qps: number;
  readonly concurrency: number;
}

const POLICY_LIMITS: { readonly [K in keyof CallPolicy]: readonly [min: number, max: number] } = {
  readTimeoutMs: [100, 600_000],
  connectTimeoutMs: [100, 600_000],
  maxAttempts: [1, 20],
  retryBaseDelayMs: [0, 60_000],
  retryMaxDelayMs: [0, 600_000],
  qps: [1, 10_000],
  concurrency: [1, 256],
};

/** Applies `quickbi:*` overrides to {@link DEFAULTS}; a malformed value is an error naming its key. */
export function resolveCallPolicy(config: StackConfig): CallPolicy {
  const policy: Record<string, number> = {};
  for (const name of Object.keys(POLICY_LIMITS) as (keyof CallPolicy)[]) {
    const text = config[name];
    const [min, max] = POLICY_LIMITS[name];
    if (text === undefined) {
      policy[name] = DEFAULTS[name];
      continue;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `Stack config ${STACK_CONFIG_KEYS[name]} is ${JSON.stringify(text)}; allowed: a whole number from ${min} to ${max}` +
          `${name.endsWith("Ms") ? " (milliseconds)" : ""}. Fix it with \`pulumi config set ${STACK_CONFIG_KEYS[name]} <value>\`.`,
      );
    }
    policy[name] = value;
  }
  return policy as unknown as CallPolicy;
}
