// Runs the raw-client baseline in a child process of its own. The provider host is a separate process
// from the emulator (which lives in the benchmark process); a raw client in the emulator's own process
// would skip the cross-process wake-ups every request of the host pays on a 2-core machine, and the
// ratio would charge them to the provider. Each repetition is timed inside the child.
import { fork, type ChildProcess } from "node:child_process";
import type { QuickBIEmulator } from "../emulator";
import { rawClient, type RawCall } from "./raw-client";

interface Start {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}
interface Run {
  readonly calls: readonly (readonly [action: string, query: Record<string, string>])[];
}

/** A raw client in another process: `run` makes the calls one after another and returns their total ms. */
export interface RawClientProcess {
  run(calls: Run["calls"]): Promise<number>;
  stop(): void;
}

export async function startRawClientProcess(emulator: QuickBIEmulator): Promise<RawClientProcess> {
  const child: ChildProcess = fork(__filename, ["--child"], {
    execArgv: ["-r", "ts-node/register/transpile-only"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<number>((resolve, reject) => {
      child.once("message", (message: { ms?: number; error?: string }) =>
        message.error ? reject(new Error(message.error)) : resolve(message.ms ?? 0),
      );
    });
  const ready = next();
  const start: Start = {
    endpoint: emulator.endpoint,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  };
  child.send(start);
  await ready;
  return {
    run(calls) {
      const answer = next();
      child.send({ calls } satisfies Run);
      return answer;
    },
    stop: () => child.kill(),
  };
}

if (process.argv.includes("--child")) {
  let call: RawCall | undefined;
  process.on("message", async (message: Start | Run) => {
    try {
      if ("endpoint" in message) {
        call = rawClient(message);
        process.send!({ ms: 0 });
        return;
      }
      const start = process.hrtime.bigint();
      for (const [action, query] of message.calls) await call!(action, query);
      process.send!({ ms: Number(process.hrtime.bigint() - start) / 1e6 });
    } catch (error) {
      process.send!({ error: String(error) });
    }
  });
}
