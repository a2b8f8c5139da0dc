// The stack of a project that installed this package from its tarball (harness/installed-consumer.ts),
// run by the real Pulumi CLI. The Automation API runs inside that project, in a node process of its
// own, from the project's own @pulumi/pulumi (on a matrix row: that row's SDK and Node.js), so the
// program, the serialized provider and the dynamic-provider host are all the installed ones: an inline
// program in this process would run this repository's SDK instead, whose closure serializer resolves
// the package to this checkout.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { InstalledConsumer } from "./installed-consumer";
import type { PulumiCli } from "./pulumi-cli";

const execFileAsync = promisify(execFile);

/** The commands a driver runs, in order. */
export type InstalledCommand = "preview" | "up" | "export";

/** What one command gave: its resource changes, stack outputs and output (preview, up), or the state (export). */
export interface InstalledRun {
  readonly command: InstalledCommand;
  readonly changes?: Record<string, number>;
  readonly outputs?: Record<string, unknown>;
  readonly stdout?: string;
  /** `pulumi stack export` (with secrets shown, as the Automation API exports). */
  readonly deployment?: { resources?: { type: string; inputs?: object; outputs?: object }[] };
}

/** The stack config the driver sets: the emulator's endpoint and AccessKey pair (the secret as a secret). */
export interface InstalledStackConfig {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Written into the consumer project and run there with `node`: the commands of argv, one JSON line each. */
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
        PULUMI_CONFIG_PASSPHRASE: "installed-stack",
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
  const runs = [];
  for (const command of process.argv.slice(2)) {
    if (command === "preview") {
      const r = await stack.preview();
      runs.push({ command, changes: r.changeSummary, stdout: r.stdout });
    } else if (command === "up") {
      const r = await stack.up();
      runs.push({ command, changes: r.summary.resourceChanges, outputs: r.outputs, stdout: r.stdout });
    } else {
      runs.push({ command, deployment: (await stack.exportStack()).deployment });
    }
  }
  process.stdout.write(JSON.stringify({ sdk: require("@pulumi/pulumi/package.json").version, runs }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

/**
 * Runs `commands` on the consumer's stack (state in the consumer's `.state`) with the CLI `cli`.
 * Returns the SDK version the project ran and what each command gave.
 */
export async function runInstalledStack(
  consumer: InstalledConsumer,
  cli: PulumiCli,
  config: InstalledStackConfig,
  commands: readonly InstalledCommand[],
): Promise<{ sdk: string; runs: InstalledRun[] }> {
  writeFileSync(join(consumer.dir, "drive.js"), DRIVER);
  const stateDir = join(consumer.dir, ".state");
  mkdirSync(stateDir, { recursive: true });
  const { stdout } = await execFileAsync(process.execPath, ["drive.js", ...commands], {
    cwd: consumer.dir,
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CLI_ROOT: cli.root,
      CLI_BIN: cli.bin,
      STATE_DIR: stateDir,
      QUICKBI_ENDPOINT_URL: config.endpoint,
      EMULATOR_KEY_ID: config.accessKeyId,
      EMULATOR_KEY_SECRET: config.accessKeySecret,
    },
  });
  return JSON.parse(stdout) as { sdk: string; runs: InstalledRun[] };
}
