// The engine's side of the ResourceProvider gRPC protocol, for one running dynamic-provider host: each
// method builds the request the engine would send and turns the answer back into plain values.
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as grpcJs from "@grpc/grpc-js";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerGrpcPb from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as statusPb from "@pulumi/pulumi/proto/status_pb";
import type { InitFailedDetails, PropertyMap, ProviderCallError, ProviderHost } from "./provider-host";

/** The calls of {@link ProviderHost}, plus closing the connection. */
export type ProviderCalls = Pick<
  ProviderHost,
  "configure" | "check" | "diff" | "create" | "read" | "update" | "delete" | "getPluginInfo" | "getSchema"
> & { close(): void };

/**
 * Connects to the host on `port` with the gRPC library and stubs of `pulumiDir`'s `@pulumi/pulumi`.
 * A call that takes longer than `callTimeoutMs` fails with DEADLINE_EXCEEDED.
 */
export function connectProvider(pulumiDir: string, port: number, callTimeoutMs: number): ProviderCalls {
  const modules = loadHostModules(pulumiDir);
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

  return {
    close: () => client.close(),

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
