import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import type { StackConfig } from "./stack-config";

/**
 * How the provider authenticates, resolved in the provider process at run time:
 * `alicloud:accessKey`/`secretKey`/`securityToken` from stack config (as `@pulumi/alicloud` reads
 * them), else the `ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY` variables `@pulumi/alicloud` honours,
 * else the Alibaba Cloud default chain (env `ALIBABA_CLOUD_*`, OIDC/RRSA, CLI profile,
 * credentials file, ECS RAM role).
 */
export interface CredentialSource {
  /** Handed to `@alicloud/openapi-client`'s `Config.credential`. */
  readonly credential: Credential;
  /** Names where the credential came from, never its value. */
  readonly description: string;
  /** Values that must never be shown: static keys known up front (chain-provided ones are fetched lazily). */
  readonly knownSecrets: readonly string[];
}

export function resolveCredentials(config: StackConfig, env: NodeJS.ProcessEnv): CredentialSource {
  const fromConfig = staticKeys(config.accessKey, config.secretKey, config.securityToken);
  if (fromConfig) return { ...fromConfig, description: "stack config alicloud:accessKey/alicloud:secretKey" };
  const fromAlicloudEnv = staticKeys(
    env.ALICLOUD_ACCESS_KEY,
    env.ALICLOUD_SECRET_KEY,
    env.ALICLOUD_SECURITY_TOKEN,
  );
  if (fromAlicloudEnv)
    return { ...fromAlicloudEnv, description: "env ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY" };
  // A fresh chain per provider process: the library's chain is sticky after a total failure.
  return {
    credential: new Credential(),
    description: "the Alibaba Cloud default credentials chain",
    knownSecrets: [],
  };
}

function staticKeys(
  accessKeyId: string | undefined,
  accessKeySecret: string | undefined,
  securityToken: string | undefined,
): Omit<CredentialSource, "description"> | undefined {
  if (!accessKeyId || !accessKeySecret) return undefined;
  const config = securityToken
    ? new CredentialConfig({ type: "sts", accessKeyId, accessKeySecret, securityToken })
    : new CredentialConfig({ type: "access_key", accessKeyId, accessKeySecret });
  return {
    credential: new Credential(config),
    knownSecrets: [accessKeyId, accessKeySecret, ...(securityToken ? [securityToken] : [])],
  };
}
