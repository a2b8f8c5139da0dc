// Requests sent without the SDK: to replay a captured request with one thing changed, or to send what
// the SDK never would (a form body, no Authorization header).
import { request } from "node:http";
import { canonicalQueryString, sha256Hex, signRequest } from "../../../emulator";

/** A request on the wire. */
export interface RawRequest {
  method: string;
  /** Path and query, e.g. `/?UserId=abc`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request to 127.0.0.1:port and reads the whole answer. */
export function sendRaw(port: number, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: raw.method, path: raw.url, headers: raw.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(raw.body);
  });
}

/** What to sign in {@link signedRequest}. */
export interface SignedRequestSpec {
  host: string;
  action: string;
  accessKeyId: string;
  accessKeySecret: string;
  query?: Record<string, string>;
  /** A form-encoded body. */
  form?: Record<string, string>;
  version?: string;
  nonce?: string;
  date?: string;
}

/**
 * Builds an ACS3-HMAC-SHA256 request with the emulator's own signing functions (the SDK cannot send a
 * form body for RPC calls). Its correctness rests on the SDK-driven tests and the official test vector.
 */
export function signedRequest(spec: SignedRequestSpec): RawRequest {
  const query = Object.entries(spec.query ?? {});
  const body = spec.form ? new URLSearchParams(spec.form).toString() : "";
  const headers: Record<string, string> = {
    host: spec.host,
    "x-acs-action": spec.action,
    "x-acs-version": spec.version ?? "2022-01-01",
    "x-acs-date": spec.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": spec.nonce ?? `${Date.now()}-${Math.random()}`,
    "x-acs-content-sha256": sha256Hex(body),
    ...(spec.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
  };
  const signedHeaders = Object.keys(headers).sort();
  const sig = signRequest(
    { method: "POST", path: "/", query, headers, signedHeaders, hashedPayload: sha256Hex(body) },
    spec.accessKeySecret,
  );
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${spec.accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${sig}`;
  const qs = canonicalQueryString(query);
  return { method: "POST", url: qs === "" ? "/" : `/?${qs}`, headers, body };
}
