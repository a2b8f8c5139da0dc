/**
 * A stack driven by the real Pulumi CLI, offline: a file backend, the passphrase secrets provider and
 * a PULUMI_HOME in a temporary directory, no plugin downloads, no update check.
 *
 * The program is an Automation API inline program: it runs in this process and the CLI connects to it
 * (`pulumi … --client`), because the Node language host that would run a project directory cannot be
 * had here (see scripts/pulumi-cli). Everything else is the CLI's own: the engine's plan, the diff it
 * prints, the state it writes, the dynamic-provider plugin it starts, the config and secrets it passes.
 * The program module is required afresh for every command, as each `pulumi` command starts it anew.
 *
 * The engine starts the dynamic-provider host in the workspace directory, and the host resolves
 * `@pulumi/pulumi` and the serialized provider's `require`s from there, so the temporary workspace
 * links `node_modules` to the project's. One inline stack runs at a time per process: the program side
 * of `@pulumi/pulumi` keeps its run state in module globals.
 *
 * A project whose language host the CLI has (YAML) runs as a project directory instead: `projectFiles`
 * is copied as the workspace and the CLI starts the program its Pulumi.yaml names.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  LocalWorkspace,
  PulumiCommand,
  type ConfigMap,
  type Deployment,
  type Stack,
} from "@pulumi/pulumi/automation";
import { assertDistFresh } from "./dist-freshness";
import type { PulumiCli } from "./pulumi-cli";
import type { ProgramProcessResult, ProgramProcessSpec } from "./program-process";

const execFileAsync = promisify(execFile);

/**
 * The passphrase of every LocalStack's secrets provider: a stack exported from one (tests/upgrade's
 * fixtures) can be imported into another.
 */
export const LOCAL_STACK_PASSPHRASE = "quickbi-offboarding-local-stack";

/** A stack config value as `pulumi config set` takes it; `{ secret }` is `pulumi config set --secret`. */
export type ConfigValue = string | { readonly secret: string };

export interface LocalStackOptions {
  readonly cli: PulumiCli;
  /** The project name, as its Pulumi.yaml says. */
  readonly project: string;
  /** @default "dev" */
  readonly stack?: string;
  /** The directory whose `node_modules` the program and the provider host resolve packages from. */
  readonly projectDir: string;
  /** The program's main module (the Pulumi.yaml `main`), absolute; or give `projectFiles`. */
  readonly main?: string;
  /** A project directory (its Pulumi.yaml names project and runtime), copied and run by its language host. */
  readonly projectFiles?: string;
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Environment of the CLI and so of the provider host, on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The resources of a stack's state, as `pulumi stack export` prints them. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly pendingReplacement?: boolean;
  readonly dependencies?: string[];
}

export class LocalStack {
  private constructor(
    /** The Automation API stack: preview, up, refresh, destroy, config, export. */
    readonly stack: Stack,
    /** The temporary directory: workspace, state and PULUMI_HOME. */
    readonly dir: string,
    /** The environment the CLI runs with (for a `pulumi` run by hand in the same stack). */
    readonly env: Readonly<Record<string, string>>,
    /** How runInOwnProcess selects this stack again; undefined for a project directory. */
    private readonly inline?: Omit<ProgramProcessSpec, "command" | "env">,
  ) {}

  static async open(options: LocalStackOptions): Promise<LocalStack> {
    // The engine's provider host will run this repository's dist/ (through node_modules): not a stale one.
    if (resolve(options.projectDir) === resolve(__dirname, "..")) assertDistFresh();
    if (!options.main === !options.projectFiles)
      throw new Error("LocalStack: give either main or projectFiles");
    const dir = mkdtempSync(join(tmpdir(), "quickbi-stack-"));
    try {
      const work = join(dir, "project");
      if (options.projectFiles) cpSync(options.projectFiles, work, { recursive: true });
      else mkdirSync(work);
      mkdirSync(join(dir, "state"));
      symlinkSync(join(options.projectDir, "node_modules"), join(work, "node_modules"), "dir");
      const env = {
        ...options.env,
        PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
        PULUMI_HOME: join(dir, "home"),
        PULUMI_CONFIG_PASSPHRASE: LOCAL_STACK_PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // The dynamic-provider plugin is found on PATH, next to the CLI.
        PATH: `${options.cli.bin}:${options.env?.PATH ?? process.env.PATH ?? ""}`,
      };
      const pulumiCommand = await PulumiCommand.get({ root: options.cli.root });
      const stackName = options.stack ?? "dev";
      const main = options.main;
      const stack = main
        ? await LocalWorkspace.createOrSelectStack(
            {
              stackName,
              projectName: options.project,
              program: async () => {
                delete require.cache[require.resolve(main)];
                return require(main);
              },
            },
            {
              workDir: work,
              pulumiCommand,
              envVars: env,
              projectSettings: { name: options.project, runtime: "nodejs" },
            },
          )
        : await LocalWorkspace.createOrSelectStack(
            { stackName, workDir: work },
            { pulumiCommand, envVars: env },
          );
      const local = new LocalStack(
        stack,
        dir,
        env,
        main
          ? { cliRoot: options.cli.root, workDir: work, stackName, projectName: options.project, main }
          : undefined,
      );
      if (options.config) await local.setConfig(options.config);
      return local;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Runs `command` with the inline program in a node process of its own (harness/program-process.ts),
   * as a user's program runs in the language host's: for measuring what the program costs, apart from
   * the emulator and the test around it. The environment is the stack's, with the workspace's current
   * variables (`stack.workspace.envVars`).
   */
  async runInOwnProcess(command: ProgramProcessSpec["command"]): Promise<ProgramProcessResult> {
    if (!this.inline)
      throw new Error("runInOwnProcess: this stack runs a project directory, not an inline program");
    const spec: ProgramProcessSpec = { ...this.inline, command, env: { ...this.stack.workspace.envVars } };
    const { stdout } = await execFileAsync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(__dirname, "program-process.ts")],
      {
        cwd: this.inline.workDir,
        env: {
          ...process.env,
          PROGRAM_PROCESS_SPEC: JSON.stringify(spec),
          TS_NODE_PROJECT: join(__dirname, "..", "tsconfig.json"),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return JSON.parse(stdout.trim().split("\n").at(-1)!) as ProgramProcessResult;
  }

  /** `pulumi config set [--secret] key value` for each. */
  async setConfig(values: Readonly<Record<string, ConfigValue>>): Promise<void> {
    const map: ConfigMap = {};
    for (const [key, value] of Object.entries(values)) {
      map[key] = typeof value === "string" ? { value } : { value: value.secret, secret: true };
    }
    await this.stack.setAllConfig(map);
  }

  /** `pulumi stack export`: the deployment as the backend stores it. */
  async exportDeployment(): Promise<Deployment> {
    return this.stack.exportStack();
  }

  /** The resources in the state, the stack itself and the default providers left out. */
  async resources(type?: string): Promise<StateResource[]> {
    const deployment = (await this.exportDeployment()).deployment as { resources?: StateResource[] };
    return (deployment.resources ?? []).filter(
      (r) =>
        r.type !== "pulumi:pulumi:Stack" &&
        !r.type.startsWith("pulumi:providers:") &&
        (!type || r.type === type),
    );
  }

  /** Pending operations the CLI recorded (an interrupted update leaves them). */
  async pendingOperations(): Promise<{ type: string; resource: StateResource }[]> {
    const deployment = (await this.exportDeployment()).deployment as {
      pending_operations?: { type: string; resource: StateResource }[];
    };
    return deployment.pending_operations ?? [];
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
