import type { Network } from "./defaults";

/**
 * Regions where Quick BI's OpenAPI has an endpoint (Alibaba Cloud's endpoint page for
 * quickbi-public 2022-01-01). Notably absent: cn-beijing, the default region of `@pulumi/alicloud`,
 * and cn-shanghai — a stack that only sets `alicloud:region` to one of those must say where its
 * Quick BI organisation lives.
 */
export const QUICKBI_REGIONS: readonly string[] = [
  "cn-hangzhou",
  "cn-shanghai-finance-1",
  "cn-hongkong",
  "ap-southeast-1",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-northeast-1",
  "eu-central-1",
  "us-east-1",
  "me-central-1",
];

export function hasQuickBIEndpoint(region: string): boolean {
  return QUICKBI_REGIONS.includes(region);
}

/** The regional OpenAPI host for a region that {@link hasQuickBIEndpoint}. */
export function regionalEndpoint(region: string, network: Network): string {
  return network === "vpc"
    ? `quickbi-public-vpc.${region}.aliyuncs.com`
    : `quickbi-public.${region}.aliyuncs.com`;
}
