/**
 * Captures the upgrade fixtures of one release: each shape of shapes.ts deployed by that release's code
 * through the real Pulumi CLI against the emulator, its `pulumi stack export`, and the emulator's world
 * after it. Run by hand when a release is tagged, and commit what it writes; upgrade.test.ts then
 * checks every later checkout against it:
 *
 *   PULUMI_QUICKBI_TOOLS=/path/to/.tools npx ts-node --transpile-only tests/upgrade/capture.ts [<git ref>]
 *
 * `<git ref>` defaults to base-0.1.0. It is checked out in a temporary `git worktree`, installed with
 * `npm ci` (which builds it) and packed with `npm pack`:
 * - a TypeScript program runs with that tarball unpacked in node_modules, as a user's project has it
 *   (so each `__provider` is the one-line `require("pulumi-quickbi-offboarding/…-runtime")`), under
 *   that checkout's @pulumi/pulumi, in a node process of its own (an inline program in this process
 *   would be serialized by this checkout's SDK);
 * - a YAML project runs with that checkout's plugin on PATH.
 * Each runs against the offboard-one seed, with the stack config tests/cli's CliStack gives (the
 * canary credentials as secrets, or in the environment for YAML) and LocalStack's passphrase, so the
 * test can import it. Writes fixtures/<the ref's package version>/<shape>/, replacing it: the program,
 * seed.yaml, state.json (the emulator's URL replaced by ENDPOINT_PLACEHOLDER: its port is random),
 * world.json and capture.json. Refuses to write a state holding a credential or a temporary path.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import type { QuickBIEmulator } from "../../emulator";
import { TEST_ACCESS_KEY } from "../../emulator";
import { findExampleTools } from "../../harness/example-stack";
import { LOCAL_STACK_PASSPHRASE, LocalStack, type ConfigValue } from "../../harness/local-stack";
import { findPulumiCli, type PulumiCli } from "../../harness/pulumi-cli";
import { emulatorConfig } from "../cli/support/cli-stack";
import { canariesIn } from "../support/canaries";
import { startCanaryEmulator } from "../support/configured-provider";
import {
  ENDPOINT_PLACEHOLDER,
  FIXTURE_FILES,
  FIXTURES_DIR,
  PROGRAMS_DIR,
  REPO,
  SEED,
  SHAPES,
  shapeEnv,
  type UpgradeShape,
} from "./shapes";

const run = promisify(execFile);
const PACKAGE = "pulumi-quickbi-offboarding";
const STACK = "dev";

/** The release being captured, checked out and packed. */
interface Release {
  readonly ref: string;
  readonly commit: string;
  readonly version: string;
  readonly checkout: string;
  readonly tarball: string;
  readonly work: string;
}

/** A stack of one shape, deployed by the release. */
interface CaptureStack {
  run(command: "up" | "refresh"): Promise<void>;
  /** `pulumi stack export`, as a user runs it (secrets stay encrypted). */
  exportText(): Promise<string>;
  close(): Promise<void>;
}

async function main(): Promise<void> {
  const ref = process.argv[2] ?? "base-0.1.0";
  const cli = findPulumiCli();
  if (!cli) throw new Error("no Pulumi CLI: set PULUMI_QUICKBI_TOOLS or run scripts/pulumi-cli");
  const yamlTools = findExampleTools("yaml");
  const yamlHost = "missing" in yamlTools ? undefined : yamlTools.yamlHost;
  const commit = git(["rev-parse", `${ref}^{commit}`]);
  const { version } = JSON.parse(git(["show", `${commit}:package.json`])) as { version: string };
  const work = mkdtempSync(join(tmpdir(), "quickbi-capture-"));
  const checkout = join(work, "checkout");
  try {
    git(["worktree", "add", "--detach", checkout, commit]);
    log(`${ref} (${commit.slice(0, 12)}, version ${version}): npm ci`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: checkout,
      stdio: ["ignore", process.stderr, process.stderr],
    });
    // With its scripts, as a release packs it (prepack takes `prepare` out of the tarball's package.json).
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], {
      cwd: checkout,
      encoding: "utf8",
    });
    const tarball = join(work, packed.trim().split("\n").pop() ?? "");
    const release: Release = { ref, commit, version, checkout, tarball, work };
    for (const shape of SHAPES) await capture(shape, release, cli, yamlHost);
  } finally {
    git(["worktree", "remove", "--force", checkout]);
    rmSync(work, { recursive: true, force: true });
  }
  const out = join(FIXTURES_DIR, version);
  execFileSync(join(REPO, "node_modules", ".bin", "prettier"), ["--write", out], { stdio: "ignore" });
  log(`wrote ${out}`);
}

async function capture(
  shape: UpgradeShape,
  release: Release,
  cli: PulumiCli,
  yamlHost: string | undefined,
): Promise<void> {
  log(`${shape.name}: deploying with ${release.ref}`);
  const out = join(FIXTURES_DIR, release.version, shape.name);
  rmSync(out, { recursive: true, force: true });
  cpSync(join(PROGRAMS_DIR, shape.name), out, { recursive: true });
  copyFileSync(SEED, join(out, "seed.yaml"));
  const emulator = await startCanaryEmulator({ seed: SEED, randomSeed: 9 });
  const config = emulatorConfig(emulator, shape.emulatorConfig);
  const env = shapeEnv(shape, release.checkout, yamlHost);
  const stack =
    shape.language === "typescript"
      ? installedStack(shape, release, cli, config, env)
      : await yamlStack(shape, release, cli, config, env);
  try {
    const commands: string[] = ["up"];
    await stack.run("up");
    if (shape.drift) {
      emulator.addMembership(shape.drift.userId, shape.drift.usergroupId);
      await stack.run("refresh");
      await stack.run("up");
      commands.push("(added back to a group)", "refresh", "up");
    }
    const state = fixtureState(await stack.exportText(), emulator, release);
    const world = emulator.state();
    assertOffboarded(state, world);
    writeFileSync(join(out, FIXTURE_FILES.state), state);
    writeFileSync(join(out, FIXTURE_FILES.world), JSON.stringify(world, null, 2));
    const capture = {
      release: release.version,
      ref: release.ref,
      commit: release.commit,
      pulumiCli: execFileSync(join(cli.bin, "pulumi"), ["version"], { encoding: "utf8" }).trim(),
      pulumiSdk: packageVersion(release.checkout, "@pulumi/pulumi"),
      program:
        shape.language === "typescript"
          ? `index.ts, with ${PACKAGE} installed from its npm pack tarball`
          : "Pulumi.yaml, with the package's pulumi-resource-quickbi on PATH",
      commands,
      secretsProvider: "passphrase: LOCAL_STACK_PASSPHRASE of harness/local-stack.ts",
      endpoint: `the emulator's URL is written ${ENDPOINT_PLACEHOLDER}`,
    };
    writeFileSync(join(out, FIXTURE_FILES.capture), JSON.stringify(capture, null, 2));
  } finally {
    await stack.close();
    await emulator.stop();
  }
}

/**
 * A TypeScript shape in a project of its own: the release's tarball unpacked in node_modules, every
 * other package linked from the release's checkout, the program transpiled, and a driver that runs
 * one command per process through that checkout's Automation API.
 */
function installedStack(
  shape: UpgradeShape,
  release: Release,
  cli: PulumiCli,
  config: Readonly<Record<string, ConfigValue>>,
  env: Readonly<Record<string, string>>,
): CaptureStack {
  const dir = join(release.work, shape.name);
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, PACKAGE), { recursive: true });
  for (const entry of readdirSync(join(release.checkout, "node_modules"))) {
    if (entry === PACKAGE || entry.startsWith(".")) continue;
    // @pulumi/pulumi is copied: its closure serializer maps a module's path to the package's `exports`
    // by resolving the package from where the SDK is, so the SDK must sit in this project's node_modules.
    if (entry === "@pulumi")
      cpSync(join(release.checkout, "node_modules", entry), join(modules, entry), { recursive: true });
    else symlinkSync(join(release.checkout, "node_modules", entry), join(modules, entry));
  }
  execFileSync("tar", ["-xzf", release.tarball, "-C", join(modules, PACKAGE), "--strip-components=1"]);
  for (const file of readdirSync(join(PROGRAMS_DIR, shape.name))) {
    const source = join(PROGRAMS_DIR, shape.name, file);
    if (!file.endsWith(".ts")) copyFileSync(source, join(dir, file));
    else writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), transpile(source));
  }
  writeFileSync(join(dir, "drive.js"), DRIVER);
  const stateDir = join(dir, ".state");
  mkdirSync(stateDir);
  const cliEnv = {
    ...process.env,
    ...env,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_HOME: join(stateDir, "home"),
    PULUMI_CONFIG_PASSPHRASE: LOCAL_STACK_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${cli.bin}:${env.PATH ?? process.env.PATH ?? ""}`,
  };
  const driverEnv = {
    ...cliEnv,
    CLI_ROOT: cli.root,
    PROJECT: shape.project,
    STACK_CONFIG: JSON.stringify(automationConfig(config)),
  };
  return {
    async run(command) {
      await run(process.execPath, ["drive.js", command], {
        cwd: dir,
        env: driverEnv,
        maxBuffer: 64 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`${shape.name}: ${command} failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`, {
          cause: error,
        });
      });
    },
    exportText: () => exportText(cli, dir, cliEnv),
    close: async () => {},
  };
}

/** A YAML shape: its project directory with the release's plugin on PATH, as tests/cli's LocalStack runs it. */
async function yamlStack(
  shape: UpgradeShape,
  release: Release,
  cli: PulumiCli,
  config: Readonly<Record<string, ConfigValue>>,
  env: Readonly<Record<string, string>>,
): Promise<CaptureStack> {
  const local = await LocalStack.open({
    cli,
    project: shape.project,
    stack: STACK,
    projectDir: release.checkout,
    projectFiles: join(PROGRAMS_DIR, shape.name),
    config,
    env,
  });
  return {
    async run(command) {
      await (command === "up" ? local.stack.up() : local.stack.refresh());
    },
    exportText: () => exportText(cli, local.stack.workspace.workDir, { ...process.env, ...local.env }),
    close: () => local.close(),
  };
}

/** Runs in the TypeScript shape's project: `node drive.js up|refresh`, as each `pulumi` command starts the program anew. */
const DRIVER = `
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
(async () => {
  const env = process.env;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: ${JSON.stringify(STACK)}, projectName: env.PROJECT, program: async () => require("./index.js") },
    {
      workDir: __dirname,
      pulumiCommand: await PulumiCommand.get({ root: env.CLI_ROOT }),
      projectSettings: { name: env.PROJECT, runtime: "nodejs" },
    },
  );
  await stack.setAllConfig(JSON.parse(env.STACK_CONFIG));
  const result = process.argv[2] === "up" ? await stack.up() : await stack.refresh();
  process.stdout.write(result.stdout);
})().catch((error) => { console.error(error); process.exit(1); });
`;

async function exportText(cli: PulumiCli, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(
    join(cli.bin, "pulumi"),
    ["stack", "export", "--stack", STACK, "--non-interactive"],
    {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout;
}

/**
 * The export as the fixture keeps it: the emulator's URL (a random port) replaced by the placeholder,
 * re-indented. Refuses one that holds a credential or a path of this run's temporary folder.
 */
function fixtureState(text: string, emulator: QuickBIEmulator, release: Release): string {
  const credentials = [
    ...canariesIn(text),
    ...[TEST_ACCESS_KEY.accessKeyId, TEST_ACCESS_KEY.accessKeySecret].filter((v) => text.includes(v)),
  ];
  if (credentials.length > 0)
    throw new Error(`the state holds credential values (${credentials.length}); not written`);
  const normalised = text.split(emulator.url).join(ENDPOINT_PLACEHOLDER);
  for (const path of [release.work, tmpdir()]) {
    if (normalised.includes(path)) throw new Error(`the state holds the temporary path ${path}; not written`);
  }
  return `${JSON.stringify(JSON.parse(normalised), null, 2)}\n`;
}

/** Everyone the state offboarded is in no group of the world after it, and there is someone. */
function assertOffboarded(state: string, world: ReturnType<QuickBIEmulator["state"]>): void {
  const { deployment } = JSON.parse(state) as {
    deployment: { resources?: { type: string; outputs?: { userId?: string } }[] };
  };
  const people = (deployment.resources ?? [])
    .filter((r) => r.type.endsWith("UserGroupRevocation"))
    .map((r) => r.outputs?.userId ?? "");
  const stillIn = people.filter((userId) => world.memberships.some((m) => m.userId === userId));
  if (people.length === 0 || stillIn.length > 0)
    throw new Error(
      `after the capture, offboarded: ${people.join(", ")}; still in a group: ${stillIn.join(", ")}`,
    );
}

function automationConfig(config: Readonly<Record<string, ConfigValue>>) {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === "string" ? { value } : { value: value.secret, secret: true },
    ]),
  );
}

function transpile(file: string): string {
  return ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
}

function packageVersion(root: string, name: string): string {
  return (
    JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }
  ).version;
}

function git(args: readonly string[]): string {
  return execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
}

function log(line: string): void {
  process.stderr.write(`capture: ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `capture failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
