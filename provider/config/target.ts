import { DEFAULTS, type Network } from "./defaults";
import { parseEndpoint, type Endpoint } from "./endpoint";
import { hasQuickBIEndpoint, QUICKBI_REGIONS, regionalEndpoint } from "./regions";
import { STACK_CONFIG_KEYS, type StackConfig } from "./stack-config";

/** Where one resource's calls go. */
export interface Target {
  readonly region: string;
  readonly endpoint: Endpoint;
}

/** A problem with the target, attributed to the resource property a user would change. */
export interface TargetFailure {
  readonly property: "region" | "endpoint";
  readonly reason: string;
}

/** What a resource says about where its calls go. */
export interface TargetRequest {
  /** The region argument. */
  readonly region?: string;
  /** The endpoint argument. */
  readonly endpoint?: string;
  /** An existing resource's record: the region and endpoint (a URL) its withdrawal used. */
  readonly recorded?: { readonly region: string; readonly endpoint: string };
}

const REGION_FORMAT = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/;

/**
 * Resolves the region and endpoint of one resource at run time, in the provider process.
 * Region: argument > recorded > quickbi:region > alicloud:region > ALIBABA_CLOUD_REGION_ID >
 * ALIBABA_CLOUD_REGION > ALICLOUD_REGION > cn-hangzhou. Endpoint: argument > quickbi:endpoint >
 * QUICKBI_ENDPOINT > recorded > the regional endpoint (VPC form with `quickbi:network vpc`). An
 * endpoint configured now beats the recorded one because it says where Quick BI (or the emulator, or a
 * proxy) is today; the recorded region stays, because moving it would be another organisation.
 */
export function resolveTarget(
  request: TargetRequest,
  config: StackConfig,
  env: NodeJS.ProcessEnv,
): Target | { readonly failures: readonly TargetFailure[] } {
  const failures: TargetFailure[] = [];
  const { value: region, source: regionSource } = firstOf([
    [request.region, "the region argument"],
    [request.recorded?.region, "the region the withdrawal used"],
    [config.region, `stack config ${STACK_CONFIG_KEYS.region}`],
    [config.alicloudRegion, `stack config ${STACK_CONFIG_KEYS.alicloudRegion}`],
    [env.ALIBABA_CLOUD_REGION_ID, "env ALIBABA_CLOUD_REGION_ID"],
    [env.ALIBABA_CLOUD_REGION, "env ALIBABA_CLOUD_REGION"],
    [env.ALICLOUD_REGION, "env ALICLOUD_REGION"],
  ]) ?? { value: DEFAULTS.region, source: "the default" };
  const given = firstOf([
    [request.endpoint, "the endpoint argument"],
    [config.endpoint, `stack config ${STACK_CONFIG_KEYS.endpoint}`],
    [env.QUICKBI_ENDPOINT, "env QUICKBI_ENDPOINT"],
    [request.recorded?.endpoint, "the endpoint the withdrawal used"],
  ]);

  if (!REGION_FORMAT.test(region)) {
    failures.push({
      property: "region",
      reason: `region ${JSON.stringify(region)} (from ${regionSource}) is not a region id; allowed: a region id such as "cn-hangzhou"`,
    });
  }

  let endpoint: Endpoint | undefined;
  if (given !== undefined) {
    const parsed = parseEndpoint(given.value);
    if ("invalid" in parsed)
      failures.push({ property: "endpoint", reason: `endpoint (from ${given.source}) ${parsed.invalid}` });
    else endpoint = parsed;
  } else if (failures.length === 0) {
    const network = config.network ?? DEFAULTS.network;
    if (!isNetwork(network)) {
      failures.push({
        property: "endpoint",
        reason: `stack config ${STACK_CONFIG_KEYS.network} is ${JSON.stringify(network)}; allowed: "public" or "vpc"`,
      });
    } else if (!hasQuickBIEndpoint(region)) {
      failures.push({
        property: "region",
        reason:
          `region ${JSON.stringify(region)} (from ${regionSource}) has no Quick BI OpenAPI endpoint; allowed: ${QUICKBI_REGIONS.join(", ")}. ` +
          `Set the region of your Quick BI organisation with \`pulumi config set ${STACK_CONFIG_KEYS.region} <region>\`, or give an endpoint.`,
      });
    } else {
      endpoint = { host: regionalEndpoint(region, network), protocol: "https" };
    }
  }

  if (failures.length > 0 || endpoint === undefined) return { failures };
  return { region, endpoint };
}

function isNetwork(value: string): value is Network {
  return value === "public" || value === "vpc";
}

function firstOf(
  candidates: readonly (readonly [string | undefined, string])[],
): { value: string; source: string } | undefined {
  for (const [value, source] of candidates) {
    if (value !== undefined && value !== "") return { value, source };
  }
  return undefined;
}
