// The one place the suite calls pulumi.runtime.setMocks. setMocks is process-global: spec files that
// each set their own mocks overwrite each other, so every program-side test goes through
// captureResources, which resets the runtime, the config and the capture state on every call.
import * as pulumi from "@pulumi/pulumi";
import { TEST_PROJECT, TEST_STACK, unwrapSecret, isSecret } from "./engine-values";

/** A resource the program registered, as the engine's resource monitor would have received it. */
export interface RegisteredResource {
  /** The type token, e.g. `pulumi-nodejs:dynamic/quickbi:Offboarding`. */
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The id the mocks gave it (`<name>-id`); absent for component resources. */
  readonly id?: string;
  /** False for component resources. */
  readonly custom: boolean;
  /**
   * The inputs the monitor received. Secret inputs stay wrapped (see `secret()` in engine-values)
   * except `__provider`, which is always the serialized provider text.
   */
  readonly inputs: Record<string, unknown>;
  /** True when `__provider` arrived as a secret, i.e. the provider closure captured a secret Output. */
  readonly providerIsSecret: boolean;
  /**
   * The resolved values of the Output properties on the resource object, `urn` and `id` excluded. A
   * declared output that is missing here was never wired up (see the `declare readonly` pitfall).
   */
  readonly outputs: Record<string, unknown>;
  /** The parent's URN, when the resource has a parent. */
  readonly parent?: string;
  /**
   * The URNs of the custom resources it depends on, as the RegisterResource request carried them:
   * `dependsOn` and the resources behind its input Outputs, with a component expanded to the custom
   * resources under it. The engine orders steps by these. Empty for a resource read with `get`.
   */
  readonly dependencies: readonly string[];
  /**
   * Where the program constructed it, as the request carried it (`uri` a file URL); absent when the
   * SDK found none.
   */
  readonly sourcePosition?: SourcePosition;
  /** The whole stack the request carried, innermost first: @pulumi/pulumi 3.2xx sends it, 3.139 does not. */
  readonly stackTrace?: readonly SourcePosition[];
}

/** A position in the program's source, as RegisterResourceRequest's SourcePosition holds it. */
export interface SourcePosition {
  readonly uri: string;
  readonly line: number;
  readonly column: number;
}

/** Options of {@link captureResources}. */
export interface CaptureOptions {
  /**
   * The stack config, with namespaced keys (`quickbi:region`), as `new pulumi.Config()` sees it.
   * @default {}
   */
  readonly config?: Record<string, string>;
  /** @default "quickbi-test" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /**
   * Run as `pulumi preview` does (`pulumi.runtime.isDryRun()` is true).
   * @default false
   */
  readonly preview?: boolean;
  /**
   * The state the mocked engine answers a registration with, as a provider's create would.
   * @default - the inputs
   */
  readonly stateFor?: (resource: {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
  }) => Record<string, unknown>;
}

/**
 * Runs `program` against mocks and returns every resource it registered, in registration order, once
 * every registration (including ones made inside `apply`) has finished. The mocks answer
 * `newResource` with id `<name>-id` and state = inputs (or `stateFor`), and `call` with `{}`.
 *
 * @example
 * const [offboarding] = await captureResources(() => {
 *   new Offboarding("alice", { userId: "u-1" });
 * }, { config: { "alicloud:region": "cn-hangzhou" } });
 * assert.equal(offboarding?.type, "pulumi-nodejs:dynamic/quickbi:Offboarding");
 */
export function captureResources(
  program: () => void | Promise<void>,
  options: CaptureOptions = {},
): Promise<RegisteredResource[]> {
  // Runs are serialized: the runtime they configure is global.
  const run = queue.then(() => captureOnce(program, options));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

interface MockRecord {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  taken: boolean;
}

interface Tracked {
  readonly resource: pulumi.Resource;
  readonly parent: pulumi.Resource | undefined;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
}

async function captureOnce(
  program: () => void | Promise<void>,
  options: CaptureOptions,
): Promise<RegisteredResource[]> {
  const records: MockRecord[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        records.push({ type: args.type, name: args.name, inputs: args.inputs, taken: false });
        const state =
          options.stateFor?.({ type: args.type, name: args.name, inputs: args.inputs }) ?? args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: () => ({}),
    },
    options.project ?? TEST_PROJECT,
    options.stack ?? TEST_STACK,
    options.preview ?? false,
  );
  pulumi.runtime.setAllConfig(options.config ?? {});
  const requests = recordRequests();

  const tracked: Tracked[] = [];
  const restore = trackRegistrations(tracked);
  try {
    await program();
    await settle(tracked);
  } catch (error) {
    // Let what the program started finish, so it cannot leak into the next capture.
    await settle(tracked).catch(() => undefined);
    throw error;
  } finally {
    restore();
  }

  const captured: RegisteredResource[] = [];
  for (const entry of tracked) {
    const record = records.find((r) => !r.taken && r.type === entry.type && r.name === entry.name);
    if (!record) throw new Error(`resource ${entry.name} [${entry.type}] never reached the mock monitor`);
    record.taken = true;
    const { __provider, ...rest } = record.inputs;
    const parent = entry.parent ? await resolved(entry.parent.urn) : undefined;
    const id =
      entry.resource instanceof pulumi.CustomResource ? await resolved(entry.resource.id) : undefined;
    const urn = String(await resolved(entry.resource.urn));
    captured.push({
      type: entry.type,
      name: entry.name,
      urn,
      ...(id === undefined ? {} : { id: String(id) }),
      custom: entry.custom,
      inputs: __provider === undefined ? rest : { ...rest, __provider: unwrapSecret(__provider) },
      providerIsSecret: isSecret(__provider),
      outputs: await outputsOf(entry.resource),
      ...(parent === undefined ? {} : { parent: String(parent) }),
      dependencies: requests.get(urn)?.dependencies ?? [],
      ...(requests.get(urn)?.position ?? {}),
    });
  }
  return captured;
}

interface MockMonitorLike {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterResourceRequest, callback: unknown): unknown;
}

interface SourcePositionMessage {
  getUri(): string;
  getLine(): number;
  getColumn(): number;
}

interface RegisterResourceRequest {
  getParent(): string;
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
  getSourceposition?(): SourcePositionMessage | undefined;
  /** @pulumi/pulumi 3.2xx only. */
  getStacktrace?(): { getFramesList(): { getPc?(): SourcePositionMessage | undefined }[] } | undefined;
}

interface RecordedRequest {
  readonly dependencies: readonly string[];
  readonly position: Pick<RegisteredResource, "sourcePosition" | "stackTrace">;
}

/**
 * What each registration's request carried that MockResourceArgs does not (its dependency URNs, its
 * source position and stack), by URN. This wraps the registerResource method of the mock monitor that
 * setMocks just installed: the request it receives is the one the engine would. The monitor is new on
 * every setMocks, so nothing needs restoring.
 */
function recordRequests(): Map<string, RecordedRequest> {
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): unknown };
  const monitor = settings.getMonitor() as MockMonitorLike | undefined;
  if (typeof monitor?.registerResource !== "function" || typeof monitor.newUrn !== "function") {
    throw new Error("@pulumi/pulumi's mock monitor changed shape; update harness/mocks.ts");
  }
  const byUrn = new Map<string, RecordedRequest>();
  const registerResource = monitor.registerResource;
  monitor.registerResource = function (req, callback) {
    const sourcePosition = positionOf(req.getSourceposition?.());
    const frames = req.getStacktrace?.()?.getFramesList();
    const stackTrace = frames?.map((frame) => positionOf(frame.getPc?.()) ?? { uri: "", line: 0, column: 0 });
    byUrn.set(monitor.newUrn(req.getParent(), req.getType(), req.getName()), {
      dependencies: req.getDependenciesList(),
      position: {
        ...(sourcePosition ? { sourcePosition } : {}),
        ...(stackTrace && stackTrace.length > 0 ? { stackTrace } : {}),
      },
    });
    return registerResource.call(this, req, callback);
  };
  return byUrn;
}

function positionOf(message: SourcePositionMessage | undefined): SourcePosition | undefined {
  if (!message || message.getUri() === "") return undefined;
  return { uri: message.getUri(), line: message.getLine(), column: message.getColumn() };
}

type RuntimeResourceModule = Record<"registerResource" | "readResource", (...args: unknown[]) => unknown>;

/**
 * Records each resource object as it is constructed. The public API hands mocks only plain inputs,
 * never the resource object, so this wraps the two functions @pulumi/pulumi's Resource constructor
 * calls through its module object (`resource_1.registerResource(this, parent, t, name, custom, ...)`
 * and `resource_1.readResource(this, parent, t, name, ...)`).
 */
function trackRegistrations(tracked: Tracked[]): () => void {
  const runtimeResource = require("@pulumi/pulumi/runtime/resource") as RuntimeResourceModule;
  const { registerResource, readResource } = runtimeResource;
  runtimeResource.registerResource = function (this: unknown, ...args: unknown[]) {
    const [resource, parent, type, name, custom] = args;
    tracked.push({
      resource: resource as pulumi.Resource,
      parent: parent as pulumi.Resource | undefined,
      type: String(type),
      name: String(name),
      custom: Boolean(custom),
    });
    return registerResource.apply(this, args);
  };
  runtimeResource.readResource = function (this: unknown, ...args: unknown[]) {
    const [resource, parent, type, name] = args;
    tracked.push({
      resource: resource as pulumi.Resource,
      parent: parent as pulumi.Resource | undefined,
      type: String(type),
      name: String(name),
      custom: true,
    });
    return readResource.apply(this, args);
  };
  return () => {
    runtimeResource.registerResource = registerResource;
    runtimeResource.readResource = readResource;
  };
}

/**
 * Waits until no registration is pending. `waitForRPCs` (exported by runtime/settings at run time,
 * hidden from the typings) drains the RPC queue; a resource created inside an `apply` joins the queue
 * only after outputs resolve, so this repeats, yielding a macrotask each time, until no new resource
 * appeared. It also waits for every URN, which rejects when a registration failed.
 */
async function settle(tracked: Tracked[]): Promise<void> {
  const { waitForRPCs } = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (typeof waitForRPCs !== "function") {
    throw new Error("@pulumi/pulumi no longer exports runtime.waitForRPCs; update tests/support/mocks.ts");
  }
  let seen = -1;
  while (seen !== tracked.length) {
    seen = tracked.length;
    await waitForRPCs();
    await Promise.all(tracked.map((t) => resolved(t.resource.urn)));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function outputsOf(resource: pulumi.Resource): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === "urn" || key === "id" || !pulumi.Output.isInstance(value)) continue;
    outputs[key] = await resolved(value);
  }
  return outputs;
}

/** An Output's value, unknown during preview resolving to undefined (Output.promise is internal). */
function resolved(output: pulumi.Output<unknown>): Promise<unknown> {
  return (output as unknown as { promise(): Promise<unknown> }).promise();
}
