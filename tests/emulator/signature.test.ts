import assert from "node:assert/strict";
import {
  canonicalQueryString,
  canonicalRequest,
  parseAuthorization,
  rfc3986Encode,
  sha256Hex,
  signRequest,
  type SignableRequest,
} from "../../emulator";

// The worked example of https://alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature:
// a test vector nobody on this project wrote.
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const OFFICIAL_EXAMPLE: SignableRequest = {
  method: "POST",
  path: "/",
  query: [
    ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
    ["RegionId", "cn-shanghai"],
  ],
  headers: {
    host: "ecs.cn-shanghai.aliyuncs.com",
    "x-acs-action": "RunInstances",
    "x-acs-version": "2014-05-26",
    "x-acs-date": "2023-10-26T10:22:32Z",
    "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
    "x-acs-content-sha256": EMPTY_BODY_SHA256,
  },
  signedHeaders: [
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
  ],
  hashedPayload: EMPTY_BODY_SHA256,
};

describe("ACS3-HMAC-SHA256 signature module", () => {
  it("reproduces the official example's canonical request hash", () => {
    // when
    const hash = sha256Hex(canonicalRequest(OFFICIAL_EXAMPLE));
    // then
    assert.equal(hash, "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  });

  it("reproduces the official example's signature", () => {
    // when
    const sig = signRequest(OFFICIAL_EXAMPLE, "YourAccessKeySecret");
    // then
    assert.equal(sig, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  });

  it("ignores the order of SignedHeaders as given", () => {
    // given
    const reordered = { ...OFFICIAL_EXAMPLE, signedHeaders: [...OFFICIAL_EXAMPLE.signedHeaders].reverse() };
    // then
    assert.equal(
      signRequest(reordered, "YourAccessKeySecret"),
      signRequest(OFFICIAL_EXAMPLE, "YourAccessKeySecret"),
    );
  });

  it("percent-encodes as RFC 3986 says, including * and space", () => {
    assert.equal(rfc3986Encode("a b*c~d'(!)/é"), "a%20b%2Ac~d%27%28%21%29%2F%C3%A9");
  });

  it("sorts query parameters by encoded name", () => {
    // when
    const canonical = canonicalQueryString([
      ["UserId", "x y"],
      ["Action", "A"],
      ["Keyword", ""],
    ]);
    // then
    assert.equal(canonical, "Action=A&Keyword=&UserId=x%20y");
  });

  it("parses an Authorization header into its three fields", () => {
    // when
    const parsed = parseAuthorization(
      "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=abc",
    );
    // then
    assert.deepEqual(parsed, { accessKeyId: "AK", signedHeaders: ["host", "x-acs-date"], signature: "abc" });
  });

  it("refuses an Authorization header of another algorithm", () => {
    assert.equal(parseAuthorization("acs AK:signature"), undefined);
  });
});
