// Kept only for bench/ and tests/offboarding/bulk.test.ts until they move to the real CLI (issue 9).
// A miniature of the Pulumi engine's resource lifecycle for dynamic resources: what `pulumi preview`,
// `up`, `refresh` and `destroy` do to a stack whose resources are all `pulumi.dynamic.Resource`s. The
// program runs under setMocks (captureResources) and the resources are driven through the REAL
// dynamic-provider host over gRPC, in the order and with the arguments the engine uses. Where a step
// mirrors a piece of pkg/resource/deploy/step_generator.go (or step_executor.go), the comment says which.
//
// Parallelism: like `pulumi up --parallel P`, checks and diffs (planning) and creates, updates and
// replacements (applying) of different resources run concurrently, at most `parallel` at a time, and
// a resource waits for the resources it depends on (the RegisterResource request's dependencies:
// `dependsOn` and the resources behind its input Outputs, a component standing for the custom
// resources under it; and a custom parent). In the engine that wait is the program's own: a
// dependent's registration only arrives once its dependencies' steps are done. So a dependent of an
// invalid resource is never checked, and a dependent of a failed step never applied. Results are
// reported in registration order whatever order the steps finished in.
//
// Deliberately out of scope: component resources and non-dynamic providers (no provider to call),
// resource options (protect, retainOnDelete, ignoreChanges, replaceOnChanges, deleteBeforeReplace),
// secrets in outputs, `--target`, `--continue-on-error` and stack outputs.
// Differences in order: `up` checks every resource before running any step, where the engine would
// already be creating the resources registered before an invalid one (and would check a dependent
// only after its dependency was created). Deletes run one at a time, after every create and update,
// in reverse state order (the engine's order when the program declares dependencies before
// dependents), and `destroy` likewise; the engine runs independent deletes concurrently too. The
// state records no dependencies.
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
  /** The URNs of the resources it depends on (see {@link RegisteredResource.dependencies}), if any. */
  readonly dependencies?: readonly string[];
  /** What `check` returned: what the preview shows for a new resource. Absent for `delete`. */
  readonly checkedInputs?: PropertyMap;
  readonly failures: readonly CheckFailure[];
}

/** What {@link MiniEngine.preview} returns. */
export interface Plan {
  readonly steps: readonly PlannedStep[];
  /**
   * The URNs of the resources that were not checked because a resource they depend on is invalid
   * (the engine never hears of them: their registration waits for the invalid one), in registration
   * order. Absent when every resource was checked.
   */
  readonly unchecked?: readonly string[];
}

/** One step of an `up` or `destroy`, as it ended. */
export interface AppliedStep extends PlannedStep {
  /**
   * `skipped`: not run, because a step failed before it started (the engine stops issuing steps) or
   * because a resource it depends on failed or was skipped.
   */
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
  /**
   * How many checks and diffs (planning), or creates, updates and replacements (applying), run at
   * once, as `pulumi up --parallel`; 1 runs them one at a time in registration order.
   *
   * The CLI's default is unbounded. 16 is the default here because every call to the host has a
   * 30 s deadline (to fail a hung provider fast), and with hundreds of resources in flight at once
   * the last ones would wait that long in a provider's own rate limiter; 16 steps in flight still
   * exceed the revocation provider's default concurrency (4) several times over, so a quota can be
   * tripped by a client without a limiter. `Infinity` mirrors the CLI.
   * @default 16
   */
  readonly parallel?: number;
}

/** Every default of {@link MiniEngine}, in one place. */
export const ENGINE_DEFAULTS = {
  project: TEST_PROJECT,
  stack: TEST_STACK,
  parallel: 16,
} as const;

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
    const parallel = options.parallel ?? ENGINE_DEFAULTS.parallel;
    if (!(parallel === Infinity || (Number.isInteger(parallel) && parallel >= 1))) {
      throw new Error(
        `MiniEngine parallel is ${String(parallel)}; allowed: a whole number, 1 or more, or Infinity (unbounded, as the CLI)`,
      );
    }
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
    const plan = await this.withHost((host) => this.plan(host, registered));
    throwOnCheckFailures(plan);
    return plan;
  }

  /**
   * `pulumi up --yes`: plans as {@link preview} does, then creates, updates and replaces (`parallel`
   * at a time, each after the resources it depends on), then deletes (replaced and removed resources,
   * pending deletes) one at a time in reverse state order. After a failed step no new step starts:
   * steps already running finish, the others are skipped, and no delete runs. Rejects when a step failed.
   */
  async up(program: Program): Promise<UpdateSummary> {
    const registered = await this.run(program, false);
    const summary = await this.withHost(async (host) => {
      const plan = await this.plan(host, registered);
      throwOnCheckFailures(plan);
      return this.apply(host, plan.steps);
    });
    throwOnFailedSteps(summary, "update failed");
    return summary;
  }

  /**
   * `pulumi refresh --yes`: Read for every resource (`parallel` at a time) with its id, stored outputs
   * and inputs; the host runs the `__provider` stored in the outputs. An empty id means the resource
   * is gone: it leaves the state (step_executor's RefreshStep). A failed read rejects, once the other
   * reads have finished, and leaves the state as it was.
   */
  async refresh(): Promise<RefreshSummary> {
    return this.withHost(async (host) => {
      const slot = concurrencyLimit(this.parallel);
      const reads = await settleAll(
        this.state.map((old) => slot(() => host.read(old.id, old.urn, old.outputs, old.inputs))),
      );
      const resources: RefreshedResource[] = [];
      const next: ResourceState[] = [];
      this.state.forEach((old, index) => {
        const read = reads[index]!;
        const changedOutputs = changedKeys(old.outputs, read.properties);
        if (read.id === "") {
          resources.push({ ...identity(old), op: "delete", changedOutputs });
          return;
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
      });
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

  // step_generator.GenerateSteps for each registration, `parallel` at a time, each after the resources
  // it depends on; then GenerateDeletes for what the program no longer declares.
  private async plan(host: ProviderHost, registered: RegisteredResource[]): Promise<Plan> {
    const live = new Map(this.state.filter((r) => !r.delete).map((r) => [r.urn, r]));
    const slot = concurrencyLimit(this.parallel);
    // undefined: not checked, because a resource it depends on is invalid or was not checked.
    const planned = await scheduleByDependencies<RegisteredResource, PlannedStep | undefined>(
      registered,
      dependenciesOf,
      async (resource, dependencies) => {
        if (dependencies.some((d) => d === undefined || d.failures.length > 0)) return undefined;
        return slot(() => this.planOne(host, resource, live.get(resource.urn)));
      },
    );
    const steps = planned.filter((step): step is PlannedStep => step !== undefined);
    const unchecked = registered.filter((_, index) => planned[index] === undefined).map((r) => r.urn);
    const declared = new Set(registered.map((r) => r.urn));
    for (const old of [...this.state].reverse()) {
      if (old.delete || !declared.has(old.urn)) steps.push({ ...identity(old), op: "delete", failures: [] });
    }
    return { steps, ...(unchecked.length > 0 ? { unchecked } : {}) };
  }

  private async planOne(
    host: ProviderHost,
    resource: RegisteredResource,
    old: ResourceState | undefined,
  ): Promise<PlannedStep> {
    // The host answers acceptSecrets=false, so the engine strips secret markers before every call.
    const news = unwrapSecrets(resource.inputs) as PropertyMap;
    // A new resource is checked with no old inputs, an existing one with its old inputs.
    const checked = await host.check(resource.urn, old?.inputs ?? {}, news);
    const base = {
      ...identity(resource),
      ...(resource.parent === undefined ? {} : { parent: resource.parent }),
      ...(resource.dependencies.length > 0 ? { dependencies: resource.dependencies } : {}),
      checkedInputs: checked.inputs,
      failures: checked.failures,
    };
    if (checked.failures.length > 0 || !old) {
      // An invalid resource gets no diff: the step generator bails ("resource %s is invalid").
      return { ...base, op: old ? "update" : "create" };
    }
    const diff = await host.diff(old.id, old.urn, old.outputs, checked.inputs, old.inputs);
    // DIFF_UNKNOWN (a provider without diff): the engine diffs old and new inputs itself.
    const changes =
      diff.changes === "unknown" ? (sameJson(old.inputs, checked.inputs) ? "none" : "some") : diff.changes;
    if (changes === "none") {
      // A resource whose create failed to initialise is updated even without a diff.
      return { ...base, op: old.initErrors ? "update" : "same" };
    }
    if (diff.replaces.length === 0) return { ...base, op: "update" };
    // A replacement recomputes defaults: Check again with no old inputs.
    const rechecked = await host.check(resource.urn, {}, news);
    return {
      ...base,
      op: "replace",
      replaces: diff.replaces,
      deleteBeforeReplace: diff.deleteBeforeReplace,
      checkedInputs: rechecked.inputs,
      failures: rechecked.failures,
    };
  }

  // The step executor: creates, updates and replacements, `parallel` at a time, each after the steps of
  // the resources it depends on; then the deletes, one at a time.
  private async apply(host: ProviderHost, steps: readonly PlannedStep[]): Promise<UpdateSummary> {
    const live = new Map(this.state.filter((r) => !r.delete).map((r) => [r.urn, r]));
    const slot = concurrencyLimit(this.parallel);
    let failed = false;
    const outcomes = await scheduleByDependencies<PlannedStep, StepOutcome>(
      steps.filter((step) => step.op !== "delete"),
      dependenciesOf,
      async (step, dependencies) => {
        const old = live.get(step.urn);
        const skip = (): StepOutcome => ({
          applied: { ...step, status: "skipped", ...(old ? stateOf(old) : {}) },
          ...(old ? { state: old } : {}),
        });
        // The engine never hears of a resource whose dependency failed: its registration waits forever.
        if (dependencies.some((d) => d.applied.status !== "succeeded")) return skip();
        if (step.op === "same") return this.applyOne(host, step, old);
        return slot(async () => {
          // Steps already running finish; no new one starts after a failure.
          if (failed) return skip();
          const outcome = await this.applyOne(host, step, old);
          if (outcome.applied.status === "failed") failed = true;
          return outcome;
        });
      },
    );
    const applied: AppliedStep[] = outcomes.map((o) => o.applied);
    const next: ResourceState[] = outcomes.flatMap((o) => (o.state ? [o.state] : []));
    // Old halves of create-before-delete replacements, deleted with the other deletes at the end.
    const replaced: ResourceState[] = outcomes.flatMap((o) => (o.replaced ? [o.replaced] : []));
    const fail = (step: PlannedStep, error: unknown, old?: ResourceState) => {
      failed = true;
      applied.push({ ...step, status: "failed", error: messageOf(error), ...(old ? stateOf(old) : {}) });
    };

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

  // One create, update, replacement or same step: what it reports and what the state holds afterwards.
  private async applyOne(
    host: ProviderHost,
    step: PlannedStep,
    old: ResourceState | undefined,
  ): Promise<StepOutcome> {
    const inputs = step.checkedInputs ?? {};
    const parent = step.parent === undefined ? {} : { parent: step.parent };
    const failure = (error: unknown, state?: ResourceState, reported?: ResourceState): StepOutcome => ({
      applied: { ...step, status: "failed", error: messageOf(error), ...(reported ? stateOf(reported) : {}) },
      ...(state ? { state } : {}),
    });
    if (step.op === "same" && old) {
      // SameStep keeps the old id and outputs (and so the old __provider) but records the new inputs.
      const same = { ...old, inputs, ...parent };
      return { applied: { ...step, status: "succeeded", ...stateOf(same) }, state: same };
    }
    if (step.op === "update" && old) {
      try {
        const { properties } = await host.update(old.id, old.urn, old.outputs, inputs, old.inputs);
        const { initErrors: _cleared, ...rest } = old;
        const updated = { ...rest, inputs, outputs: properties, ...parent };
        return { applied: { ...step, status: "succeeded", ...stateOf(updated) }, state: updated };
      } catch (error) {
        return failure(error, old, old);
      }
    }
    if (step.op === "replace" && old && step.deleteBeforeReplace) {
      try {
        await host.delete(old.id, old.urn, old.outputs, old.inputs);
      } catch (error) {
        return failure(error, old, old);
      }
    }
    try {
      const created = await host.create(step.urn, inputs);
      const resource = { ...identity(step), id: created.id, inputs, outputs: created.properties, ...parent };
      return {
        applied: { ...step, status: "succeeded", ...stateOf(resource) },
        state: resource,
        ...(step.op === "replace" && old && !step.deleteBeforeReplace ? { replaced: old } : {}),
      };
    } catch (error) {
      const initFailed = (error as ProviderCallError).initFailed;
      if (initFailed) {
        // Created but not initialised: the engine records it, with its init errors, and fails.
        return failure(error, {
          ...identity(step),
          id: initFailed.id,
          inputs,
          outputs: initFailed.properties,
          ...parent,
          initErrors: initFailed.reasons,
        });
      }
      return failure(error, old && !step.deleteBeforeReplace ? old : undefined);
    }
  }

  private get parallel(): number {
    return this.options.parallel ?? ENGINE_DEFAULTS.parallel;
  }

  private get project(): string {
    return this.options.project ?? ENGINE_DEFAULTS.project;
  }

  private get stack(): string {
    return this.options.stack ?? ENGINE_DEFAULTS.stack;
  }
}

/** What one create, update, replacement or same step left behind. */
interface StepOutcome {
  readonly applied: AppliedStep;
  /** What the state holds for the resource afterwards; absent when it has no state. */
  readonly state?: ResourceState;
  /** The old half of a create-before-delete replacement, to delete with the other deletes. */
  readonly replaced?: ResourceState;
}

/**
 * What a resource's steps wait for: its dependencies, and its parent (which only counts when it is a
 * custom resource: components have no steps).
 */
function dependenciesOf(resource: {
  readonly dependencies?: readonly string[];
  readonly parent?: string;
}): string[] {
  return [...(resource.dependencies ?? []), ...(resource.parent === undefined ? [] : [resource.parent])];
}

/**
 * Runs `body` for every item, each once the items it depends on (by URN) are done, and returns the
 * results in the items' order. Only earlier items count as dependencies: a program can only depend on
 * a resource it has already constructed, so that also rules out cycles. Every body runs to the end
 * before this rejects with the first error in item order, so nothing is left running against a
 * stopped host.
 */
async function scheduleByDependencies<T extends { readonly urn: string }, R>(
  items: readonly T[],
  dependencyUrns: (item: T) => readonly string[],
  body: (item: T, dependencies: readonly R[]) => Promise<R>,
): Promise<R[]> {
  const indexOf = new Map(items.map((item, index) => [item.urn, index]));
  const tasks: Promise<R>[] = [];
  items.forEach((item, index) => {
    const earlier = dependencyUrns(item)
      .map((urn) => indexOf.get(urn))
      .filter((i): i is number => i !== undefined && i < index);
    tasks.push(Promise.all(earlier.map((i) => tasks[i]!)).then((done) => body(item, done)));
  });
  return settleAll(tasks);
}

/** Promise.all that waits for every promise before rejecting with the first rejection, in order. */
async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected) throw rejected.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Runs at most `max` bodies at once; the others wait in call order. */
function concurrencyLimit(max: number): <T>(body: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (body) => {
    if (running < max) running++;
    // A finishing body hands its place straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await body();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
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
  const unchecked = plan.unchecked?.length
    ? `; ${plan.unchecked.length} resource(s) that depend on them were not checked`
    : "";
  throw engineError(lines, `preview failed: ${invalid.length} resource(s) are invalid${unchecked}`, plan);
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
