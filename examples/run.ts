// `npm start [-- <example>]`: an example stack's lifecycle against the embedded Quick BI emulator,
// through the real dynamic-provider host, printed as a terminal session. Each session checks every
// step as it goes and exits non-zero at the first deviation, so it doubles as a smoke test.
//   offboard-one (the default)  examples/offboard-one: preview, up, up again, refresh, destroy
//   gitops                      examples/gitops: a people list reviewed as pull requests
import { gitops } from "./sessions/gitops";
import { offboardOne } from "./sessions/offboard-one";

const SESSIONS: Record<string, () => Promise<void>> = { "offboard-one": offboardOne, gitops };

async function main(args: readonly string[]): Promise<void> {
  const [name = "offboard-one", ...rest] = args;
  const session = SESSIONS[name];
  if (!session || rest.length > 0) {
    throw new Error(
      `unknown arguments ${JSON.stringify(args.join(" "))}; usage: npm start [-- ${Object.keys(SESSIONS).join(" | ")}]`,
    );
  }
  await session();
}

main(process.argv.slice(2)).then(
  () => console.log("\nEvery step behaved as expected."),
  (error: unknown) => {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
