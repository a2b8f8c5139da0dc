import type * as pulumi from "@pulumi/pulumi";
import { resolveCredentials, type CredentialSource } from "../config/credentials";
import { readStackConfig, resolveCallPolicy, type StackConfig } from "../config/stack-config";
import { resolveTarget, type Target } from "../config/target";
import { createQuickBIClient, type QuickBIClient } from "../quickbi/client";
import { withdrawAllUserGroups } from "../quickbi/operations";
import type { RetryHooks } from "../quickbi/retry";
import { validateInputs, type RevocationInputs, UNKNOWN } from "./inputs";

/** What the state records for one revocation. Never contains `undefined` (the engine rejects it). */
export interface RevocationOutputs {
  readonly userId: string;
  /** RequestId of the successful WithdrawAllUserGroups call. */
  readonly requestId: string;
  /** When the withdrawal succeeded, ISO-8601 UTC. */
  readonly withdrawnAt: string;
  /** The region actually used. */
  readonly region: string;
  /** The endpoint actually used, as a URL. */
  readonly endpoint: string;
  readonly triggers?: readonly unknown[];
}

/** Seams for tests; production uses the defaults. */
export interface RevocationProviderOptions {
  /** Read at each call, in the provider process. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default createQuickBIClient over @alicloud/openapi-client */
  readonly createClient?: typeof createQuickBIClient;
  readonly retryHooks?: RetryHooks;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The dynamic provider, plus `configure`, which the host calls once with the stack config. */
export type RevocationProvider = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
> & { configure(req: { config: { get(key: string): unknown } }): Promise<void> };

/**
 * The lifecycle of a QuickBIUserGroupRevocation:
 * - check validates inputs and the resolved region/endpoint; invalid input never reaches Quick BI;
 * - create calls WithdrawAllUserGroups once (with retries) and records its RequestId;
 * - diff replaces on a new userId, explicit region or triggers; an endpoint change alone is no change;
 * - read returns the stored state; update makes no call;
 * - delete makes no call: a withdrawal cannot be undone, so there is nothing to delete.
 */
export function createRevocationProvider(options: RevocationProviderOptions = {}): RevocationProvider {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const createClient = options.createClient ?? createQuickBIClient;
  let stackConfig: StackConfig = {};
  let credentials: CredentialSource | undefined;
  const clients = new Map<string, QuickBIClient>();

  function clientFor(target: Target): QuickBIClient {
    const key = `${target.endpoint.protocol}://${target.endpoint.host}|${target.region}`;
    let client = clients.get(key);
    if (!client) {
      credentials ??= resolveCredentials(stackConfig, env);
      client = createClient({
        endpoint: target.endpoint,
        region: target.region,
        credentials,
        policy: resolveCallPolicy(stackConfig),
        ...(options.retryHooks ? { hooks: options.retryHooks } : {}),
      });
      clients.set(key, client);
    }
    return client;
  }

  function targetOf(inputs: RevocationInputs): Target {
    const target = resolveTarget(inputs, stackConfig, env);
    if ("failures" in target) throw new Error(target.failures.map((f) => f.reason).join("; "));
    return target;
  }

  return {
    async configure(req) {
      stackConfig = readStackConfig((key) => req.config.get(key));
      credentials = undefined;
      clients.clear();
    },

    async check(_olds, news) {
      const failures = validateInputs(news);
      const region = news.region === UNKNOWN ? undefined : news.region;
      const endpoint = news.endpoint === UNKNOWN ? undefined : news.endpoint;
      if (!failures.some((f) => f.property === "region" || f.property === "endpoint")) {
        if (news.region !== UNKNOWN && news.endpoint !== UNKNOWN) {
          const target = resolveTarget({ region, endpoint }, stackConfig, env);
          if ("failures" in target) failures.push(...target.failures);
        }
      }
      return { inputs: news, failures };
    },

    async diff(_id, olds: RevocationOutputs, news: RevocationInputs) {
      const replaces: string[] = [];
      if (news.userId !== olds.userId) replaces.push("userId");
      if (news.region !== undefined && news.region !== olds.region) replaces.push("region");
      if (!sameJson(news.triggers, olds.triggers)) replaces.push("triggers");
      // An endpoint change alone changes nothing that was done: the state keeps the endpoint used.
      return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: RevocationInputs) {
      const target = targetOf(inputs);
      const { requestId } = await withdrawAllUserGroups(clientFor(target), inputs.userId);
      const outs: RevocationOutputs = {
        userId: inputs.userId,
        requestId,
        withdrawnAt: now().toISOString(),
        region: target.region,
        endpoint: `${target.endpoint.protocol}://${target.endpoint.host}`,
        ...(inputs.triggers !== undefined ? { triggers: inputs.triggers } : {}),
      };
      return { id: inputs.userId, outs };
    },

    async read(id, props: RevocationOutputs) {
      return { id, props };
    },

    async update(_id, olds: RevocationOutputs) {
      return { outs: olds };
    },

    async delete() {
      // Deliberately nothing: WithdrawAllUserGroups cannot be undone, so deleting (or removing the
      // resource from the program) only forgets the record. Memberships are not restored.
    },
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
