// Starts the real dynamic-provider host shipped in @pulumi/pulumi the way the engine does and drives it
// over gRPC like the engine would. There is no Pulumi CLI on these machines; this is the faithful
// stand-in for the provider side of `pulumi up`, `refresh` and `destroy`. The process is in
// host-process.ts, the protocol in host-grpc.ts; this file is the API tests and benchmarks use.
import { dirname } from "node:path";
import { TEST_PROJECT } from "./engine-values";
import { connectProvider } from "./host-grpc";
import { spawnHostProcess } from "./host-process";

export { secret, isSecret, unwrapSecret, urnFor, SIG_KEY, SECRET_SIG, UNKNOWN_VALUE } from "./engine-values";
export type { SecretValue } from "./engine-values";

/** A property map as it travels to and from a provider (a `google.protobuf.Struct`). */
export type PropertyMap = Record<string, unknown>;

/** Options of {@link startProviderHost}. */
export interface ProviderHostOptions {
  /** The Pulumi project directory: the host's working directory, where `__provider` resolves `require`s. */
  readonly cwd: string;
  /**
   * Variables added to this process's environment; `undefined` removes one.
   * @default - the environment of this process, unchanged
   */
  readonly env?: Record<string, string | undefined>;
  /**
   * The project name, given as PULUMI_NODEJS_PROJECT and PULUMI_PROJECT; short keys in
   * `req.config.get(...)` use it as their namespace.
   * @default "quickbi-test"
   */
  readonly project?: string;
  /**
   * PULUMI_CONFIG as the launcher passes it. The engine only puts the plugin's own `pulumi-nodejs:*`
   * keys here; stack config reaches a dynamic provider through {@link ProviderHost.configure}.
   * @default {}
   */
  readonly pulumiConfig?: Record<string, string>;
  /**
   * The `@pulumi/pulumi` package directory whose host runs and whose gRPC stubs talk to it.
   * @default - the copy this repository resolves
   */
  readonly pulumiDir?: string;
  /**
   * Copy the host's stdout and stderr to this process's stderr as they arrive.
   * @default false
   */
  readonly verbose?: boolean;
  /**
   * How long one call may take before it fails with DEADLINE_EXCEEDED, so a hung provider fails the
   * test instead of the mocha timeout.
   * @default 30000
   */
  readonly callTimeoutMs?: number;
  /**
   * The plugin to start instead of the dynamic-provider host: an executable (the engine runs a resource
   * plugin `pulumi-resource-<name>` the same way) and its arguments before the engine address.
   * @default - node on `@pulumi/pulumi/cmd/dynamic-provider` of `pulumiDir`
   */
  readonly command?: readonly [string, ...string[]];
}

/** What {@link ProviderHost.check} returns. */
export interface CheckResult {
  readonly inputs: PropertyMap;
  readonly failures: { property: string; reason: string }[];
}

/** What {@link ProviderHost.diff} returns. */
export interface DiffResult {
  readonly changes: "none" | "some" | "unknown";
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** What {@link ProviderHost.read} returns. `inputs` is absent when the provider returned none. */
export interface ReadResult {
  readonly id: string;
  readonly properties: PropertyMap;
  readonly inputs?: PropertyMap;
}

/** The `ErrorResourceInitFailed` detail: the resource was created but failed to initialise. */
export interface InitFailedDetails {
  readonly id: string;
  readonly properties: PropertyMap;
  readonly reasons: string[];
}

/** A failed call: `message` is the gRPC details, the text the engine would show. */
export interface ProviderCallError extends Error {
  /** The gRPC status code (`2` = UNKNOWN for an error thrown by the provider). */
  readonly code: number;
  /** Present when the host sent `ErrorResourceInitFailed` in `grpc-status-details-bin`. */
  readonly initFailed?: InitFailedDetails;
}

/** A running dynamic-provider host and a gRPC client speaking to it the way the engine does. */
export interface ProviderHost {
  readonly port: number;
  readonly pid: number;
  /** The `@pulumi/pulumi` directory the host runs from. */
  readonly pulumiDir: string;
  /** Settles when the host process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the host wrote to stdout and stderr so far (the port line included). */
  output(): string;
  /**
   * Sends the stack config as the engine does: every key in the args Struct and the variables map.
   * Use namespaced keys such as `alicloud:region`.
   */
  configure(config: Record<string, unknown>): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
  /** `olds` are the old inputs (empty for a new resource), `news` the program's inputs. */
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  /** `olds` are the current state (old outputs), `news` the checked inputs. */
  diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs?: PropertyMap,
  ): Promise<DiffResult>;
  create(urn: string, properties: PropertyMap): Promise<{ id: string; properties: PropertyMap }>;
  /** `properties` are the state in the stack; the host runs the `__provider` found there. */
  read(id: string, urn: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  /** `olds` are the current state (old outputs), `news` the checked inputs. */
  update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs?: PropertyMap,
  ): Promise<{ properties: PropertyMap }>;
  /** `properties` are the state in the stack; the host runs the `__provider` found there. */
  delete(id: string, urn: string, properties: PropertyMap, oldInputs?: PropertyMap): Promise<void>;
  getPluginInfo(): Promise<{ version: string }>;
  /** The package schema the plugin serves (GetSchema, version 0), parsed. */
  getSchema(): Promise<unknown>;
  /** Closes the client and ends the host process; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULTS = {
  project: TEST_PROJECT,
  pulumiConfig: {},
  verbose: false,
  callTimeoutMs: 30_000,
} as const;

/** The `@pulumi/pulumi` directory this repository resolves. */
export function defaultPulumiDir(): string {
  return dirname(require.resolve("@pulumi/pulumi/package.json"));
}

/**
 * Starts the real dynamic-provider host and connects to it.
 *
 * @example
 * const host = await startProviderHost({ cwd: project.dir });
 * await host.configure({ "alicloud:region": "cn-hangzhou" });
 * const { id } = await host.create(urnFor(type, "alice"), { ...inputs, __provider });
 * await host.stop();
 */
export async function startProviderHost(options: ProviderHostOptions): Promise<ProviderHost> {
  const pulumiDir = options.pulumiDir ?? defaultPulumiDir();
  const host = await spawnHostProcess({
    pulumiDir,
    ...(options.command ? { command: options.command } : {}),
    cwd: options.cwd,
    env: options.env,
    project: options.project ?? DEFAULTS.project,
    pulumiConfig: options.pulumiConfig ?? DEFAULTS.pulumiConfig,
    verbose: options.verbose ?? DEFAULTS.verbose,
  });
  const { close, ...calls } = connectProvider(
    pulumiDir,
    host.port,
    options.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
  );
  let stopped: Promise<void> | undefined;
  return {
    ...calls,
    port: host.port,
    pid: host.pid,
    pulumiDir,
    exited: host.exited,
    output: host.output,
    stop() {
      stopped ??= (async () => {
        close();
        await host.stop();
      })();
      return stopped;
    },
  };
}
