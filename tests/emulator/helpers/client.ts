// Drives the emulator the way the provider does: through the real @alicloud/openapi-client.
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import { quickBIParams } from "../../../provider/quickbi/client";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { QuickBIEmulator } from "../../../emulator";

/** The error @alicloud/openapi-client throws for a 4xx/5xx JSON answer. */
export interface ClientError extends Error {
  code?: string;
  statusCode?: number;
  data?: { RequestId?: string; Code?: string; [key: string]: unknown };
}

/** Credentials to sign with; the emulator's long-term test pair unless a test says otherwise. */
export interface ClientCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A Quick BI client for the emulator, with optional overrides (another key, a short read timeout). */
export function clientFor(
  emulator: Pick<QuickBIEmulator, "endpoint" | "accessKeyId" | "accessKeySecret">,
  overrides: Partial<ClientCredentials> & { readTimeout?: number } = {},
): OpenApi {
  return new OpenApi(
    new $OpenApi.Config({
      accessKeyId: overrides.accessKeyId ?? emulator.accessKeyId,
      accessKeySecret: overrides.accessKeySecret ?? emulator.accessKeySecret,
      ...(overrides.securityToken === undefined ? {} : { securityToken: overrides.securityToken }),
      endpoint: emulator.endpoint,
      protocol: "http",
      readTimeout: overrides.readTimeout ?? 5000,
      connectTimeout: 5000,
    }),
  );
}

/** The JSON body of a successful call. */
export interface SuccessBody<T = unknown> {
  RequestId: string;
  Success: boolean;
  Result: T;
}

/** Calls an action with query parameters and returns the response body. */
export async function call<T = unknown>(
  client: OpenApi,
  action: string,
  query: Record<string, string> = {},
  version?: string,
): Promise<SuccessBody<T>> {
  const response = await client.callApi(
    quickBIParams(action, version),
    new $OpenApi.OpenApiRequest({ query }),
    new RuntimeOptions({}),
  );
  return response.body as SuccessBody<T>;
}

/** Calls an action expecting it to fail, and returns the client's error. */
export async function callFailing(
  client: OpenApi,
  action: string,
  query: Record<string, string> = {},
  version?: string,
): Promise<ClientError> {
  try {
    await call(client, action, query, version);
  } catch (error) {
    return error as ClientError;
  }
  throw new Error(`${action} succeeded but the test expected it to fail`);
}
