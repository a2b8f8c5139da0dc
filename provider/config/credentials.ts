import Credential, {
  CLIProfileCredentialsProvider,
  Config as CredentialConfig,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  ProfileCredentialsProvider,
  URICredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import { STACK_CONFIG_KEYS, type StackConfig } from "./stack-config";

/**
 * How the provider authenticates, resolved in the provider process at run time:
 * `quickbi:accessKey`/`secretKey`/`securityToken` from stack config (the plugin's own namespace, which
 * reaches it in every command), else `alicloud:accessKey`/`secretKey`/`securityToken` (as
 * `@pulumi/alicloud` reads them), else the `ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY` variables `@pulumi/alicloud` honours,
 * else the Alibaba Cloud default chain (env `ALIBABA_CLOUD_*`, OIDC/RRSA, CLI profile,
 * credentials file, ECS RAM role, credentials URI).
 */
export interface CredentialSource {
  /** Handed to `@alicloud/openapi-client`'s `Config.credential`. */
  readonly credential: Credential;
  /** Values that must never be shown: static keys known up front (chain-provided ones are fetched lazily). */
  readonly knownSecrets: readonly string[];
}

/** The code of the error every call fails with when no credential can be found anywhere. */
export const CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";

export function resolveCredentials(config: StackConfig, env: NodeJS.ProcessEnv): CredentialSource {
  const fromOwnConfig = staticKeys(
    config.quickbiAccessKey,
    config.quickbiSecretKey,
    config.quickbiSecurityToken,
  );
  if (fromOwnConfig) return fromOwnConfig;
  const fromConfig = staticKeys(config.accessKey, config.secretKey, config.securityToken);
  if (fromConfig) return fromConfig;
  const fromAlicloudEnv = staticKeys(
    env.ALICLOUD_ACCESS_KEY,
    env.ALICLOUD_SECRET_KEY,
    env.ALICLOUD_SECURITY_TOKEN,
  );
  if (fromAlicloudEnv) return fromAlicloudEnv;
  return { credential: new Credential(null, defaultChain()), knownSecrets: [] };
}

function staticKeys(
  accessKeyId: string | undefined,
  accessKeySecret: string | undefined,
  securityToken: string | undefined,
): CredentialSource | undefined {
  if (!accessKeyId || !accessKeySecret) return undefined;
  const config = securityToken
    ? new CredentialConfig({ type: "sts", accessKeyId, accessKeySecret, securityToken })
    : new CredentialConfig({ type: "access_key", accessKeyId, accessKeySecret });
  return {
    credential: new Credential(config),
    knownSecrets: [accessKeyId, accessKeySecret, ...(securityToken ? [securityToken] : [])],
  };
}

/**
 * The Alibaba Cloud default credentials chain, in the library's order and from the library's own
 * providers, with two of its behaviours changed. `@alicloud/credentials`' DefaultCredentialsProvider
 * always ends with the credentials-URI provider, which with ALIBABA_CLOUD_CREDENTIALS_URI unset
 * requests `https://undefined/`; and after every provider failed it keeps asking only the last one,
 * so every later call fails with `ENOTFOUND undefined` instead of saying that no credentials were
 * found. This chain skips the URI step unless the variable is set, remembers a provider only once it
 * has given credentials, and, when none does, fails every call with {@link CREDENTIALS_UNAVAILABLE}
 * naming each place it looked.
 */
function defaultChain(): CredentialsProvider {
  let lastGood: CredentialsProvider | undefined;
  return {
    getProviderName: () => "default",
    async getCredentials() {
      if (lastGood) {
        try {
          return await lastGood.getCredentials();
        } catch {
          lastGood = undefined; // expired or revoked: look through the whole chain again
        }
      }
      const reasons: string[] = [];
      for (const [name, build] of CHAIN) {
        let provider: CredentialsProvider | undefined;
        try {
          provider = build();
          if (provider === undefined) {
            reasons.push(`${name}: not configured`);
            continue;
          }
          const credentials = await provider.getCredentials();
          lastGood = provider;
          return credentials;
        } catch (error) {
          reasons.push(
            `${name}: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")}`,
          );
        }
      }
      throw Object.assign(
        new Error(
          // A short first line (what a CLI's one-line view shows), then each place looked in.
          [
            "no Alibaba Cloud credentials were found",
            "Looked in:",
            `  stack config: no ${STACK_CONFIG_KEYS.quickbiAccessKey}/${STACK_CONFIG_KEYS.quickbiSecretKey}, no ${STACK_CONFIG_KEYS.accessKey}/${STACK_CONFIG_KEYS.secretKey}`,
            "  env: no ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY",
            ...reasons.map((reason) => `  credentials chain, ${reason}`),
          ].join("\n"),
        ),
        { code: CREDENTIALS_UNAVAILABLE },
      );
    },
  };
}

/** Each step of the chain; a builder throws, or gives undefined, when the step is switched off or not configured. */
const CHAIN: readonly (readonly [string, () => CredentialsProvider | undefined])[] = [
  ["env ALIBABA_CLOUD_ACCESS_KEY_ID", () => EnvironmentVariableCredentialsProvider.builder().build()],
  ["OIDC/RRSA", () => OIDCRoleArnCredentialsProvider.builder().build()],
  ["CLI profile", () => CLIProfileCredentialsProvider.builder().build()],
  ["credentials file", () => ProfileCredentialsProvider.builder().build()],
  [
    "ECS RAM role",
    () => {
      const builder = ECSRAMRoleCredentialsProvider.builder();
      const role = process.env.ALIBABA_CLOUD_ECS_METADATA;
      return (role ? builder.withRoleName(role) : builder).build();
    },
  ],
  [
    "credentials URI",
    () => {
      const uri = process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
      return uri ? URICredentialsProvider.builder().withCredentialsURI(uri).build() : undefined;
    },
  ],
];
