// `npm start [-- <example>]`: an example stack's lifecycle with the real Pulumi CLI against the
// embedded Quick BI emulator, printed as a terminal session. Each session checks every step as it goes
// and exits non-zero at the first deviation, so it doubles as a smoke test.
//   offboard-one (the default)  examples/offboard-one: preview, up, up again, refresh, destroy
//   gitops                      examples/gitops: a people list reviewed as pull requests
// It runs the `pulumi` on PATH when that is a 3.x at least as new as this checkout's @pulumi/pulumi
// (harness/pulumi-cli.ts says why); else the pinned CLI, obtained first if this machine has none
// (scripts/pulumi-cli); where none can be had, this says how to get one and exits non-zero. There is
// no fallback to anything but the real CLI.
import { pulumiCliForStart, type PulumiCli } from "../harness/pulumi-cli";
import { gitops } from "./sessions/gitops";
import { offboardOne } from "./sessions/offboard-one";

const SESSIONS: Record<string, (cli: PulumiCli) => Promise<void>> = { "offboard-one": offboardOne, gitops };

async function main(args: readonly string[]): Promise<void> {
  const [name = "offboard-one", ...rest] = args;
  const session = SESSIONS[name];
  if (!session || rest.length > 0) {
    throw new Error(
      `unknown arguments ${JSON.stringify(args.join(" "))}; usage: npm start [-- ${Object.keys(SESSIONS).join(" | ")}]`,
    );
  }
  const cli = pulumiCliForStart();
  await session(cli);
}

main(process.argv.slice(2)).then(
  () => console.log("\nEvery step behaved as expected."),
  (error: unknown) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
