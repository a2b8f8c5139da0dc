import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { Endpoint } from "../config/endpoint";
import { CREDENTIALS_UNAVAILABLE, type CredentialSource } from "../config/credentials";
import { DEFAULTS } from "../config/defaults";
import type { CallPolicy } from "../config/stack-config";
import { isRetryableCode, QuickBIRequestError, redact, type QuickBIUser } from "./errors";
import { UNLIMITED, type RateLimiter } from "./rate-limit";
import { withRetry, type Attempt, type AttemptBudget, type RetryHooks } from "./retry";

/** Quick BI's OpenAPI version this package speaks. */
export const QUICKBI_API_VERSION = "2022-01-01";

/**
 * The fixed call parameters of every Quick BI operation, as the official SDK
 * (`quickbi-public-20220101`) sets them: RPC style, POST, parameters in the query, JSON answers.
 */
export function quickBIParams(action: string, version: string = QUICKBI_API_VERSION): $OpenApi.Params {
  return new $OpenApi.Params({
    action,
    version,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
}

/** The successful answer of one operation: `Success` was true. */
export interface QuickBIResponse {
  readonly requestId: string;
  readonly result: unknown;
}

/**
 * The only seam through which the provider reaches Quick BI. `user` is whom the call is about, for
 * error messages. Rejects with {@link QuickBIRequestError} once retries are spent.
 */
export interface QuickBIClient {
  call(
    action: string,
    query: Readonly<Record<string, string>>,
    user: QuickBIUser,
    options?: CallOptions,
  ): Promise<QuickBIResponse>;
}

/** The shape an operation's `Result` must have for the answer to count as done. */
export type ResultShape = "true" | "array" | "object";

export interface CallOptions {
  /**
   * A 2xx answer whose `Result` is not of this shape is a retryable failure (code `ResultFalse`):
   * Quick BI answers `Success: true, Result: false` when it did not do the operation, and a list or a
   * lookup that came back `false` must never be read as "no groups" or "no user".
   * @default - `Result` is returned as it is
   */
  readonly result?: ResultShape;
  /**
   * The attempts this call draws from, shared with other calls (every WithdrawAllUserGroups of one
   * revocation). It must have one left.
   * @default - `quickbi:maxAttempts` attempts for this call alone
   */
  readonly budget?: AttemptBudget;
}

function hasShape(result: unknown, shape: ResultShape): boolean {
  if (shape === "true") return result === true;
  if (shape === "array") return Array.isArray(result);
  return typeof result === "object" && result !== null && !Array.isArray(result);
}

export interface QuickBIClientOptions {
  readonly endpoint: Endpoint;
  readonly region: string;
  readonly credentials: CredentialSource;
  readonly policy: CallPolicy;
  readonly hooks?: RetryHooks;
  /** @default DEFAULTS.userAgent */
  readonly userAgent?: string;
  /** Every HTTP attempt, retries included, goes through it. @default UNLIMITED */
  readonly limiter?: RateLimiter;
}

/** One failed attempt in Quick BI's vocabulary, described where it happened. */
export interface AttemptFailure {
  readonly code: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly detail: string;
  /** What `@alicloud/openapi-client` threw, if it threw: it holds the signed request, so only its redacted message is kept. */
  readonly thrown?: unknown;
}

/** A {@link QuickBIClient} over `@alicloud/openapi-client`: ACS3-HMAC-SHA256, RPC style, POST. */
export function createQuickBIClient(options: QuickBIClientOptions): QuickBIClient {
  const { endpoint, region, credentials, policy } = options;
  const limiter = options.limiter ?? UNLIMITED;
  const api = new OpenApi(
    new $OpenApi.Config({
      credential: credentials.credential,
      endpoint: endpoint.host,
      protocol: endpoint.protocol,
      regionId: region,
      readTimeout: policy.readTimeoutMs,
      connectTimeout: policy.connectTimeoutMs,
      userAgent: options.userAgent ?? DEFAULTS.userAgent,
    }),
  );
  // The client never retries on its own (checked for 0.4.15); retries are this module's job.
  const runtime = new RuntimeOptions({
    readTimeout: policy.readTimeoutMs,
    connectTimeout: policy.connectTimeoutMs,
    autoretry: false,
    maxAttempts: 1,
  });

  async function attempt(
    action: string,
    query: Readonly<Record<string, string>>,
    options: CallOptions,
  ): Promise<Attempt<QuickBIResponse, AttemptFailure>> {
    let response: { statusCode?: number; body?: unknown };
    try {
      response = await api.callApi(
        quickBIParams(action),
        new $OpenApi.OpenApiRequest({ query: { ...query } }),
        runtime,
      );
    } catch (thrown) {
      return { failure: { ...describeFailure(thrown), thrown } };
    }
    const body = (response.body ?? {}) as { RequestId?: unknown; Success?: unknown; Result?: unknown };
    const answer = {
      httpStatus: response.statusCode,
      ...(typeof body.RequestId === "string" ? { requestId: body.RequestId } : {}),
    };
    if (body.Success !== true) {
      const detail = `the response was HTTP ${response.statusCode} with Success ${String(body.Success)}`;
      return { failure: { code: "SuccessFalse", ...answer, detail } };
    }
    if (options.result !== undefined && !hasShape(body.Result, options.result)) {
      const detail = `Quick BI answered Success true but Result ${JSON.stringify(body.Result) ?? "undefined"}: the operation was not done`;
      return { failure: { code: "ResultFalse", ...answer, detail } };
    }
    return { value: { requestId: answer.requestId ?? "", result: body.Result } };
  }

  return {
    async call(action, query, user, callOptions = {}) {
      const outcome = await withRetry(
        () => limiter.schedule(() => attempt(action, query, callOptions)),
        (failure) => isRetryableCode(failure.code, failure.httpStatus),
        policy,
        options.hooks,
        callOptions.budget,
      );
      if ("value" in outcome) return outcome.value;
      const { code, httpStatus, requestId, detail, thrown } = outcome.failure;
      const secrets = [...credentials.knownSecrets, ...(await chainSecrets(credentials))];
      throw new QuickBIRequestError({
        operation: action,
        user,
        code,
        httpStatus,
        requestId,
        attempts: outcome.attempts,
        detail: redact(detail, secrets),
        ...(thrown !== undefined
          ? { cause: new Error(redact(thrown instanceof Error ? thrown.message : String(thrown), secrets)) }
          : {}),
      });
    },
  };
}

/** Turns whatever `@alicloud/openapi-client` threw into Quick BI's vocabulary. */
export function describeFailure(error: unknown): Omit<AttemptFailure, "thrown"> {
  const e = (error ?? {}) as {
    name?: string;
    message?: string;
    code?: unknown;
    statusCode?: number;
    data?: { RequestId?: string; Message?: string; statusCode?: number };
  };
  const message = separateRequestLine(String(e.message ?? error));
  if (e.data && typeof e.code === "string" && e.code !== "undefined") {
    return {
      code: e.code,
      httpStatus: e.data.statusCode ?? e.statusCode,
      requestId: e.data.RequestId,
      detail: e.data.Message ?? message,
    };
  }
  // Thrown by the credentials chain before any request is sent (see config/credentials.ts).
  if (e.code === CREDENTIALS_UNAVAILABLE) return { code: CREDENTIALS_UNAVAILABLE, detail: message };
  if (e.name === "SyntaxError") {
    // A proxy's HTML error page (502/503) instead of Quick BI's JSON; the client loses the status.
    return {
      code: "NonJsonBody",
      detail: "the gateway answered with a body that is not JSON (an HTML error page?)",
    };
  }
  if (/ReadTimeout/.test(message))
    return { code: "ReadTimeout", detail: "no answer within quickbi:readTimeout" };
  if (/ConnectTimeout/.test(message))
    return { code: "ConnectTimeout", detail: "could not connect within quickbi:connectTimeout" };
  if (typeof e.code === "string" && /^E[A-Z_]+$/.test(e.code)) return { code: e.code, detail: message };
  if (/socket hang up/i.test(message)) return { code: "SocketHangUp", detail: message };
  if (/credential/i.test(message))
    return { code: "CredentialsUnavailable", detail: "no credentials could be found" };
  return { code: "UnexpectedError", detail: message };
}

/**
 * httpx, under `@alicloud/openapi-client`, appends "POST http://host/ failed." to a transport error's
 * message with no separator ("connect ECONNREFUSED 127.0.0.1:1POST http://127.0.0.1:1/ failed.");
 * this puts the request in parentheses instead.
 */
function separateRequestLine(message: string): string {
  // The query (the call's parameters) is left out: the operation and the user are named anyway.
  return message.replace(/ ?(GET|POST|PUT|DELETE|HEAD|PATCH) (https?:\/\/[^\s?]*)\S* failed\.$/, " ($1 $2)");
}

/** Values from the credentials chain, fetched only to redact them (the chain caches them). */
async function chainSecrets(credentials: CredentialSource): Promise<string[]> {
  try {
    const model = await credentials.credential.getCredential();
    return [model.accessKeyId, model.accessKeySecret, model.securityToken].filter(
      (v): v is string => typeof v === "string",
    );
  } catch {
    return [];
  }
}
