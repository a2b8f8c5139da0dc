import assert from "node:assert/strict";
import { resolveTarget, type Target, type TargetFailure } from "../../provider/config/target";

function resolved(result: ReturnType<typeof resolveTarget>): Target {
  if ("failures" in result) assert.fail(`unexpected failures: ${JSON.stringify(result.failures)}`);
  return result;
}

function failures(result: ReturnType<typeof resolveTarget>): readonly TargetFailure[] {
  if (!("failures" in result)) assert.fail(`expected failures, resolved ${JSON.stringify(result)}`);
  return result.failures;
}

describe("resolveTarget", () => {
  it("defaults to cn-hangzhou's public endpoint over HTTPS", () => {
    const target = resolved(resolveTarget({}, {}, {}));
    assert.equal(target.region, "cn-hangzhou");
    assert.deepEqual(target.endpoint, { host: "quickbi-public.cn-hangzhou.aliyuncs.com", protocol: "https" });
  });

  it("prefers the region argument over every config and variable", () => {
    const target = resolved(
      resolveTarget(
        { region: "ap-southeast-1" },
        { region: "eu-central-1", alicloudRegion: "us-east-1" },
        { ALIBABA_CLOUD_REGION_ID: "cn-hongkong" },
      ),
    );
    assert.equal(target.region, "ap-southeast-1");
  });

  it("prefers quickbi:region over alicloud:region", () => {
    assert.equal(
      resolved(resolveTarget({}, { region: "eu-central-1", alicloudRegion: "cn-beijing" }, {})).region,
      "eu-central-1",
    );
  });

  it("falls back through ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_REGION, ALICLOUD_REGION in that order", () => {
    assert.equal(
      resolved(resolveTarget({}, {}, { ALIBABA_CLOUD_REGION: "us-east-1", ALICLOUD_REGION: "cn-hongkong" }))
        .region,
      "us-east-1",
    );
    assert.equal(resolved(resolveTarget({}, {}, { ALICLOUD_REGION: "cn-hongkong" })).region, "cn-hongkong");
    assert.equal(
      resolved(
        resolveTarget({}, {}, { ALIBABA_CLOUD_REGION_ID: "me-central-1", ALIBABA_CLOUD_REGION: "us-east-1" }),
      ).region,
      "me-central-1",
    );
  });

  it("uses the VPC endpoint when quickbi:network is vpc", () => {
    assert.equal(
      resolved(resolveTarget({}, { network: "vpc" }, {})).endpoint.host,
      "quickbi-public-vpc.cn-hangzhou.aliyuncs.com",
    );
  });

  it("rejects a region without a Quick BI endpoint, naming where it came from and how to fix it", () => {
    const [failure] = failures(resolveTarget({}, { alicloudRegion: "cn-beijing" }, {}));
    assert.equal(failure!.property, "region");
    assert.match(
      failure!.reason,
      /"cn-beijing" \(from stack config alicloud:region\) has no Quick BI OpenAPI endpoint/,
    );
    assert.match(failure!.reason, /pulumi config set quickbi:region/);
  });

  it("accepts any region when an endpoint is given", () => {
    const target = resolved(
      resolveTarget({ endpoint: "http://127.0.0.1:9000" }, { alicloudRegion: "cn-beijing" }, {}),
    );
    assert.deepEqual(target.endpoint, { host: "127.0.0.1:9000", protocol: "http" });
    assert.equal(target.region, "cn-beijing");
  });

  it("prefers the endpoint argument over quickbi:endpoint over QUICKBI_ENDPOINT", () => {
    const env = { QUICKBI_ENDPOINT: "http://127.0.0.1:3" };
    assert.equal(
      resolved(resolveTarget({ endpoint: "127.0.0.1:1" }, { endpoint: "127.0.0.1:2" }, env)).endpoint.host,
      "127.0.0.1:1",
    );
    assert.equal(resolved(resolveTarget({}, { endpoint: "127.0.0.1:2" }, env)).endpoint.host, "127.0.0.1:2");
    assert.equal(resolved(resolveTarget({}, {}, env)).endpoint.host, "127.0.0.1:3");
  });

  it("rejects an unknown quickbi:network", () => {
    assert.match(
      failures(resolveTarget({}, { network: "intranet" }, {}))[0]!.reason,
      /quickbi:network is "intranet"; allowed: "public" or "vpc"/,
    );
  });

  it("rejects a region that is not a region id", () => {
    assert.match(failures(resolveTarget({ region: "Hangzhou!" }, {}, {}))[0]!.reason, /is not a region id/);
  });
});
