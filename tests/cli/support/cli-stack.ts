// A stack of a fixture program, run by the real Pulumi CLI against its own Quick BI emulator: what
// every test of this layer drives. Each command returns what a user and an auditor would look at:
// the CLI's printed output, the engine's events, and the Quick BI requests the command made.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { onEachEventOnce } from "../../../harness/engine-events";
import type { QuickBIEmulator, RequestLogEntry } from "../../../emulator";
import { LocalStack, type ConfigValue, type StateResource } from "../../../harness/local-stack";
import type { PulumiCli } from "../../../harness/pulumi-cli";
import { recordForCanaryScan } from "../../support/canaries";
import { startCanaryEmulator } from "../../support/configured-provider";

const REPO = resolve(__dirname, "..", "..", "..");
const PROJECT = "quickbi-cli-test";
const STACK = "dev";
export const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
export const WITHDRAW = "WithdrawAllUserGroups";

/** The programs under tests/cli/fixtures. */
const PROGRAMS = {
  revocation: resolve(__dirname, "..", "fixtures", "revocation.ts"),
  offboarding: resolve(__dirname, "..", "fixtures", "offboarding.ts"),
} as const;

/** A program kept elsewhere (tests/upgrade's fixtures): an inline program's module, or a project directory. */
export interface ProgramAt {
  /** The project name its state was made with. */
  readonly project: string;
  /** The inline program's main module, absolute. */
  readonly main?: string;
  /** A project directory run by its language host (YAML), copied as the workspace. */
  readonly projectFiles?: string;
}

export type EmulatorConfig = "endpoint and keys" | "endpoint" | "nothing";

export interface CliStackOptions {
  readonly program: keyof typeof PROGRAMS | ProgramAt;
  /** The emulator's seed. @default - the offboard-one seed: alice in Finance and Sales, bob, carol */
  readonly seed?: string;
  /** Stack config on top of the emulator's endpoint and keys; the program's own keys need no namespace. */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /**
   * What of the emulator the stack config says from the start: its endpoint and its AccessKey pair,
   * only the endpoint (credentials must come from `env`), or nothing (the test sets it).
   * @default "endpoint and keys"
   */
  readonly emulatorConfig?: EmulatorConfig;
  /** Environment of the CLI, and so of the provider host. */
  readonly env?: Readonly<Record<string, string>>;
}

/** One CLI command: what it printed, the engine events it emitted, the Quick BI requests it made. */
export interface CommandRun {
  readonly command: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly events: readonly EngineEvent[];
  readonly requests: readonly RequestLogEntry[];
}

/** A command that failed: the same, plus the CLI's error message. */
export interface FailedRun extends CommandRun {
  readonly message: string;
}

/** Thrown by every CliStack command that fails; `run` says what it printed and called before. */
export class CliCommandFailed extends Error {
  constructor(readonly run: FailedRun) {
    super(`pulumi ${run.command} failed: ${run.message}`);
  }
}

/** One step the engine planned or took for a resource (a `resourcePreEvent`). */
export interface EngineStep {
  readonly op: string;
  /** The resource's name, the last part of its URN. */
  readonly name: string;
  readonly type: string;
  /** The inputs after check, as the engine holds them (for a delete: the old ones). */
  readonly inputs: Record<string, unknown>;
}

/** The state the backend holds, as `pulumi stack export` prints it (secrets encrypted). */
export interface ExportedState {
  readonly text: string;
  readonly resources: readonly StateResource[];
  readonly pendingOperations: readonly { type: string; resource: StateResource }[];
}

export class CliStack {
  private readonly printed: string[] = [];

  private constructor(
    readonly cli: PulumiCli,
    readonly emulator: QuickBIEmulator,
    readonly local: LocalStack,
  ) {}

  /**
   * A fresh emulator (signing with the canary keys, which the stack config holds as secrets) and a
   * stack of `options.program` in a temporary directory.
   */
  static async open(cli: PulumiCli, options: CliStackOptions): Promise<CliStack> {
    const emulator = await startCanaryEmulator({
      randomSeed: 9,
      ...(options.seed ? { seed: options.seed } : {}),
    });
    try {
      const program: ProgramAt =
        typeof options.program === "string"
          ? { project: PROJECT, main: PROGRAMS[options.program] }
          : options.program;
      const local = await LocalStack.open({
        cli,
        ...program,
        stack: STACK,
        projectDir: REPO,
        config: {
          ...emulatorConfig(emulator, options.emulatorConfig ?? "endpoint and keys"),
          ...options.config,
        },
        ...(options.env ? { env: options.env } : {}),
      });
      return new CliStack(cli, emulator, local);
    } catch (error) {
      await emulator.stop();
      throw error;
    }
  }

  /** `pulumi preview [--diff] [--refresh]`. */
  preview(options: { diff?: boolean; refresh?: boolean } = {}): Promise<CommandRun> {
    return this.command("preview", (hooks) => this.local.stack.preview({ ...options, ...hooks }));
  }

  /** `pulumi up --yes [--refresh]`. */
  up(options: { refresh?: boolean } = {}): Promise<CommandRun> {
    return this.command("up", (hooks) => this.local.stack.up({ ...options, ...hooks }));
  }

  /** `pulumi refresh --yes`. */
  refresh(): Promise<CommandRun> {
    return this.command("refresh", (hooks) => this.local.stack.refresh(hooks));
  }

  /** `pulumi destroy --yes`. */
  destroy(): Promise<CommandRun> {
    return this.command("destroy", (hooks) => this.local.stack.destroy(hooks));
  }

  /** `pulumi config set [--secret] key value` for each, one CLI run each, as a user types them. */
  async configSet(values: Readonly<Record<string, ConfigValue>>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      const [flags, text] = typeof value === "string" ? [[], value] : [["--secret"], value.secret];
      await this.pulumi(["config", "set", ...flags, key, text]);
    }
  }

  /** `pulumi stack export`, exactly as a user runs it (without `--show-secrets`). */
  async exportState(): Promise<ExportedState> {
    const { stdout } = await this.pulumi(["stack", "export"]);
    recordForCanaryScan("state", "pulumi stack export", stdout);
    const { deployment } = JSON.parse(stdout) as {
      deployment: { resources?: StateResource[]; pending_operations?: ExportedState["pendingOperations"] };
    };
    return {
      text: stdout,
      resources: deployment.resources ?? [],
      pendingOperations: deployment.pending_operations ?? [],
    };
  }

  /** The revocations in the state. */
  async revocations(): Promise<StateResource[]> {
    return (await this.exportState()).resources.filter((r) => r.type === REVOCATION);
  }

  /**
   * Any other `pulumi` command, run as a subprocess in the stack's workspace with its environment
   * (the commands that need no program: config, stack export, cancel).
   */
  async pulumi(args: readonly string[]): Promise<CommandRun> {
    const command = args.join(" ");
    const from = this.emulator.requests().length;
    const env = { ...process.env, ...this.local.env };
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (done) =>
        execFile(
          resolve(this.cli.bin, "pulumi"),
          [...args, "--stack", STACK, "--non-interactive"],
          { cwd: this.local.stack.workspace.workDir, env, maxBuffer: 64 * 1024 * 1024 },
          (error, out, err) => done({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
        ),
    );
    const run = { command, stdout, stderr, events: [], requests: this.requestsSince(from) };
    this.printed.push(stdout, stderr);
    recordForCanaryScan("cli output", `pulumi ${command}`, [stdout, stderr]);
    if (code !== 0) throw new CliCommandFailed({ ...run, message: `exit ${code}: ${stderr}` });
    return run;
  }

  /** Everything the CLI printed for this stack so far, error messages included. */
  transcript(): string {
    return this.printed.join("\n");
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.emulator.stop();
  }

  private async command(
    name: string,
    run: (hooks: {
      onEvent: (event: EngineEvent) => void;
      onOutput: (text: string) => void;
    }) => Promise<{ stdout: string; stderr: string }>,
  ): Promise<CommandRun> {
    const events: EngineEvent[] = [];
    let printed = "";
    const from = this.emulator.requests().length;
    try {
      const result = await run({
        onEvent: onEachEventOnce((e) => events.push(e)),
        onOutput: (text) => (printed += text),
      });
      const done = {
        command: name,
        stdout: result.stdout,
        stderr: result.stderr,
        events,
        requests: this.requestsSince(from),
      };
      this.printed.push(done.stdout, done.stderr);
      recordForCanaryScan("cli output", `pulumi ${name}`, [done.stdout, done.stderr, events]);
      return done;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = {
        command: name,
        stdout: printed,
        stderr: "",
        events,
        requests: this.requestsSince(from),
        message,
      };
      this.printed.push(printed, message);
      recordForCanaryScan("cli output", `pulumi ${name} (failed)`, [printed, message, events]);
      throw new CliCommandFailed(failed);
    }
  }

  private requestsSince(index: number): RequestLogEntry[] {
    return this.emulator.requests().slice(index);
  }
}

/** Awaits a command that must fail, and returns what it printed and called. */
export async function failureOf(command: Promise<CommandRun>): Promise<FailedRun> {
  try {
    await command;
  } catch (error) {
    if (error instanceof CliCommandFailed) return error.run;
    throw error;
  }
  throw new Error("expected the command to fail, and it succeeded");
}

/** The steps of a command for resources of `type` (revocations by default), in the engine's order. */
export function stepsOf(run: CommandRun, type = REVOCATION): EngineStep[] {
  return run.events.flatMap((event) => {
    const step = event.resourcePreEvent?.metadata;
    if (!step || step.type !== type) return [];
    const state = step.new ?? step.old;
    return [
      { op: step.op, name: step.urn.split("::").pop() ?? "", type: step.type, inputs: state?.inputs ?? {} },
    ];
  });
}

/** The operations of a command's steps for resources of `type`, in order: "create", "same", "delete"… */
export function opsOf(run: CommandRun, type = REVOCATION): string[] {
  return stepsOf(run, type).map((step) => step.op);
}

/** The requests of a run for one Quick BI action. */
export function callsOf(run: CommandRun, action: string): RequestLogEntry[] {
  return run.requests.filter((r) => r.action === action);
}

/**
 * The emulator as the stack config reaches it. The AccessKey id is stored as a secret too: the engine
 * copies the stack config into the default provider's inputs in the state, where a plain value
 * would be written in clear.
 */
export function emulatorConfig(emulator: QuickBIEmulator, what: EmulatorConfig): Record<string, ConfigValue> {
  if (what === "nothing") return {};
  return {
    "quickbi:endpoint": emulator.url,
    ...(what === "endpoint and keys"
      ? {
          "alicloud:accessKey": { secret: emulator.accessKeyId },
          "alicloud:secretKey": { secret: emulator.accessKeySecret },
        }
      : {}),
    "quickbi:retryBaseDelay": "1",
    "quickbi:retryMaxDelay": "5",
  };
}
