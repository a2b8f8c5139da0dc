// A diagnostic for the latency benchmark's note, not a goal: one ListUserGroupsByUserId through the
// provider's own Quick BI client in this process, with its shared limiter (set far above
// any quota) and without, against the raw client — where the provider's per-call cost goes.
import { ALICE } from "./setup";
import { rawClient } from "./raw-client";
import { interleave, msSince, type Summary } from "./stats";
import type { QuickBIEmulator } from "../emulator";
import { resolveCredentials } from "../provider/config/credentials";
import { resolveCallPolicy } from "../provider/config/stack-config";
import { createQuickBIClient } from "../provider/quickbi/client";
import { createRateLimiter } from "../provider/quickbi/rate-limit";

export async function measureLimiterCost(
  emulator: QuickBIEmulator,
  runs: number,
): Promise<{ raw: Summary; client: Summary; clientWithLimiter: Summary }> {
  const config = {
    accessKey: emulator.accessKeyId,
    secretKey: emulator.accessKeySecret,
    qps: "10000",
    concurrency: "256",
  };
  const policy = resolveCallPolicy(config);
  const options = {
    endpoint: { host: emulator.endpoint, protocol: "http" as const },
    region: "cn-hangzhou",
    credentials: resolveCredentials(config, {}),
    policy,
  };
  const plain = createQuickBIClient(options);
  const limited = createQuickBIClient({ ...options, limiter: createRateLimiter(policy) });
  const raw = rawClient(emulator);
  const timed = (call: () => Promise<unknown>) => async () => {
    const start = process.hrtime.bigint();
    await call();
    return msSince(start);
  };
  const list = { UserId: ALICE };
  const s = await interleave(
    [
      { label: "raw", run: timed(() => raw("ListUserGroupsByUserId", list)) },
      { label: "client", run: timed(() => plain.call("ListUserGroupsByUserId", list, { userId: ALICE })) },
      { label: "limited", run: timed(() => limited.call("ListUserGroupsByUserId", list, { userId: ALICE })) },
    ],
    runs,
    3,
  );
  return { raw: s.get("raw")!, client: s.get("client")!, clientWithLimiter: s.get("limited")! };
}
