// Whether this layer runs: only with the pinned Pulumi CLI on this machine (on PATH or built by
// scripts/pulumi-cli into its cache). `npm test` never builds it, which takes minutes. Where it is
// missing, every file of the layer shows one pending test, and the run ends with a line saying why
// and how to get the CLI, so a skipped layer is never silent; where it is present, that line says
// which CLI ran the layer.
import { findPulumiCli, type PulumiCli } from "../../../harness/pulumi-cli";

const HOW_TO_GET_IT =
  "`scripts/pulumi-cli --find` found no pinned Pulumi CLI on PATH or in its cache; " +
  "run `scripts/pulumi-cli` (it builds the CLI from the Go module proxy), then `npm test` again";

let found: { cli: PulumiCli | undefined } | undefined;

function pulumiCli(): PulumiCli | undefined {
  found ??= { cli: findPulumiCli() };
  return found.cli;
}

// Registered when the first file of the layer loads, so on mocha's root suite: runs once, at the end.
after(() => {
  if (!found) return;
  process.stdout.write(
    found.cli
      ? `\nreal-CLI layer (tests/cli): ran with ${found.cli.bin}/pulumi\n`
      : `\nreal-CLI layer (tests/cli): SKIPPED: ${HOW_TO_GET_IT}\n`,
  );
});

/**
 * A mocha `describe` whose tests need the real Pulumi CLI. Without one, it holds a single pending
 * test that says why it did not run.
 */
export function describeWithCli(title: string, body: (cli: PulumiCli) => void): void {
  describe(title, function () {
    const cli = pulumiCli();
    if (!cli) {
      it.skip("skipped: no Pulumi CLI on this machine (run scripts/pulumi-cli; see the end of the run)");
      return;
    }
    // Each CLI command starts the engine and a provider host: seconds, not milliseconds.
    this.timeout(120_000);
    body(cli);
  });
}
