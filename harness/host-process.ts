// The dynamic-provider host as a process, started the way the engine's launcher
// `pulumi-resource-pulumi-nodejs` starts it: `node <@pulumi/pulumi/cmd/dynamic-provider> <engine address>`
// in the project directory, with PULUMI_NODEJS_PROJECT, PULUMI_PROJECT and PULUMI_CONFIG set. The host
// prints its port on the first stdout line and never connects to the engine address.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** Options of {@link spawnHostProcess}; see ProviderHostOptions for each. */
export interface HostProcessOptions {
  readonly pulumiDir: string;
  /** The plugin to start instead of the dynamic-provider host, and its arguments. */
  readonly command?: readonly [string, ...string[]];
  readonly cwd: string;
  readonly env: Record<string, string | undefined> | undefined;
  readonly project: string;
  readonly pulumiConfig: Record<string, string>;
  readonly verbose: boolean;
}

/** A running host process whose port is known. */
export interface HostProcess {
  readonly port: number;
  readonly pid: number;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stdout and stderr so far (the port line included). */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

const TIMING = {
  startTimeoutMs: 30_000,
  stopGraceMs: 5_000,
  // The host only checks that an engine address is present; nothing listens here.
  engineAddress: "127.0.0.1:1",
} as const;

/** Starts the host and waits for the port it prints; kills it if it prints none. */
export async function spawnHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const [executable, ...args] = options.command ?? [process.execPath, hostScript(options.pulumiDir)];
  const child = spawn(executable, [...args, TIMING.engineAddress], {
    cwd: options.cwd,
    env: hostEnvironment(options.env, options.project, options.pulumiConfig),
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveHosts.add(child);
  let text = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      liveHosts.delete(child);
      resolve({ code, signal });
    });
    // Without a listener, a failed spawn (a missing cwd, say) would crash the test process.
    child.once("error", (error) => {
      text += `failed to start: ${error.message}\n`;
      liveHosts.delete(child);
      resolve({ code: null, signal: null });
    });
  });

  const capture = (stream: string) => (chunk: Buffer) => {
    text += chunk.toString("utf8");
    if (options.verbose) process.stderr.write(`[provider-host ${stream}] ${chunk.toString("utf8")}`);
  };
  child.stdout?.on("data", capture("stdout"));
  child.stderr?.on("data", capture("stderr"));

  let port: number;
  try {
    port = await readPort(child, () => text, exited);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
  return {
    port,
    pid: child.pid ?? -1,
    exited,
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const escalate = setTimeout(() => child.kill("SIGKILL"), TIMING.stopGraceMs);
      await exited;
      clearTimeout(escalate);
    },
  };
}

function hostScript(pulumiDir: string): string {
  return require.resolve(join(pulumiDir, "cmd", "dynamic-provider"));
}

function hostEnvironment(
  extra: Record<string, string | undefined> | undefined,
  project: string,
  pulumiConfig: Record<string, string>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  env.PULUMI_NODEJS_PROJECT = project;
  env.PULUMI_PROJECT = project;
  env.PULUMI_CONFIG = JSON.stringify(pulumiConfig);
  return env;
}

function readPort(
  child: ChildProcess,
  output: () => string,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(`provider host printed no port within ${TIMING.startTimeoutMs} ms. Output:\n${output()}`),
      );
    }, TIMING.startTimeoutMs);
    const onData = () => {
      const text = output();
      const newline = text.indexOf("\n");
      if (newline < 0) return;
      finish();
      const firstLine = text.slice(0, newline).trim();
      const port = Number(firstLine);
      if (Number.isInteger(port) && port > 0) resolve(port);
      else reject(new Error(`provider host's first stdout line is not a port: ${JSON.stringify(firstLine)}`));
    };
    const finish = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
    };
    // Registered after the capturing listener, so output() already holds the chunk.
    child.stdout?.on("data", onData);
    void exited.then(({ code, signal }) => {
      finish();
      reject(
        new Error(
          `provider host exited (code ${code}, signal ${signal}) before printing its port:\n${output()}`,
        ),
      );
    });
  });
}

// A host must never outlive the test run, even when a spec forgets stop() or mocha exits early.
const liveHosts = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveHosts) child.kill("SIGKILL");
});
