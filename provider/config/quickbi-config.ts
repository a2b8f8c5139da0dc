import type { Integer } from "../integer";

/**
 * The `quickbi:*` stack configuration, one property per key (`readTimeout` is `quickbi:readTimeout`):
 * the declaration schema.json's config block, the SDKs' config getters, the docs' config table and
 * the list of known keys (known-config-keys.ts) are generated from (`npm run generate`). Every value
 * arrives as a string (`pulumi config set`); stack-config.ts reads and checks it.
 */
export interface QuickBIStackConfig {
  /**
   * The Quick BI OpenAPI endpoint: a host, or an http(s)://host[:port] URL (the emulator).
   * @default - env `QUICKBI_ENDPOINT`, then `quickbi-public.<region>.aliyuncs.com`
   */
  readonly endpoint?: string;
  /**
   * Region of the Quick BI organisation.
   * @default - env `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_REGION`, `ALICLOUD_REGION`, then `cn-hangzhou`
   * (`alicloud:region` reaches the Offboarding component only)
   */
  readonly region?: string;
  /**
   * `public` or `vpc`, for the `quickbi-public-vpc.<region>.aliyuncs.com` endpoint.
   * @default "public"
   */
  readonly network?: string;
  /** Milliseconds per HTTP attempt. @default 10000 */
  readonly readTimeout?: Integer;
  /** Milliseconds to connect. @default 5000 */
  readonly connectTimeout?: Integer;
  /**
   * The retry budget, the first attempt included: per read, and for all of a revocation's
   * `WithdrawAllUserGroups` together (withdraw-and-verify rounds included).
   * @default 5
   */
  readonly maxAttempts?: Integer;
  /**
   * Backoff base in milliseconds: the wait before attempt n+1 is uniform in
   * [0, min(retryMaxDelay, base*2^(n-1))].
   * @default 500
   */
  readonly retryBaseDelay?: Integer;
  /** Backoff cap in milliseconds. @default 20000 */
  readonly retryMaxDelay?: Integer;
  /**
   * Requests per second to Quick BI from one provider process, retries included, shared by every
   * resource.
   * @default 10
   */
  readonly qps?: Integer;
  /** Requests in flight at once from one provider process. @default 4 */
  readonly concurrency?: Integer;
  /** The removal guard's limit: the most people one update of an Offboarding may offboard. @default 10 */
  readonly maxRemovalsPerUpdate?: Integer;
  /**
   * Whether a preview whose impact cannot be read (credentials, permission, endpoint) fails instead of
   * passing with "impact unknown"; a revocation's `strictPreview` input overrides it.
   * @default true
   */
  readonly strictPreview?: boolean;
  /**
   * AccessKey ID. Unlike `alicloud:accessKey`, it reaches the plugin in every command from every
   * language (a refresh runs no Construct); set it with `--secret`, since the engine keeps a default
   * provider's config in the state, encrypted only when secret.
   * @default - `alicloud:accessKey` where it reaches the provider, then the Alibaba Cloud credentials chain
   * @secret
   */
  readonly accessKey?: string;
  /**
   * AccessKey secret, with `quickbi:accessKey`; set it with `--secret`.
   * @default - `alicloud:secretKey` where it reaches the provider, then the Alibaba Cloud credentials chain
   * @secret
   */
  readonly secretKey?: string;
  /**
   * STS security token, with `quickbi:accessKey` and `quickbi:secretKey` when they are STS credentials;
   * set it with `--secret`.
   * @default - none
   * @secret
   */
  readonly securityToken?: string;
  /**
   * The scope of every revocation that sets none: step names separated by commas
   * (`groups,workspaces,organizationRoles,account`) or a JSON list. `groups` is always done; a
   * revocation's or a people entry's `scope` overrides it.
   * @default "groups"
   */
  readonly scope?: string;
}
