// A miniature of the Pulumi engine's resource lifecycle for dynamic resources: what `pulumi preview`,
// `up`, `refresh` and `destroy` do to a stack whose resources are all `pulumi.dynamic.Resource`s. The
// program runs under setMocks (captureResources) and the resources are driven through the REAL
// dynamic-provider host over gRPC, in the order and with the arguments the engine uses. Where a step
// mirrors a piece of pkg/resource/deploy/step_generator.go (or step_executor.go), the comment says which.
//
// Deliberately out of scope: component resources and non-dynamic providers (no provider to call),
// parallelism (steps run one at a time, in registration order), dependencies between resources
// (deletes run in reverse state order, which is the engine's order when the program declares
// dependencies before dependents), resource options (protect, retainOnDelete, ignoreChanges,
// replaceOnChanges, deleteBeforeReplace), secrets in outputs, `--target` and stack outputs.
// One difference in order: `up` checks every resource before running any step, where the engine
// would already be creating the resources registered before an invalid one.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { TEST_PROJECT, TEST_STACK, isSecret } from "./engine-values";
import { captureResources, type RegisteredResource } from "./mocks";
import {
  startProviderHost,
  type PropertyMap,
  type ProviderCallError,
  type ProviderHost,
} from "./provider-host";

/** One resource in the stack's state (a `resource` of `pulumi stack export`, reduced). */
export interface ResourceState {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly id: string;
  /** The checked inputs (what `check` returned), `__provider` included. */
  readonly inputs: PropertyMap;
  /** What the provider returned, `__provider` included: Read and Delete run the provider stored here. */
  readonly outputs: PropertyMap;
  readonly parent?: string;
  /** The old half of a create-before-delete replacement whose delete has not run yet. */
  readonly delete?: true;
  /** Set when create failed with an id (ErrorResourceInitFailed): the next `up` updates the resource. */
  readonly initErrors?: readonly string[];
}

/** A check failure, as `check` returned it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** What the engine decided to do with one resource. */
export type StepOp = "create" | "same" | "update" | "replace" | "delete";

/** One line of a preview: a resource and what `up` would do to it. */
export interface PlannedStep {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /**
   * For an invalid resource (`failures` not empty) no diff was asked: `create` for a new resource,
   * `update` for an existing one.
   */
  readonly op: StepOp;
  /** The parent's URN, for a resource the program declares with a parent. */
  readonly parent?: string;
  /** For `replace`: the properties `diff` named. */
  readonly replaces?: readonly string[];
  /** For `replace`: the provider asked to delete the old resource first. */
  readonly deleteBeforeReplace?: boolean;
  /** What `check` returned: what the preview shows for a new resource. Absent for `delete`. */
  readonly checkedInputs?: PropertyMap;
  readonly failures: readonly CheckFailure[];
}

/** What {@link MiniEngine.preview} returns. */
export interface Plan {
  readonly steps: readonly PlannedStep[];
}

/** One step of an `up` or `destroy`, as it ended. */
export interface AppliedStep extends PlannedStep {
  /** `skipped`: not run, because an earlier step failed (the engine stops issuing steps). */
  readonly status: "succeeded" | "failed" | "skipped";
  /** The resource's id afterwards (absent once deleted). */
  readonly id?: string;
  /** The resource's outputs afterwards (absent once deleted). */
  readonly outputs?: PropertyMap;
  /** The provider's error message, as the CLI shows it. */
  readonly error?: string;
}

/** What {@link MiniEngine.up} and {@link MiniEngine.destroy} return. */
export interface UpdateSummary {
  readonly steps: readonly AppliedStep[];
}

/** One resource of a `refresh`. */
export interface RefreshedResource {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
  /** `same`: nothing changed; `update`: outputs or inputs changed; `delete`: read returned no id. */
  readonly op: "same" | "update" | "delete";
  /** The output keys whose values changed (added, removed or different). */
  readonly changedOutputs: readonly string[];
  readonly outputs?: PropertyMap;
}

/** What {@link MiniEngine.refresh} returns. */
export interface RefreshSummary {
  readonly resources: readonly RefreshedResource[];
}

/** A failed operation; `message` reads like the CLI's diagnostics. */
export interface EngineError<R = Plan | UpdateSummary> extends Error {
  /** What was planned or done before the operation failed. */
  readonly result: R;
}

/** A Pulumi program: the body of `index.ts`. */
export type Program = () => void | Promise<void>;

/** Options of {@link MiniEngine}. */
export interface MiniEngineOptions {
  /** The Pulumi project directory: the host's working directory, where `__provider` resolves `require`s. */
  readonly projectDir: string;
  /**
   * The stack config, with namespaced keys (`quickbi:endpoint`): what `new pulumi.Config()` sees in the
   * program and what the provider receives through Configure.
   * @default {}
   */
  readonly stackConfig?: Record<string, string>;
  /** Extra environment of the host process; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  /** @default "quickbi-test" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /**
   * The state to start from, e.g. one saved with {@link MiniEngine.exportState}.
   * @default - an empty stack
   */
  readonly state?: readonly ResourceState[];
  /** Copy the host's output to stderr. @default false */
  readonly verbose?: boolean;
}

/**
 * Runs preview, up, refresh and destroy of a stack of dynamic resources through the real provider host.
 *
 * @example
 * const engine = new MiniEngine({ projectDir, stackConfig: { "quickbi:endpoint": emulator.url } });
 * const plan = await engine.preview(program);
 * const summary = await engine.up(program);
 * await engine.destroy();
 */
export class MiniEngine {
  private state: ResourceState[];

  constructor(private readonly options: MiniEngineOptions) {
    this.state = clone([...(options.state ?? [])]);
  }

  /** The state as `pulumi stack export` would hold it: plain JSON, safe to save and pass back as `state`. */
  exportState(): ResourceState[] {
    return clone(this.state);
  }

  /** Replaces the state, as `pulumi stack import` does. */
  importState(state: readonly ResourceState[]): void {
    this.state = clone([...state]);
  }

  /**
   * `pulumi preview`: runs the program with `isDryRun()` true, then Check (and Diff for existing
   * resources) only: the host reports supportsPreview=false, so the engine never calls Create or
   * Update during a preview. Rejects with every check failure once all resources are checked.
   */
  async preview(program: Program): Promise<Plan> {
    const registered = await this.run(program, true);
    const steps = await this.withHost((host) => this.plan(host, registered));
    const plan: Plan = { steps };
    throwOnCheckFailures(plan);
    return plan;
  }

  /**
   * `pulumi up --yes`: plans as {@link preview} does, then creates, updates and replaces in
   * registration order, then deletes (replaced and removed resources, pending deletes) in reverse
   * state order. A failed create or update does not stop the other creates and updates (the engine
   * runs independent steps concurrently), but no delete runs after a failure. Rejects when a step failed.
   */
  async up(program: Program): Promise<UpdateSummary> {
    const registered = await this.run(program, false);
    const summary = await this.withHost(async (host) => {
      const steps = await this.plan(host, registered);
      throwOnCheckFailures({ steps });
      return this.apply(host, steps);
    });
    throwOnFailedSteps(summary, "update failed");
    return summary;
  }

  /**
   * `pulumi refresh --yes`: Read for every resource with its id, stored outputs and inputs; the host
   * runs the `__provider` stored in the outputs. An empty id means the resource is gone: it leaves
   * the state (step_executor's RefreshStep). A failed read rejects and leaves the state as it was.
   */
  async refresh(): Promise<RefreshSummary> {
    return this.withHost(async (host) => {
      const resources: RefreshedResource[] = [];
      const next: ResourceState[] = [];
      for (const old of this.state) {
        const read = await host.read(old.id, old.urn, old.outputs, old.inputs);
        const changedOutputs = changedKeys(old.outputs, read.properties);
        if (read.id === "") {
          resources.push({ ...identity(old), op: "delete", changedOutputs });
          continue;
        }
        // The engine keeps the old inputs unless the provider returned some (ReadResult.Inputs).
        const inputs = read.inputs ?? old.inputs;
        const updated = { ...old, id: read.id, inputs, outputs: read.properties };
        next.push(updated);
        const changed = changedOutputs.length > 0 || !sameJson(inputs, old.inputs) || read.id !== old.id;
        resources.push({
          ...identity(old),
          op: changed ? "update" : "same",
          changedOutputs,
          outputs: read.properties,
        });
      }
      this.state = next;
      return { resources };
    });
  }

  /**
   * `pulumi destroy --yes`: Delete for every resource, in reverse state order, with its stored outputs
   * (so the provider stored there runs, old code included). Stops at the first failed delete.
   */
  async destroy(): Promise<UpdateSummary> {
    const summary = await this.withHost(async (host) => {
      const steps: AppliedStep[] = [];
      let failed = false;
      for (const old of [...this.state].reverse()) {
        const step = { ...identity(old), op: "delete" as const, failures: [] };
        if (failed) {
          steps.push({ ...step, status: "skipped", id: old.id, outputs: old.outputs });
          continue;
        }
        try {
          await host.delete(old.id, old.urn, old.outputs, old.inputs);
          this.state = this.state.filter((r) => r !== old);
          steps.push({ ...step, status: "succeeded" });
        } catch (error) {
          failed = true;
          steps.push({
            ...step,
            status: "failed",
            id: old.id,
            outputs: old.outputs,
            error: messageOf(error),
          });
        }
      }
      return { steps };
    });
    throwOnFailedSteps(summary, "destroy failed");
    return summary;
  }

  // The language host runs the program with the stack config; the engine learns of each resource
  // through RegisterResource. Here the mocks record the registrations.
  private async run(program: Program, preview: boolean): Promise<RegisteredResource[]> {
    const registered = await captureResources(program, {
      config: this.options.stackConfig ?? {},
      project: this.project,
      stack: this.stack,
      preview,
    });
    const resources = registered.filter((r) => r.custom);
    for (const resource of resources) {
      if (typeof resource.inputs.__provider !== "string") {
        throw new Error(
          `${resource.urn} is not a dynamic resource (no __provider input); ` +
            "MiniEngine drives only pulumi.dynamic.Resource subclasses",
        );
      }
    }
    const urns = new Set<string>();
    for (const { urn } of resources) {
      // step_generator: "Duplicate resource URN '%v'; try giving it a unique name".
      if (urns.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
      urns.add(urn);
    }
    return resources;
  }

  // One host per command, as the CLI loads the provider plugin once per `pulumi` invocation, and
  // Configure with the whole stack config before any resource call.
  private async withHost<T>(body: (host: ProviderHost) => Promise<T>): Promise<T> {
    const stackConfig = this.options.stackConfig ?? {};
    const host = await startProviderHost({
      cwd: this.options.projectDir,
      pulumiDir: pulumiDirFrom(this.options.projectDir),
      project: this.project,
      env: this.options.env,
      // The launcher passes only the plugin's own keys in PULUMI_CONFIG.
      pulumiConfig: Object.fromEntries(
        Object.entries(stackConfig).filter(([key]) => key.startsWith("pulumi-nodejs:")),
      ),
      verbose: this.options.verbose,
    });
    try {
      await host.configure(stackConfig);
      return await body(host);
    } finally {
      await host.stop();
    }
  }

  // step_generator.GenerateSteps for each registration, then GenerateDeletes for what the program no
  // longer declares.
  private async plan(host: ProviderHost, registered: RegisteredResource[]): Promise<PlannedStep[]> {
    const steps: PlannedStep[] = [];
    const live = this.state.filter((r) => !r.delete);
    for (const resource of registered) {
      const old = live.find((r) => r.urn === resource.urn);
      // The host answers acceptSecrets=false, so the engine strips secret markers before every call.
      const news = unwrapSecrets(resource.inputs) as PropertyMap;
      // A new resource is checked with no old inputs, an existing one with its old inputs.
      const checked = await host.check(resource.urn, old?.inputs ?? {}, news);
      const base = {
        ...identity(resource),
        ...(resource.parent === undefined ? {} : { parent: resource.parent }),
        checkedInputs: checked.inputs,
        failures: checked.failures,
      };
      if (checked.failures.length > 0 || !old) {
        // An invalid resource gets no diff: the step generator bails ("resource %s is invalid").
        steps.push({ ...base, op: old ? "update" : "create" });
        continue;
      }
      const diff = await host.diff(old.id, old.urn, old.outputs, checked.inputs, old.inputs);
      // DIFF_UNKNOWN (a provider without diff): the engine diffs old and new inputs itself.
      const changes =
        diff.changes === "unknown" ? (sameJson(old.inputs, checked.inputs) ? "none" : "some") : diff.changes;
      if (changes === "none") {
        // A resource whose create failed to initialise is updated even without a diff.
        steps.push({ ...base, op: old.initErrors ? "update" : "same" });
      } else if (diff.replaces.length === 0) {
        steps.push({ ...base, op: "update" });
      } else {
        // A replacement recomputes defaults: Check again with no old inputs.
        const rechecked = await host.check(resource.urn, {}, news);
        steps.push({
          ...base,
          op: "replace",
          replaces: diff.replaces,
          deleteBeforeReplace: diff.deleteBeforeReplace,
          checkedInputs: rechecked.inputs,
          failures: rechecked.failures,
        });
      }
    }
    const declared = new Set(registered.map((r) => r.urn));
    for (const old of [...this.state].reverse()) {
      if (old.delete || !declared.has(old.urn)) steps.push({ ...identity(old), op: "delete", failures: [] });
    }
    return steps;
  }

  // The step executor: creates, updates and replacements in registration order; then the deletes.
  private async apply(host: ProviderHost, steps: readonly PlannedStep[]): Promise<UpdateSummary> {
    const applied: AppliedStep[] = [];
    const next: ResourceState[] = [];
    // Old halves of create-before-delete replacements, deleted with the other deletes at the end.
    const replaced: ResourceState[] = [];
    let failed = false;
    const fail = (step: PlannedStep, error: unknown, old?: ResourceState) => {
      failed = true;
      applied.push({ ...step, status: "failed", error: messageOf(error), ...(old ? stateOf(old) : {}) });
    };

    for (const step of steps) {
      if (step.op === "delete") continue;
      const old = this.state.find((r) => r.urn === step.urn && !r.delete);
      const inputs = step.checkedInputs ?? {};
      const parent = step.parent === undefined ? {} : { parent: step.parent };
      if (step.op === "same" && old) {
        // SameStep keeps the old id and outputs (and so the old __provider) but records the new inputs.
        const same = { ...old, inputs, ...parent };
        next.push(same);
        applied.push({ ...step, status: "succeeded", ...stateOf(same) });
        continue;
      }
      if (step.op === "update" && old) {
        try {
          const { properties } = await host.update(old.id, old.urn, old.outputs, inputs, old.inputs);
          const { initErrors: _cleared, ...rest } = old;
          const updated = { ...rest, inputs, outputs: properties, ...parent };
          next.push(updated);
          applied.push({ ...step, status: "succeeded", ...stateOf(updated) });
        } catch (error) {
          next.push(old);
          fail(step, error, old);
        }
        continue;
      }
      if (step.op === "replace" && old && step.deleteBeforeReplace) {
        try {
          await host.delete(old.id, old.urn, old.outputs, old.inputs);
        } catch (error) {
          next.push(old);
          fail(step, error, old);
          continue;
        }
      }
      try {
        const created = await host.create(step.urn, inputs);
        const resource = {
          ...identity(step),
          id: created.id,
          inputs,
          outputs: created.properties,
          ...parent,
        };
        next.push(resource);
        applied.push({ ...step, status: "succeeded", ...stateOf(resource) });
        if (step.op === "replace" && old && !step.deleteBeforeReplace) replaced.push(old);
      } catch (error) {
        const initFailed = (error as ProviderCallError).initFailed;
        if (initFailed) {
          // Created but not initialised: the engine records it, with its init errors, and fails.
          next.push({
            ...identity(step),
            id: initFailed.id,
            inputs,
            outputs: initFailed.properties,
            ...parent,
            initErrors: initFailed.reasons,
          });
        } else if (old && !step.deleteBeforeReplace) {
          next.push(old);
        }
        fail(step, error);
      }
    }

    // GenerateDeletes: walk the old state backwards; delete what was replaced, what the program no
    // longer declares, and what an earlier failed update left pending. After a failure none of this
    // runs (the executor stops issuing steps) and a replaced resource stays, marked for deletion.
    const declared = new Set(steps.filter((s) => s.op !== "delete").map((s) => s.urn));
    const toDelete = [...this.state]
      .reverse()
      .filter((r) => r.delete || replaced.includes(r) || !declared.has(r.urn));
    const kept: ResourceState[] = [];
    for (const old of toDelete) {
      const step: PlannedStep = { ...identity(old), op: "delete", failures: [] };
      const isReplaced = replaced.includes(old);
      const keep = () => kept.unshift(isReplaced ? { ...old, delete: true } : old);
      if (failed) {
        keep();
        // A skipped replaced half is reported by its replace step.
        if (!isReplaced) applied.push({ ...step, status: "skipped", ...stateOf(old) });
        continue;
      }
      try {
        await host.delete(old.id, old.urn, old.outputs, old.inputs);
        if (!isReplaced) applied.push({ ...step, status: "succeeded" });
      } catch (error) {
        keep();
        fail(step, error, old);
      }
    }
    this.state = [...next, ...kept];
    return { steps: applied };
  }

  private get project(): string {
    return this.options.project ?? TEST_PROJECT;
  }

  private get stack(): string {
    return this.options.stack ?? TEST_STACK;
  }
}

function identity(resource: { urn: string; name: string; type: string }) {
  return { urn: resource.urn, name: resource.name, type: resource.type };
}

function stateOf(resource: ResourceState): { id: string; outputs: PropertyMap } {
  return { id: resource.id, outputs: resource.outputs };
}

// issueCheckFailures: "<type> resource '<name>'s property '<property>' value <value> has a problem:
// <reason>", grouped under the resource as the CLI's Diagnostics section shows it.
function throwOnCheckFailures(plan: Plan): void {
  const invalid = plan.steps.filter((s) => s.failures.length > 0);
  if (invalid.length === 0) return;
  const lines = invalid.map((step) => {
    const errors = step.failures.map((f) => {
      const value = step.checkedInputs?.[f.property];
      const problem = f.property
        ? `${step.type} resource '${step.name}'s property '${f.property}' value ${JSON.stringify(value)} has a problem: ${f.reason}`
        : `${step.type} resource '${step.name}' has a problem: ${f.reason}`;
      return `    error: ${problem}`;
    });
    return `${step.type} (${step.name}):\n${errors.join("\n")}`;
  });
  throw engineError(lines, `preview failed: ${invalid.length} resource(s) are invalid`, plan);
}

function throwOnFailedSteps(summary: UpdateSummary, headline: string): void {
  const failed = summary.steps.filter((s) => s.status === "failed");
  if (failed.length === 0) return;
  const diagnostics = failed.map((s) => `${s.type} (${s.name}):\n    error: ${s.error}`);
  throw engineError(diagnostics, `${headline}: ${failed.length} resource(s) failed`, summary);
}

function engineError<R>(diagnostics: string[], headline: string, result: R): EngineError<R> {
  const message = `${headline}\nDiagnostics:\n${diagnostics.map((d) => `  ${d}`).join("\n")}`;
  return Object.assign(new Error(message), { name: "EngineError", result });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

function changedKeys(before: PropertyMap, after: PropertyMap): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameJson(before[key], after[key]));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

// Property maps compare by value: key order must not make two equal maps differ.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// The launcher runs the host of the @pulumi/pulumi that the project directory resolves.
function pulumiDirFrom(projectDir: string): string | undefined {
  try {
    return dirname(createRequire(join(projectDir, "index.js")).resolve("@pulumi/pulumi/package.json"));
  } catch {
    return undefined;
  }
}
