/**
 * Every default of the provider, in one place. Stack config (`quickbi:*`) overrides each of them;
 * see `stack-config.ts` for the key names.
 */
export const DEFAULTS = {
  /** Quick BI's documented default region and the first one the service launched in. */
  region: "cn-hangzhou",
  /** `public` uses `quickbi-public.<region>.aliyuncs.com`; `vpc` uses `quickbi-public-vpc.<region>…`. */
  network: "public",
  /** Per HTTP attempt. The client's own default (3 s) is too short for a loaded regional gateway. */
  readTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  /** Attempts per Quick BI operation, first one included. */
  maxAttempts: 5,
  /** Exponential backoff with full jitter: attempt n waits random(0, min(max, base * 2^(n-1))). */
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 20_000,
  /**
   * Requests per second from one provider process, retries included, shared by every resource. Quick BI
   * publishes no per-API quota; 10/s stays under the OpenAPI gateway's usual per-account default
   * while 500 people still take under a minute per pass.
   */
  qps: 10,
  /** Requests in flight at once from one provider process. */
  concurrency: 4,
  /** The most people one update may offboard before the removal guard refuses (raise it on purpose). */
  maxRemovalsPerUpdate: 10,
  /** A user Quick BI does not know fails the revocation unless the program says it may count as offboarded. */
  onMissingUser: "fail",
  /** Sent with every request, so that Quick BI's and ActionTrail's logs say which tool made the call. */
  userAgent: "pulumi-quickbi-offboarding",
  /**
   * A preview whose impact cannot be read (credentials, permission, endpoint) fails rather than passing
   * with "impact unknown": a green pull-request check must mean someone could see the effect.
   */
  strictPreview: true,
  /**
   * What an offboarding takes away: the user groups only, the contract of every release before `scope`.
   * Workspaces, organisation roles and the account are opt-in (see provider/revocation/scope.ts).
   */
  scope: "groups",
  /**
   * A refresh reads the first 50 people of a run one by one (three calls each), then the whole
   * organisation once (about one call per group and per workspace) for everyone after: below that, the
   * organisation's listings could cost more than the people's own reads.
   */
  refreshSnapshotAfter: 50,
} as const satisfies Readonly<Record<string, string | number | boolean>>;

export type Network = "public" | "vpc";
