#!/usr/bin/env node
// `npm run emulator` / `quickbi-emulator`: runs the emulator until SIGINT or SIGTERM.
import { parseCliArguments, USAGE, type CliArguments } from "./cli-args";
import { startEmulator, type QuickBIEmulator } from "./emulator";

/** What to tell a person who just started the emulator. Printing the test pair is the point. */
function banner(emulator: QuickBIEmulator): string {
  return `Quick BI emulator (OpenAPI 2022-01-01) listening on ${emulator.url}

Test AccessKey (accepted only by this emulator):
  AccessKeyId:     ${emulator.accessKeyId}
  AccessKeySecret: ${emulator.accessKeySecret}

Point a stack at it:
  pulumi config set quickbi:endpoint ${emulator.url}
  pulumi config set alicloud:accessKey ${emulator.accessKeyId}
  pulumi config set --secret alicloud:secretKey ${emulator.accessKeySecret}
or set the environment:
  export QUICKBI_ENDPOINT=${emulator.url}
  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.accessKeyId}
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.accessKeySecret}

Press Ctrl-C to stop.`;
}

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
  try {
    emulator = await startEmulator({
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.host === undefined ? {} : { host: args.host }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      ...(args.faults === undefined ? {} : { faults: args.faults }),
      ...(args.randomSeed === undefined ? {} : { randomSeed: args.randomSeed }),
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
  console.log(banner(emulator));
  await stopRequested;
  await emulator.stop();
  console.log("Quick BI emulator stopped.");
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
