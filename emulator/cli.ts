#!/usr/bin/env node
// `npm run emulator` / `quickbi-emulator`: runs the emulator until SIGINT or SIGTERM. The npm script
// `exec`s this process, so that `npm run emulator … &` then `kill $!` signals it rather than a shell
// that would leave it running with the port.
import { parseCliArguments, USAGE, type CliArguments } from "./cli-args";
import { banner, type Loaded } from "./cli-banner";
import { startEmulator, type QuickBIEmulator } from "./emulator";
import { loadFaultPlan } from "./faults";
import { formatRequestLogEntry } from "./request-log";

async function main(): Promise<number> {
  let args: CliArguments;
  try {
    args = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`quickbi-emulator: ${(error as Error).message}\nRun with --help for usage.`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  let emulator: QuickBIEmulator;
  let loaded: Loaded;
  try {
    loaded = { seed: args.seed, faultsFile: args.faults, faults: loadFaultPlan(args.faults) };
    emulator = await startEmulator({
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.host === undefined ? {} : { host: args.host }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      faults: loaded.faults,
      ...(args.randomSeed === undefined ? {} : { randomSeed: args.randomSeed }),
      ...(args.requestLog ? { onRequest: (entry) => console.log(formatRequestLogEntry(entry)) } : {}),
    });
  } catch (error) {
    console.error(`quickbi-emulator: cannot start: ${(error as Error).message}`);
    return 1;
  }
  // Listen for signals before printing: whoever waits for the banner may signal right after reading it.
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log(banner(emulator, loaded, args.requestLog));
  await stopRequested;
  await emulator.stop();
  console.log("Quick BI emulator stopped.");
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
