#!/usr/bin/env node
// `npm run emulator` / `quickbi-emulator`: runs the emulator until SIGINT or SIGTERM. The npm script
// `exec`s this process, so that `npm run emulator … &` then `kill $!` signals it rather than a shell
// that would leave it running with the port.
import { parseCliArguments, USAGE, type CliArguments } from "./cli-args";
import { startEmulator, type QuickBIEmulator } from "./emulator";
import { loadFaultPlan, type FaultPlan } from "./faults";

/** Where the emulator's state and faults came from, as the banner says it. */
interface Loaded {
  readonly seed: string | undefined;
  readonly faultsFile: string | undefined;
  readonly faults: FaultPlan;
}

/** What to tell a person who just started the emulator. Printing the test pair is the point. */
function banner(emulator: QuickBIEmulator, loaded: Loaded): string {
  const { users, groups, memberships } = emulator.state();
  const rules = loaded.faults.rules ?? [];
  const faults =
    loaded.faultsFile === undefined
      ? "none"
      : `${loaded.faultsFile} (${[
          `${rules.length} rule${rules.length === 1 ? "" : "s"}${rules.length > 0 ? `: ${rules.map(describeRule).join(", ")}` : ""}`,
          ...(loaded.faults.qps !== undefined ? [`quota ${loaded.faults.qps} requests/s`] : []),
        ].join("; ")})`;
  return `Quick BI emulator (OpenAPI 2022-01-01) listening on ${emulator.url}
Seed:   ${loaded.seed ?? "the built-in seed"} (${users.length} users, ${groups.length} user groups, ${memberships.length} memberships)
Faults: ${faults}

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

/** `throttle on WithdrawAllUserGroups ×2` */
function describeRule(rule: NonNullable<FaultPlan["rules"]>[number]): string {
  return [
    rule.fault,
    ...(rule.action !== undefined ? [`on ${rule.action}`] : []),
    ...(rule.userId !== undefined ? [`for ${rule.userId}`] : []),
    ...(rule.times !== undefined ? [`×${rule.times}`] : []),
  ].join(" ");
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
  let loaded: Loaded;
  try {
    loaded = { seed: args.seed, faultsFile: args.faults, faults: loadFaultPlan(args.faults) };
    emulator = await startEmulator({
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.host === undefined ? {} : { host: args.host }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      faults: loaded.faults,
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
  console.log(banner(emulator, loaded));
  await stopRequested;
  await emulator.stop();
  console.log("Quick BI emulator stopped.");
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
