/**
 * The Python, Go and YAML examples run through the real Pulumi CLI, offline (a file backend, the
 * passphrase secrets provider, a PULUMI_HOME of their own, no plugin downloads), the way tests/native
 * drives them:
 * - Python and Go as Automation API inline programs in their own language (examples/python/inline.py,
 *   examples/go/inline.go), since their language hosts cannot be had here; the quickbi plugin is found
 *   on PATH (this repository's bin/), as `npm install -g` would put it there;
 * - YAML as a real project directory through the YAML language host, the plugin named by the project's
 *   `plugins.providers` path. The example is copied to a temporary directory (stack settings are
 *   written beside Pulumi.yaml) with that path made absolute.
 * scripts/native-toolchain obtains what each needs; {@link findExampleTools} says what is missing.
 *
 * With `installedPlugin`, the stack runs as a user's would after installing the release: the plugin
 * from a `PULUMI_HOME` it was installed into (`pulumi plugin install --file`), `PATH` holding only the
 * tools' directories (no Node.js, no repository bin/), and no `plugins` section in the YAML project.
 */
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseDocument } from "yaml";
import { findPulumiCli, type PulumiCli } from "./pulumi-cli";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "..");
const TOOLCHAIN = join(ROOT, "scripts", "native-toolchain");

export type ExampleLanguage = "python" | "go" | "yaml";
export type ExampleOperation = "preview" | "up" | "refresh" | "up --refresh" | "destroy";

/** What one operation did: resource changes by kind (`create`, `same`, `delete`…) and the CLI's output. */
export interface ExampleRun {
  readonly changes: Readonly<Record<string, number>>;
  readonly output: string;
}

/** Where each tool is, or why the example cannot run. */
export type ExampleTools =
  | { readonly cli: PulumiCli; readonly python: string; readonly yamlHost: string }
  | { readonly missing: string };

/** Where scripts/native-toolchain keeps each part (`python`, `yaml-host`, `wheelhouse`…), as it prints them. */
export function nativeToolchainPaths(): Partial<Record<string, string>> {
  return Object.fromEntries(
    execFileSync(TOOLCHAIN, ["--print"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2) as [string, string]),
  );
}

/** Finds what `language`'s example needs, building nothing. */
export function findExampleTools(language: ExampleLanguage): ExampleTools {
  const cli = findPulumiCli();
  if (!cli) return { missing: "the Pulumi CLI v3.276.0 (scripts/pulumi-cli builds it)" };
  const where = nativeToolchainPaths();
  const python = where.python ?? "";
  const yamlHost = where["yaml-host"] ?? "";
  if (language === "python" && !existsSync(python))
    return { missing: `a Python venv with the pulumi SDK and pulumi_quickbi at ${python}` };
  // A venv whose pulumi_quickbi predates sdk/python would test the old SDK: a failure, not a skip.
  if (language === "python" && where["python-sdk"] !== "current")
    throw new Error(`the venv's pulumi_quickbi is not sdk/python as it is now: run npm run tools`);
  if (language === "go" && !hasGo()) return { missing: "a Go toolchain (go >= 1.26 on PATH)" };
  if (language === "yaml" && !existsSync(yamlHost))
    return { missing: `the Pulumi YAML language host at ${yamlHost}` };
  return { cli, python, yamlHost };
}

export interface ExampleStackOptions {
  readonly language: ExampleLanguage;
  readonly tools: Exclude<ExampleTools, { missing: string }>;
  /** Stack config; `{ secret }` is `pulumi config set --secret`. */
  readonly config: Readonly<Record<string, string | { readonly secret: string }>>;
  /** Environment of the CLI (and so of the plugin), on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run with the plugin installed into this `PULUMI_HOME`, `PATH` only the tools' directories. */
  readonly installedPlugin?: { readonly pulumiHome: string };
  /**
   * For YAML, the project directory to copy, relative to the repository.
   * @default "examples/yaml"
   */
  readonly yamlProject?: string;
}

export class ExampleStack {
  private constructor(
    private readonly options: ExampleStackOptions,
    /** The temporary directory: workspace or project copy, state, PULUMI_HOME. */
    readonly dir: string,
    /** Where the program runs: for YAML, the copy of the example's project, its people.yaml included. */
    readonly workDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly goProgram?: string,
  ) {}

  static async open(options: ExampleStackOptions): Promise<ExampleStack> {
    const dir = mkdtempSync(join(tmpdir(), `quickbi-${options.language}-`));
    const workDir = join(dir, "work");
    mkdirSync(join(dir, "state"));
    const { cli, yamlHost, python } = options.tools;
    const installed = options.installedPlugin;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
      PULUMI_HOME: installed?.pulumiHome ?? join(dir, "home"),
      PULUMI_CONFIG_PASSPHRASE: "quickbi-offboarding-example",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PATH: (installed
        ? [cli.bin, dirname(yamlHost), dirname(python)]
        : [cli.bin, dirname(yamlHost), join(ROOT, "bin"), process.env.PATH ?? ""]
      ).join(":"),
      QUICKBI_STACK_DIR: workDir,
      QUICKBI_CLI_ROOT: cli.root,
      QUICKBI_CONFIG: JSON.stringify(options.config),
    };
    let goProgram: string | undefined;
    if (options.language === "yaml") {
      const source = join(ROOT, options.yamlProject ?? join("examples", "yaml"));
      cpSync(source, workDir, { recursive: true });
      const project = join(workDir, "Pulumi.yaml");
      if (installed) {
        const settings = parseDocument(readFileSync(project, "utf8"));
        settings.delete("plugins");
        writeFileSync(project, settings.toString());
      } else {
        writeFileSync(
          project,
          readFileSync(project, "utf8").replace(/path: (\.\.\/)+bin/, `path: ${join(ROOT, "bin")}`),
        );
      }
      const stack = new ExampleStack(options, dir, workDir, env);
      await stack.pulumi(["stack", "init", "dev"]);
      for (const [key, value] of Object.entries(options.config)) {
        await stack.pulumi(
          typeof value === "string"
            ? ["config", "set", key, value]
            : ["config", "set", "--secret", key, value.secret],
        );
      }
      return stack;
    }
    mkdirSync(workDir);
    if (options.language === "go") {
      goProgram = join(dir, "offboard-inline");
      await run("go", ["build", "-tags", "inline", "-o", goProgram, "."], {
        cwd: join(ROOT, "examples", "go"),
      });
    }
    return new ExampleStack(options, dir, workDir, env, goProgram);
  }

  /**
   * Adds stack config for the next runs of a Python or Go inline program (each run sets the whole
   * config it is given), as `pulumi config set` does for a project directory.
   */
  setInlineConfig(values: Readonly<Record<string, string>>): void {
    if (this.options.language === "yaml")
      throw new Error("setInlineConfig: a YAML stack takes `pulumi config set`");
    this.env.QUICKBI_CONFIG = JSON.stringify({ ...JSON.parse(this.env.QUICKBI_CONFIG ?? "{}"), ...values });
  }

  /** `pulumi preview --diff`, `up`, `refresh`, `up --refresh` or `destroy`, as the example's language runs it. */
  async run(operation: ExampleOperation): Promise<ExampleRun> {
    const { language, tools } = this.options;
    if (language === "yaml") {
      const args = {
        preview: ["preview", "--diff"],
        up: ["up", "--yes", "--skip-preview"],
        refresh: ["refresh", "--yes", "--skip-preview"],
        "up --refresh": ["up", "--refresh", "--yes", "--skip-preview"],
        destroy: ["destroy", "--yes", "--skip-preview"],
      }[operation];
      const output = await this.pulumi(args);
      return { changes: resourceChangesIn(output), output };
    }
    const inlineOperation = operation === "up --refresh" ? "up-refresh" : operation;
    const [command, args] =
      language === "python"
        ? [tools.python, [join(ROOT, "examples", "python", "inline.py"), inlineOperation]]
        : [this.goProgram ?? "", [inlineOperation]];
    const { stdout } = await run(command, args, { env: this.env, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`${language} ${operation} failed: ${error.stderr ?? error.message}`, {
          cause: error,
        });
      },
    );
    const last = stdout.trim().split("\n").pop() ?? "{}";
    return JSON.parse(last) as ExampleRun;
  }

  /** The resources of the state, as `pulumi stack export` prints them, without the stack and providers. */
  async resources(): Promise<
    { type: string; urn: string; provider?: string; outputs?: Record<string, unknown> }[]
  > {
    const exported = JSON.parse(await this.pulumi(["stack", "export", "--stack", "dev"])) as {
      deployment: { resources?: { type: string; urn: string; outputs?: Record<string, unknown> }[] };
    };
    return (exported.deployment.resources ?? []).filter(
      (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
    );
  }

  /** `pulumi stack export --show-secrets=false`, as text: what the state holds, providers included. */
  async exportText(): Promise<string> {
    return this.pulumi(["stack", "export", "--stack", "dev"]);
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pulumi(args: string[]): Promise<string> {
    try {
      const { stdout } = await run(
        join(this.options.tools.cli.bin, "pulumi"),
        [...args, "--non-interactive"],
        {
          cwd: this.workDir,
          env: this.env,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      return stdout;
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`pulumi ${args.join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
    }
  }
}

/** The "Resources:" section of the CLI's summary: `+ 6 to create`, `6 unchanged`, `- 6 deleted`. */
function resourceChangesIn(output: string): Record<string, number> {
  const kinds: Record<string, string> = {
    "to create": "create",
    created: "create",
    unchanged: "same",
    "to delete": "delete",
    deleted: "delete",
    "to update": "update",
    updated: "update",
  };
  const changes: Record<string, number> = {};
  const section = output.slice(output.lastIndexOf("Resources:"));
  for (const match of section.matchAll(
    /^\s*[-+~]?\s*(\d+) (to create|created|unchanged|to delete|deleted|to update|updated)$/gm,
  )) {
    changes[kinds[match[2]!]!] = Number(match[1]);
  }
  return changes;
}

function hasGo(): boolean {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
