import { timingSafeEqual } from "node:crypto";
import type { AccessKeyPair } from "./credentials";
import { ApiError } from "./errors";
import { NonceCache } from "./nonce-cache";
import { parseAuthorization, signRequest, type SignableRequest } from "./signature";

/** A request as received, decoded once by the server. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names, as Node gives them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Hex SHA-256 of the body actually received. */
  readonly bodySha256: string;
}

/** The outcome of authentication; on failure it still says how far the request got, for the log. */
export type Authentication =
  | { readonly ok: true; readonly accessKeyId: string; readonly action: string }
  | {
      readonly ok: false;
      readonly error: ApiError;
      readonly accessKeyId?: string;
      readonly signatureVerified: boolean;
    };

/** What the authenticator checks against. */
export interface AuthenticatorOptions {
  readonly accessKeys: readonly AccessKeyPair[];
  readonly apiVersion: string;
  readonly maxSkewMs: number;
  readonly isKnownAction: (action: string) => boolean;
  readonly clock: () => number;
}

const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Checks a request the way the API gateway does, cheapest and most fundamental checks first:
 * Authorization header, AccessKey, STS token, date, signature, nonce, version, action. The nonce is only
 * recorded once the signature verified, so unsigned junk cannot burn a legitimate client's nonce.
 */
export class Authenticator {
  private readonly keys: Map<string, AccessKeyPair>;
  private readonly nonces: NonceCache;

  constructor(private readonly options: AuthenticatorOptions) {
    this.keys = new Map(options.accessKeys.map((k) => [k.accessKeyId, k]));
    // A nonce must be remembered while a request dated anywhere inside the skew window could arrive.
    this.nonces = new NonceCache(2 * options.maxSkewMs);
  }

  authenticate(request: ReceivedRequest): Authentication {
    const fail = (error: ApiError, accessKeyId?: string, signatureVerified = false): Authentication => ({
      ok: false,
      error,
      signatureVerified,
      ...(accessKeyId === undefined ? {} : { accessKeyId }),
    });
    const { headers } = request;
    const header = headers.authorization;
    if (!header) return fail(new ApiError("MissingAuthorization"));
    const auth = parseAuthorization(header);
    if (!auth) {
      return fail(
        new ApiError(
          "IncompleteSignature",
          "Authorization must be ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=….",
        ),
      );
    }
    const { accessKeyId } = auth;
    const key = this.keys.get(accessKeyId);
    if (!key) return fail(new ApiError("InvalidAccessKeyId.NotFound"), accessKeyId);

    const tokenError = this.checkSecurityToken(key, headers);
    if (tokenError) return fail(tokenError, accessKeyId);

    const date = headers["x-acs-date"];
    if (!date || !DATE_FORMAT.test(date)) return fail(new ApiError("InvalidTimeStamp.Format"), accessKeyId);
    if (Math.abs(this.options.clock() - Date.parse(date)) > this.options.maxSkewMs) {
      return fail(new ApiError("InvalidTimeStamp.Expired"), accessKeyId);
    }

    const signatureError = this.checkSignature(
      request,
      auth.signedHeaders,
      auth.signature,
      key.accessKeySecret,
    );
    if (signatureError) return fail(signatureError, accessKeyId);

    const nonce = headers["x-acs-signature-nonce"];
    if (!nonce) return fail(new ApiError("MissingSignatureNonce"), accessKeyId, true);
    if (!this.nonces.add(nonce, this.options.clock()))
      return fail(new ApiError("SignatureNonceUsed"), accessKeyId, true);

    const version = headers["x-acs-version"];
    if (!version) return fail(new ApiError("MissingVersion"), accessKeyId, true);
    if (version !== this.options.apiVersion) {
      return fail(
        new ApiError(
          "InvalidVersion",
          `Specified parameter Version "${version}" is not valid; expected ${this.options.apiVersion}.`,
        ),
        accessKeyId,
        true,
      );
    }
    const action = headers["x-acs-action"];
    if (!action) return fail(new ApiError("MissingAction"), accessKeyId, true);
    if (!this.options.isKnownAction(action)) {
      return fail(
        new ApiError("InvalidApi.NotFound", `Specified api "${action}" is not found.`),
        accessKeyId,
        true,
      );
    }
    return { ok: true, accessKeyId, action };
  }

  private checkSecurityToken(key: AccessKeyPair, headers: ReceivedRequest["headers"]): ApiError | undefined {
    const token = headers["x-acs-security-token"];
    if (key.securityToken === undefined) {
      return token === undefined ? undefined : new ApiError("InvalidSecurityToken.MismatchWithAccessKey");
    }
    if (token === undefined) return new ApiError("MissingSecurityToken");
    const headerKeyId = headers["x-acs-accesskey-id"];
    if (
      !safeEqual(token, key.securityToken) ||
      (headerKeyId !== undefined && headerKeyId !== key.accessKeyId)
    ) {
      return new ApiError("InvalidSecurityToken.MismatchWithAccessKey");
    }
    return undefined;
  }

  private checkSignature(
    request: ReceivedRequest,
    signedHeaders: string[],
    claimed: string,
    secret: string,
  ): ApiError | undefined {
    const declared = request.headers["x-acs-content-sha256"];
    if (declared !== undefined && declared !== request.bodySha256) {
      return new ApiError(
        "SignatureDoesNotMatch",
        "x-acs-content-sha256 does not match the SHA-256 of the body received.",
      );
    }
    // Every header that can change the meaning of the request must be covered by the signature.
    for (const name of Object.keys(request.headers)) {
      if (
        (name === "host" || name === "content-type" || name.startsWith("x-acs-")) &&
        !signedHeaders.includes(name)
      ) {
        return new ApiError("SignatureDoesNotMatch", `Header ${name} must be listed in SignedHeaders.`);
      }
    }
    const signable: SignableRequest = {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      signedHeaders,
      hashedPayload: request.bodySha256,
    };
    const expected = signRequest(signable, secret);
    return safeEqual(expected, claimed) ? undefined : new ApiError("SignatureDoesNotMatch");
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
