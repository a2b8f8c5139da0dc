// The real-CLI layers run when the pinned Pulumi CLI is on this machine, and say so, loudly, when it is
// not: a skipped layer shows up as a pending test whose title says why and how to get the CLI.
import { findPulumiCli, type PulumiCli } from "../../harness/pulumi-cli";

let found: PulumiCli | null | undefined;

/** The pinned CLI if present (looked up once per run, never built here), else undefined. */
export function pulumiCliIfPresent(): PulumiCli | undefined {
  if (found === undefined) found = findPulumiCli() ?? null;
  return found ?? undefined;
}

/**
 * `describe`, for a suite that needs the real Pulumi CLI: without one, the suite is one skipped test
 * titled with the reason, and a warning goes to stderr. `body` runs as mocha runs a describe body, with
 * the suite as `this` (for `this.timeout`).
 */
export function describeWithPulumiCli(
  title: string,
  body: (this: Mocha.Suite, cli: () => PulumiCli) => void,
): void {
  const cli = pulumiCliIfPresent();
  if (!cli) {
    describe(title, () => {
      it.skip("SKIPPED: no Pulumi CLI here; `scripts/pulumi-cli` builds the pinned one (about 10 min cold)");
    });
    process.stderr.write(`warning: "${title}" skipped: no Pulumi CLI; run scripts/pulumi-cli to get it\n`);
    return;
  }
  describe(title, function () {
    body.call(this, () => cli);
  });
}
