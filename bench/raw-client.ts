// The baseline of the latency benchmark: `@alicloud/openapi-client` used directly, the way a script
// would call Quick BI — same signing (ACS3-HMAC-SHA256), same request shape as the provider's client,
// no retries, no checks, no limiter (the fixed call parameters are the provider's, as the official SDK's).
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { quickBIParams } from "../provider/quickbi/client";
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
    const response = await api.callApi(
      quickBIParams(action),
      new $OpenApi.OpenApiRequest({ query }),
      runtime,
    );
    return response.body;
  };
}
