// The real-CLI layer's describe: the suite-wide check for the CLI (tests/support/pulumi-cli.ts, which
// shows a skipped layer as a skipped test saying how to get the CLI), with a timeout that fits it.
import type { PulumiCli } from "../../../harness/pulumi-cli";
import { describeWithPulumiCli } from "../../support/pulumi-cli";

/** Each CLI command starts the engine and a provider host: seconds each, more on a busy machine. */
const CLI_TEST_TIMEOUT_MS = 120_000;

/** A mocha `describe` whose tests drive the real Pulumi CLI; skipped, saying so, where there is none. */
export function describeWithCli(title: string, body: (cli: PulumiCli) => void): void {
  describeWithPulumiCli(title, function (cli) {
    this.timeout(CLI_TEST_TIMEOUT_MS);
    body(cli());
  });
}
