// Starts the real dynamic-provider host shipped in @pulumi/pulumi the way the engine does and drives it
// over gRPC like the engine would. There is no Pulumi CLI on these machines; this is the faithful
// stand-in for the provider side of `pulumi up`, `refresh` and `destroy`.
//
// What the engine's launcher `pulumi-resource-pulumi-nodejs` does, and what is reproduced here:
//   node <@pulumi/pulumi/cmd/dynamic-provider> <engine address>
// in the project directory, with PULUMI_NODEJS_PROJECT, PULUMI_PROJECT and PULUMI_CONFIG set. The host
// prints its port on the first stdout line and never connects to the engine address.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as grpcJs from "@grpc/grpc-js";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerGrpcPb from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as statusPb from "@pulumi/pulumi/proto/status_pb";
import { TEST_PROJECT } from "./engine-values";

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
  startTimeoutMs: 30_000,
  // The host only checks that an engine address is present; nothing listens here.
  engineAddress: "127.0.0.1:1",
  stopGraceMs: 5_000,
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
  const verbose = options.verbose ?? DEFAULTS.verbose;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
  const project = options.project ?? DEFAULTS.project;
  const modules = loadHostModules(pulumiDir);

  const [executable, ...args] = options.command ?? [process.execPath, hostScript(pulumiDir)];
  const child = spawn(executable, [...args, DEFAULTS.engineAddress], {
    cwd: options.cwd,
    env: hostEnvironment(options.env, project, options.pulumiConfig ?? DEFAULTS.pulumiConfig),
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
    if (verbose) process.stderr.write(`[provider-host ${stream}] ${chunk.toString("utf8")}`);
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

  const client = new modules.services.ResourceProviderClient(
    `127.0.0.1:${port}`,
    modules.grpc.credentials.createInsecure(),
  );
  const call = <Res>(
    method: string,
    invoke: (
      metadata: grpcJs.Metadata,
      options: Partial<grpcJs.CallOptions>,
      callback: (error: grpcJs.ServiceError | null, response: Res) => void,
    ) => unknown,
  ): Promise<Res> =>
    new Promise((resolve, reject) => {
      invoke(new modules.grpc.Metadata(), { deadline: Date.now() + callTimeoutMs }, (error, response) => {
        if (error) reject(toCallError(method, error, modules));
        else resolve(response);
      });
    });
  const struct = (value: PropertyMap) =>
    modules.struct.Struct.fromJavaScript(value as Record<string, structPb.JavaScriptValue>);
  const plain = (value: structPb.Struct | undefined): PropertyMap => (value ? value.toJavaScript() : {});
  const P = modules.provider;

  let stopped: Promise<void> | undefined;
  return {
    port,
    pid: child.pid ?? -1,
    pulumiDir,
    exited,
    output: () => text,

    async configure(config) {
      const req = new P.ConfigureRequest();
      req.setArgs(struct(config));
      const variables = req.getVariablesMap();
      for (const [key, value] of Object.entries(config)) {
        variables.set(key, typeof value === "string" ? value : JSON.stringify(value));
      }
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      const res = await call<providerPb.ConfigureResponse>("Configure", (m, o, cb) =>
        client.configure(req, m, o, cb),
      );
      return { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
    },

    async check(urn, olds, news) {
      const req = new P.CheckRequest();
      req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setOlds(struct(olds)).setNews(struct(news));
      const res = await call<providerPb.CheckResponse>("Check", (m, o, cb) => client.check(req, m, o, cb));
      return {
        inputs: plain(res.getInputs()),
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },

    async diff(id, urn, olds, news, oldInputs) {
      const req = new P.DiffRequest();
      req.setId(id).setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setOlds(struct(olds)).setNews(struct(news));
      if (oldInputs) req.setOldInputs(struct(oldInputs));
      const res = await call<providerPb.DiffResponse>("Diff", (m, o, cb) => client.diff(req, m, o, cb));
      const Changes = P.DiffResponse.DiffChanges;
      const changes = res.getChanges();
      return {
        changes: changes === Changes.DIFF_SOME ? "some" : changes === Changes.DIFF_NONE ? "none" : "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },

    async create(urn, properties) {
      const req = new P.CreateRequest();
      req.setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setProperties(struct(properties));
      const res = await call<providerPb.CreateResponse>("Create", (m, o, cb) => client.create(req, m, o, cb));
      return { id: res.getId(), properties: plain(res.getProperties()) };
    },

    async read(id, urn, properties, inputs) {
      const req = new P.ReadRequest();
      req.setId(id).setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setProperties(struct(properties));
      if (inputs) req.setInputs(struct(inputs));
      const res = await call<providerPb.ReadResponse>("Read", (m, o, cb) => client.read(req, m, o, cb));
      const resultInputs = res.getInputs();
      return {
        id: res.getId(),
        properties: plain(res.getProperties()),
        ...(resultInputs ? { inputs: plain(resultInputs) } : {}),
      };
    },

    async update(id, urn, olds, news, oldInputs) {
      const req = new P.UpdateRequest();
      req.setId(id).setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setOlds(struct(olds)).setNews(struct(news));
      if (oldInputs) req.setOldInputs(struct(oldInputs));
      const res = await call<providerPb.UpdateResponse>("Update", (m, o, cb) => client.update(req, m, o, cb));
      return { properties: plain(res.getProperties()) };
    },

    async delete(id, urn, properties, oldInputs) {
      const req = new P.DeleteRequest();
      req.setId(id).setUrn(urn).setName(nameOf(urn)).setType(typeOf(urn));
      req.setProperties(struct(properties));
      if (oldInputs) req.setOldInputs(struct(oldInputs));
      await call<emptyPb.Empty>("Delete", (m, o, cb) => client.delete(req, m, o, cb));
    },

    async getPluginInfo() {
      const req = new modules.empty.Empty();
      const res = await call<pluginPb.PluginInfo>("GetPluginInfo", (m, o, cb) =>
        client.getPluginInfo(req, m, o, cb),
      );
      return { version: res.getVersion() };
    },

    async getSchema() {
      const req = new P.GetSchemaRequest();
      const res = await call<providerPb.GetSchemaResponse>("GetSchema", (m, o, cb) =>
        client.getSchema(req, m, o, cb),
      );
      return JSON.parse(res.getSchema()) as unknown;
    },

    stop() {
      stopped ??= (async () => {
        client.close();
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const escalate = setTimeout(() => child.kill("SIGKILL"), DEFAULTS.stopGraceMs);
          await exited;
          clearTimeout(escalate);
        }
      })();
      return stopped;
    },
  };
}

/** The gRPC library, message classes and stubs, all loaded from one `@pulumi/pulumi` so they match. */
interface HostModules {
  readonly grpc: typeof grpcJs;
  readonly struct: typeof structPb;
  readonly empty: typeof emptyPb;
  readonly provider: typeof providerPb;
  readonly services: typeof providerGrpcPb;
  readonly status: typeof statusPb;
}

function loadHostModules(pulumiDir: string): HostModules {
  const load = createRequire(join(pulumiDir, "package.json"));
  return {
    grpc: load("@grpc/grpc-js"),
    struct: load("google-protobuf/google/protobuf/struct_pb"),
    empty: load("google-protobuf/google/protobuf/empty_pb"),
    provider: load("./proto/provider_pb.js"),
    services: load("./proto/provider_grpc_pb.js"),
    status: load("./proto/status_pb.js"),
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
        new Error(`provider host printed no port within ${DEFAULTS.startTimeoutMs} ms. Output:\n${output()}`),
      );
    }, DEFAULTS.startTimeoutMs);
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

function toCallError(method: string, error: grpcJs.ServiceError, modules: HostModules): ProviderCallError {
  const initFailed = initFailedDetails(error.metadata, modules);
  return Object.assign(new Error(error.details, { cause: error }), {
    name: `ProviderCallError(${method})`,
    code: error.code,
    ...(initFailed ? { initFailed } : {}),
  });
}

function initFailedDetails(
  metadata: grpcJs.Metadata | undefined,
  modules: HostModules,
): InitFailedDetails | undefined {
  for (const raw of metadata?.get("grpc-status-details-bin") ?? []) {
    const bytes = typeof raw === "string" ? Buffer.from(raw, "base64") : raw;
    for (const detail of modules.status.Status.deserializeBinary(bytes).getDetailsList()) {
      if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const failed = modules.provider.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return {
        id: failed.getId(),
        properties: failed.getProperties()?.toJavaScript() ?? {},
        reasons: failed.getReasonsList(),
      };
    }
  }
  return undefined;
}

// urn:pulumi:<stack>::<project>::<qualified type>::<name>; a child's type is "<parent type>$<type>".
function typeOf(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

// A host must never outlive the test run, even when a spec forgets stop() or mocha exits early.
const liveHosts = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveHosts) child.kill("SIGKILL");
});
