/** Where the OpenAPI client sends requests: `@alicloud/openapi-client` takes the host and protocol apart. */
export interface Endpoint {
  /** `host` or `host:port`, as `Config.endpoint` expects it. */
  readonly host: string;
  readonly protocol: "http" | "https";
}

// A DNS name or IPv4 address with an optional port; IPv6 literals are not accepted by the client's
// `host` header handling, so they are rejected here rather than failing at request time.
const HOST_PORT =
  /^(?=.{1,253}(?::\d+)?$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::(\d{1,5}))?$/;

/**
 * Parses an endpoint given as a host (`quickbi-public.cn-hangzhou.aliyuncs.com`, HTTPS) or as a URL
 * with `http`/`https` and no path, query or embedded credentials (`http://127.0.0.1:8080` for the
 * emulator). Returns the reason it is invalid, phrased to follow "endpoint …".
 */
export function parseEndpoint(text: string): Endpoint | { readonly invalid: string } {
  const allowed =
    'allowed: a host such as "quickbi-public.cn-hangzhou.aliyuncs.com" or an http(s) URL such as "http://127.0.0.1:8080" with no path';
  if (text.trim() === "") return { invalid: `is empty; ${allowed}` };
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(text))
    return { invalid: `${JSON.stringify(text)} contains whitespace or control characters; ${allowed}` };
  let protocol: Endpoint["protocol"] = "https";
  let host = text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (scheme) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { invalid: `${JSON.stringify(text)} is not a valid URL; ${allowed}` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return {
        invalid: `${JSON.stringify(text)} uses the scheme "${url.protocol.slice(0, -1)}"; only http and https are allowed`,
      };
    }
    if (url.username !== "" || url.password !== "") {
      // Never echo the URL back: it carries what looks like a credential.
      return {
        invalid:
          "contains user information (user:password@); put credentials in alicloud:accessKey/secretKey instead",
      };
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
      return { invalid: `${JSON.stringify(text)} has a path, query or fragment; ${allowed}` };
    }
    protocol = url.protocol === "http:" ? "http" : "https";
    host = url.host;
  }
  const match = HOST_PORT.exec(host);
  if (!match || (match[1] !== undefined && Number(match[1]) > 65535)) {
    return { invalid: `${JSON.stringify(text)} is not a valid host[:port]; ${allowed}` };
  }
  return { host: host.toLowerCase(), protocol };
}

/** `http://127.0.0.1:8080`: how the state records an endpoint, and the key of its client. */
export function endpointUrl(endpoint: Endpoint): string {
  return `${endpoint.protocol}://${endpoint.host}`;
}
