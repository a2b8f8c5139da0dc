// Not a test (no thresholds on wall-clock time): a one-off measurement of requests per second, quoted in
// emulator/README.md. Signs every call with the real @alicloud/openapi-client.
//   node -r ts-node/register/transpile-only tests/emulator/measure-throughput.ts
// Env: REQUESTS (2000), CONCURRENCY (16), and ENDPOINT=127.0.0.1:PORT to measure an emulator already
// running in another process (`npm run emulator`), so client and server do not share one event loop.
import { startEmulator, TEST_ACCESS_KEY } from "../../emulator";
import { call, clientFor } from "./helpers/client";
import { ALICE } from "./helpers/fixtures";

const TOTAL = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const emulator = process.env.ENDPOINT ? undefined : await startEmulator();
  const client = clientFor({ endpoint: process.env.ENDPOINT ?? emulator!.endpoint, ...TEST_ACCESS_KEY });
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < TOTAL) {
      const action = next++ % 2 === 0 ? "WithdrawAllUserGroups" : "ListUserGroupsByUserId";
      await call(client, action, { UserId: ALICE }).catch(() => failed++);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${TOTAL} signed calls, concurrency ${CONCURRENCY}, emulator ${emulator ? "in-process" : "separate process"}: ` +
      `${seconds.toFixed(2)} s, ${Math.round(TOTAL / seconds)} requests/s, ${failed} failed`,
  );
  await emulator?.stop();
}

void main();
