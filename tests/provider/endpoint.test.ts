import assert from "node:assert/strict";
import { parseEndpoint } from "../../provider/config/endpoint";

function invalidReason(text: string): string {
  const parsed = parseEndpoint(text);
  if (!("invalid" in parsed)) assert.fail(`${text} was accepted as ${JSON.stringify(parsed)}`);
  return parsed.invalid;
}

describe("parseEndpoint", () => {
  it("takes a bare host as HTTPS", () => {
    assert.deepEqual(parseEndpoint("quickbi-public.cn-hangzhou.aliyuncs.com"), {
      host: "quickbi-public.cn-hangzhou.aliyuncs.com",
      protocol: "https",
    });
  });

  it("takes an http URL with a port, for the emulator", () => {
    assert.deepEqual(parseEndpoint("http://127.0.0.1:8080"), { host: "127.0.0.1:8080", protocol: "http" });
  });

  it("accepts a trailing slash", () => {
    assert.deepEqual(parseEndpoint("https://example.com/"), { host: "example.com", protocol: "https" });
  });

  it("rejects other schemes", () => {
    assert.match(invalidReason("ftp://example.com"), /scheme "ftp"; only http and https/);
  });

  it("rejects a path", () => {
    assert.match(invalidReason("https://example.com/api"), /has a path, query or fragment/);
  });

  it("rejects embedded credentials without echoing them", () => {
    const reason = invalidReason("https://LTEXAMPLE:hunter2@example.com");
    assert.match(reason, /user information/);
    assert.doesNotMatch(reason, /hunter2|LTEXAMPLE/);
  });

  it("rejects whitespace", () => {
    assert.match(invalidReason("exa mple.com"), /whitespace or control characters/);
  });

  it("rejects an empty endpoint", () => {
    assert.match(invalidReason(" "), /is empty/);
  });

  it("rejects a port above 65535", () => {
    assert.match(invalidReason("example.com:70000"), /not a valid host\[:port\]/);
  });

  it("rejects a host with an underscore or other stray characters", () => {
    assert.match(invalidReason("exa_mple.com"), /not a valid host/);
  });
});
