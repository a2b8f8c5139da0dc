// The package installed from its tarball into a project made as `pulumi new typescript` makes one, its
// quick start previewed and applied by the real Pulumi CLI, from inside that project
// (harness/installed-stack.ts), so the program, the serialized provider and the dynamic-provider host
// are all the installed ones.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { installConsumer, type InstalledConsumer } from "../../harness/installed-consumer";
import { runInstalledStack } from "../../harness/installed-stack";
import { recordForCanaryScan } from "../support/canaries";
import { describeWithPulumiCli } from "../support/pulumi-cli";

const SEED = resolve(__dirname, "..", "..", "examples", "offboard-one", "seed.yaml");

describeWithPulumiCli("the package installed from its tarball, under the real Pulumi CLI", (cli) => {
  let consumer: InstalledConsumer;
  let emulator: QuickBIEmulator;
  let seen: { sdk: string; previewed: object; created: object; requestId: string; printed: string };

  before(async function () {
    this.timeout(600_000);
    consumer = installConsumer();
    emulator = await startEmulator({ seed: SEED, randomSeed: 5 });
    const config = {
      endpoint: emulator.url,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    };
    const { sdk, runs } = await runInstalledStack(consumer, cli(), config, ["preview", "up"]);
    const [preview, up] = runs;
    seen = {
      sdk,
      previewed: preview!.changes!,
      created: up!.changes!,
      requestId: (up!.outputs!.aliceRequestId as { value: string } | undefined)?.value ?? "",
      printed: preview!.stdout! + up!.stdout!,
    };
    recordForCanaryScan("cli output", "installed package under the CLI", seen.printed);
  });
  after(async () => {
    consumer?.cleanup();
    await emulator?.stop();
  });

  it("previews the quick start's revocation with the project's own SDK, withdrawing no one", () => {
    // The consumer installed the @pulumi/pulumi this suite runs (on a matrix row, that row's).
    assert.equal(seen.sdk, (require("@pulumi/pulumi/package.json") as { version: string }).version);
    // Preview and up both ran in \`before\`: one withdrawal in all, the up's (the next test checks its
    // RequestId), so the preview made none.
    assert.equal(emulator.requests().filter((r) => r.action === "WithdrawAllUserGroups").length, 1);
    assert.deepEqual(seen.previewed, { create: 2 });
    assert.match(seen.printed, /Previewing update \(dev\)/);
    assert.match(seen.printed, /pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation/);
  });

  it("withdraws on up, with the RequestId of the emulator's WithdrawAllUserGroups as the stack output", () => {
    const withdrawals = emulator.requests().filter((r) => r.action === "WithdrawAllUserGroups");
    assert.equal(withdrawals.length, 1);
    assert.deepEqual(seen.created, { create: 2 });
    assert.equal(seen.requestId, withdrawals[0]!.requestId);
  });
});
