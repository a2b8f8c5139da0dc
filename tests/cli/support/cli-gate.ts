// Whether this layer runs: only with the pinned Pulumi CLI on this machine (on PATH or built by
// scripts/pulumi-cli into its cache). `npm test` never builds it, which takes minutes; where it is
// missing, every file of the layer shows one pending test saying so and how to get it, and the run
// prints the same once, so a skipped layer is never silent.
import { findPulumiCli, type PulumiCli } from "../../../harness/pulumi-cli";

const SKIPPED =
  "skipped: the real-CLI layer (tests/cli) needs the pinned Pulumi CLI, and `scripts/pulumi-cli --find` " +
  "found none on PATH or in its cache; run `scripts/pulumi-cli` (builds it from the Go module proxy), then `npm test` again";

let found: { cli: PulumiCli | undefined } | undefined;

function pulumiCli(): PulumiCli | undefined {
  if (!found) {
    found = { cli: findPulumiCli() };
    if (!found.cli) process.stdout.write(`\n${SKIPPED}\n`);
  }
  return found.cli;
}

/**
 * A mocha `describe` whose tests need the real Pulumi CLI. Without one, it holds a single pending
 * test that says why it did not run and how to make it run.
 */
export function describeWithCli(title: string, body: (cli: PulumiCli) => void): void {
  describe(title, function () {
    const cli = pulumiCli();
    if (!cli) {
      it.skip(SKIPPED);
      return;
    }
    // Each CLI command starts the engine and a provider host: seconds, not milliseconds.
    this.timeout(120_000);
    body(cli);
  });
}
