import { DEFAULTS, type Network } from "./defaults";
import { parseEndpoint, type Endpoint } from "./endpoint";
import { hasQuickBIEndpoint, QUICKBI_REGIONS, regionalEndpoint } from "./regions";
import { STACK_CONFIG_KEYS, type StackConfig } from "./stack-config";

/** Where one resource's calls go, and where each half of that answer came from (for messages). */
export interface Target {
  readonly region: string;
  readonly regionSource: string;
  readonly endpoint: Endpoint;
  readonly endpointSource: string;
  /** True when no endpoint was given anywhere and the regional one was derived from the region. */
  readonly endpointIsRegional: boolean;
}

/** A problem with the target, attributed to the resource property a user would change. */
export interface TargetFailure {
  readonly property: "region" | "endpoint";
  readonly reason: string;
}

const REGION_FORMAT = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/;

/**
 * Resolves the region and endpoint of one resource at run time, in the provider process.
 * Region: arg > quickbi:region > alicloud:region > ALIBABA_CLOUD_REGION_ID > ALIBABA_CLOUD_REGION >
 * ALICLOUD_REGION > cn-hangzhou. Endpoint: arg > quickbi:endpoint > QUICKBI_ENDPOINT > the regional
 * endpoint (VPC form with `quickbi:network vpc`).
 */
export function resolveTarget(
  args: { readonly region?: string; readonly endpoint?: string },
  config: StackConfig,
  env: NodeJS.ProcessEnv,
): Target | { readonly failures: readonly TargetFailure[] } {
  const failures: TargetFailure[] = [];
  const { value: region, source: regionSource } = firstOf([
    [args.region, "the region argument"],
    [config.region, `stack config ${STACK_CONFIG_KEYS.region}`],
    [config.alicloudRegion, `stack config ${STACK_CONFIG_KEYS.alicloudRegion}`],
    [env.ALIBABA_CLOUD_REGION_ID, "env ALIBABA_CLOUD_REGION_ID"],
    [env.ALIBABA_CLOUD_REGION, "env ALIBABA_CLOUD_REGION"],
    [env.ALICLOUD_REGION, "env ALICLOUD_REGION"],
  ]) ?? { value: DEFAULTS.region, source: "the default" };
  const endpointPick = firstOf([
    [args.endpoint, "the endpoint argument"],
    [config.endpoint, `stack config ${STACK_CONFIG_KEYS.endpoint}`],
    [env.QUICKBI_ENDPOINT, "env QUICKBI_ENDPOINT"],
  ]);
  const endpointText = endpointPick?.value;
  const endpointSource = endpointPick?.source;

  if (!REGION_FORMAT.test(region)) {
    failures.push({
      property: "region",
      reason: `region ${JSON.stringify(region)} (from ${regionSource}) is not a region id; allowed: a region id such as "cn-hangzhou"`,
    });
  }

  let endpoint: Endpoint | undefined;
  if (endpointText !== undefined) {
    const parsed = parseEndpoint(endpointText);
    if ("invalid" in parsed)
      failures.push({ property: "endpoint", reason: `endpoint (from ${endpointSource}) ${parsed.invalid}` });
    else endpoint = parsed;
  } else if (failures.length === 0) {
    const network = config.network ?? DEFAULTS.network;
    if (network !== "public" && network !== "vpc") {
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
      endpoint = { host: regionalEndpoint(region, network as Network), protocol: "https" };
    }
  }

  if (failures.length > 0 || endpoint === undefined) return { failures };
  return {
    region,
    regionSource,
    endpoint,
    endpointSource: endpointSource ?? `the ${config.network ?? DEFAULTS.network} endpoint of ${region}`,
    endpointIsRegional: endpointText === undefined,
  };
}

function firstOf(
  candidates: readonly (readonly [string | undefined, string])[],
): { value: string; source: string } | undefined {
  for (const [value, source] of candidates) {
    if (value !== undefined && value !== "") return { value, source };
  }
  return undefined;
}
