// The package installed from its tarball into a project made as `pulumi new typescript` makes one, its
// quick start previewed and applied by the real Pulumi CLI. The Automation API runs inside that
// project, from the project's own @pulumi/pulumi (on a matrix row: that row's SDK and Node.js), so the
// program, the serialized provider and the dynamic-provider host are all the installed ones.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { installConsumer, type InstalledConsumer } from "../../harness/installed-consumer";
import { recordForCanaryScan } from "../support/canaries";
import { describeWithPulumiCli } from "../support/pulumi-cli";

const execFileAsync = promisify(execFile);
const SEED = resolve(__dirname, "..", "..", "examples", "offboard-one", "seed.yaml");

/** Written into the consumer project: preview, then up, of its compiled program; prints what it saw. */
const DRIVER = `
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
(async () => {
  const env = process.env;
  const pulumiCommand = await PulumiCommand.get({ root: env.CLI_ROOT });
  const stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName: "dev",
      projectName: "consumer",
      // Afresh for each command, as each \`pulumi\` command starts the program anew.
      program: async () => {
        delete require.cache[require.resolve("./bin/index.js")];
        return require("./bin/index.js");
      },
    },
    {
      workDir: __dirname,
      pulumiCommand,
      projectSettings: { name: "consumer", runtime: "nodejs" },
      envVars: {
        PULUMI_BACKEND_URL: "file://" + env.STATE_DIR,
        PULUMI_HOME: env.STATE_DIR + "/home",
        PULUMI_CONFIG_PASSPHRASE: "installed-cli-test",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PATH: env.CLI_BIN + ":" + env.PATH,
      },
    },
  );
  await stack.setAllConfig({
    "quickbi:endpoint": { value: env.QUICKBI_ENDPOINT_URL },
    "alicloud:accessKey": { value: env.EMULATOR_KEY_ID },
    "alicloud:secretKey": { value: env.EMULATOR_KEY_SECRET, secret: true },
  });
  const preview = await stack.preview();
  const up = await stack.up();
  process.stdout.write(JSON.stringify({
    sdk: require("@pulumi/pulumi/package.json").version,
    previewed: preview.changeSummary,
    created: up.summary.resourceChanges,
    requestId: up.outputs.aliceRequestId && up.outputs.aliceRequestId.value,
    printed: preview.stdout + up.stdout,
  }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describeWithPulumiCli("the package installed from its tarball, under the real Pulumi CLI", (cli) => {
  let consumer: InstalledConsumer;
  let emulator: QuickBIEmulator;
  let seen: { sdk: string; previewed: object; created: object; requestId: string; printed: string };

  before(async function () {
    this.timeout(600_000);
    consumer = installConsumer();
    emulator = await startEmulator({ seed: SEED, randomSeed: 5 });
    writeFileSync(join(consumer.dir, "drive.js"), DRIVER);
    const stateDir = join(consumer.dir, ".state");
    mkdirSync(stateDir);
    const { stdout } = await execFileAsync(process.execPath, ["drive.js"], {
      cwd: consumer.dir,
      timeout: 300_000,
      env: {
        ...process.env,
        CLI_ROOT: cli().root,
        CLI_BIN: cli().bin,
        STATE_DIR: stateDir,
        QUICKBI_ENDPOINT_URL: emulator.url,
        EMULATOR_KEY_ID: emulator.accessKeyId,
        EMULATOR_KEY_SECRET: emulator.accessKeySecret,
      },
    });
    seen = JSON.parse(stdout) as typeof seen;
    recordForCanaryScan("cli output", "installed package under the CLI", seen.printed);
  });
  after(async () => {
    consumer?.cleanup();
    await emulator?.stop();
  });

  it("previews the quick start's revocation with the project's own SDK, withdrawing no one", () => {
    // The consumer installed the @pulumi/pulumi this suite runs (on a matrix row, that row's).
    assert.equal(seen.sdk, (require("@pulumi/pulumi/package.json") as { version: string }).version);
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
