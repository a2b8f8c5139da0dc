// The baseline of the latency benchmark: `@alicloud/openapi-client` used directly, the way a script
// would call Quick BI — same signing (ACS3-HMAC-SHA256), same request shape as the provider's client,
// no retries, no checks, no limiter.
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { QuickBIEmulator } from "../emulator";

export type RawCall = (action: string, query: Record<string, string>) => Promise<unknown>;

export function rawClient(
  emulator: Pick<QuickBIEmulator, "endpoint" | "accessKeyId" | "accessKeySecret">,
): RawCall {
  const api = new OpenApi(
    new $OpenApi.Config({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: emulator.endpoint,
      protocol: "http",
      regionId: "cn-hangzhou",
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }),
  );
  const runtime = new RuntimeOptions({ readTimeout: 10_000, connectTimeout: 5_000 });
  return async (action, query) => {
    const params = new $OpenApi.Params({
      action,
      version: "2022-01-01",
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const response = await api.callApi(params, new $OpenApi.OpenApiRequest({ query }), runtime);
    return response.body;
  };
}
