// ACS3-HMAC-SHA256 as the public specification describes it
// (https://alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature).
// Written from the spec on purpose: the emulator must catch a client whose signing drifts from it,
// which it could not do by calling the client's own signing code.
import { createHash, createHmac } from "node:crypto";

/** The only algorithm the emulator accepts. */
export const SIGNATURE_ALGORITHM = "ACS3-HMAC-SHA256";

/** The parts of a request that go into its signature. */
export interface SignableRequest {
  /** Upper-case HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Decoded path, e.g. `/`. */
  readonly path: string;
  /** Decoded query parameters, as name/value pairs (a name may repeat). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header values by lower-case name; only the signed ones are read. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Lower-case names of the signed headers, in any order. */
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body. */
  readonly hashedPayload: string;
}

/** Percent-encoding of RFC 3986: everything but `A-Za-z0-9-_.~` (so `*` is `%2A`, space `%20`). */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Encoded `name=value` pairs sorted by name (then value), joined by `&`. */
export function canonicalQueryString(query: SignableRequest["query"]): string {
  return query
    .map(([name, value]) => [rfc3986Encode(name), rfc3986Encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** The path with each segment encoded; `/` for an empty path. */
export function canonicalUri(path: string): string {
  return path === "" ? "/" : path.split("/").map(rfc3986Encode).join("/");
}

/** The CanonicalRequest string whose hash is signed. */
export function canonicalRequest(request: SignableRequest): string {
  const names = [...request.signedHeaders].map((n) => n.toLowerCase()).sort();
  const headers = names.map((name) => `${name}:${(request.headers[name] ?? "").trim()}\n`).join("");
  return [
    request.method,
    canonicalUri(request.path),
    canonicalQueryString(request.query),
    headers,
    names.join(";"),
    request.hashedPayload,
  ].join("\n");
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function stringToSign(canonical: string): string {
  return `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonical)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret. */
export function signature(accessKeySecret: string, toSign: string): string {
  return createHmac("sha256", accessKeySecret).update(toSign).digest("hex");
}

/** Signs a request end to end: the signature the client should have sent. */
export function signRequest(request: SignableRequest, accessKeySecret: string): string {
  return signature(accessKeySecret, stringToSign(canonicalRequest(request)));
}

/** The three fields of an `Authorization: ACS3-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

/**
 * Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`.
 * @returns undefined when the header is not of that form.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const prefix = `${SIGNATURE_ALGORITHM} `;
  if (!header.startsWith(prefix)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const sig = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !sig) return undefined;
  return { accessKeyId, signedHeaders: signedHeaders.split(";").map((h) => h.toLowerCase()), signature: sig };
}
