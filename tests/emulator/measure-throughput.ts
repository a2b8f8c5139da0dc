// Not a test (no thresholds on wall-clock time): a one-off measurement of requests per second, quoted in
// emulator/README.md. Run: node -r ts-node/register/transpile-only tests/emulator/measure-throughput.ts
import { startEmulator } from "../../emulator";
import { call, clientFor } from "./helpers/client";

const TOTAL = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const ALICE = "46e5374665ba4b679ee22e2a2927abcd";

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const client = clientFor(emulator);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < TOTAL) {
      const action = next++ % 2 === 0 ? "WithdrawAllUserGroups" : "ListUserGroupsByUserId";
      await call(client, action, { UserId: ALICE });
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = emulator.requests().filter((r) => r.status !== 200).length;
  console.log(
    `${TOTAL} signed calls, concurrency ${CONCURRENCY}: ${seconds.toFixed(2)} s, ${Math.round(TOTAL / seconds)} requests/s, ${failed} not 200`,
  );
  await emulator.stop();
}

void main();
