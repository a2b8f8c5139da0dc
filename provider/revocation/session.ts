import { resolveCredentials } from "../config/credentials";
import { endpointUrl } from "../config/endpoint";
import { resolveCallPolicy, type CallPolicy, type StackConfig } from "../config/stack-config";
import type { Target } from "../config/target";
import { createQuickBIClient, type QuickBIClient } from "../quickbi/client";
import { createRateLimiter } from "../quickbi/rate-limit";
import type { RetryHooks } from "../quickbi/retry";

/** Seams for tests; production uses the defaults. */
export interface SessionOptions {
  /** Read at each call, in the provider process. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default createQuickBIClient over @alicloud/openapi-client */
  readonly createClient?: typeof createQuickBIClient;
  /** @default - real waits and Math.random */
  readonly retryHooks?: RetryHooks;
}

/**
 * What every resource of one provider process shares between two `configure` calls: the stack
 * config, the call policy, the credentials, one rate limiter (so that hundreds of resources created
 * in parallel stay under Quick BI's quota together) and one client per endpoint and region.
 */
export interface Session {
  readonly config: StackConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly retryHooks: RetryHooks;
  /** Timeouts, retry budget and rate limit; throws naming the `quickbi:*` key that is malformed. */
  policy(): CallPolicy;
  clientFor(target: Target): QuickBIClient;
}

/**
 * A session for the stack config of one `configure`. Everything but the config is made on first use,
 * so that a malformed `quickbi:*` value fails the call that needs it, naming its key, rather than
 * `configure` (whose error the engine shows without the resource).
 */
export function openSession(config: StackConfig, options: SessionOptions = {}): Session {
  const env = options.env ?? process.env;
  const createClient = options.createClient ?? createQuickBIClient;
  const retryHooks = options.retryHooks ?? {};
  const policy = once(() => resolveCallPolicy(config));
  const credentials = once(() => resolveCredentials(config, env));
  const limiter = once(() => createRateLimiter(policy()));
  const clients = new Map<string, QuickBIClient>();
  return {
    config,
    env,
    retryHooks,
    policy,
    clientFor(target) {
      const key = `${endpointUrl(target.endpoint)}|${target.region}`;
      let client = clients.get(key);
      if (!client) {
        client = createClient({
          limiter: limiter(),
          endpoint: target.endpoint,
          region: target.region,
          credentials: credentials(),
          policy: policy(),
          hooks: retryHooks,
        });
        clients.set(key, client);
      }
      return client;
    },
  };
}

/** `make()` on the first call that succeeds, its value ever after. */
function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
