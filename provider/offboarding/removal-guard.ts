import { DEFAULTS } from "../config/defaults";
import { readStackConfig, STACK_CONFIG_KEYS, type StackConfig } from "../config/stack-config";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { isWiderThanGroups, resolveScope } from "../revocation/scope";
import { changeOf, newlyRestored, offboardedAgain } from "./restores-counted";

/** `<key>=<step>,<step>` entries by key. */
function byKey(entries: readonly string[] | undefined): Map<string, string> {
  return new Map(
    (entries ?? []).map((entry) => [
      entry.slice(0, entry.lastIndexOf("=")),
      entry.slice(entry.lastIndexOf("=") + 1),
    ]),
  );
}

/** Each person's effective scope where wider than the groups, by key, as "groups,workspaces,…". */
function effectiveScopesOf(inputs: RemovalGuardInputs, config: StackConfig): Map<string, string> {
  const own = byKey(inputs.scopes);
  const scopes = new Map<string, string>();
  for (const key of inputs.people ?? []) {
    const given = own.get(key);
    const scope = resolveScope(given === undefined ? undefined : given.split(","), config);
    if (isWiderThanGroups(scope)) scopes.set(key, scope.join(","));
  }
  return scopes;
}

/** Inputs of the removal guard: who the list offboards, by stable key, and how many may be new at once. */
export interface RemovalGuardInputs {
  readonly people: readonly string[];
  /** @default - stack config quickbi:maxRemovalsPerUpdate, then 10 */
  readonly maxRemovalsPerUpdate?: number;
  /** Each person's own scope as `<key>=<step>,<step>`; the others take `quickbi:scope`. @default - none */
  readonly scopes?: readonly string[];
  /**
   * Set by check: each person's effective scope where wider than the groups, as `<key>=<step>,<step>`.
   * What the next check compares to count the people whose steps change.
   */
  readonly effectiveScopes?: readonly string[];
  /** Keys of the people whose entry asks for a restore; each counts as a removal in the update that adds it. */
  readonly restores?: readonly string[];
}

/**
 * Refuses, at preview, an update that would offboard more people than allowed, like Peribolos'
 * `--maximum-removal-delta`: a typo or a bad merge in the people list must not remove half the company.
 * Its `check` compares the list with the one it recorded last time (its old inputs); every revocation
 * of the list depends on it, so when it refuses nothing is withdrawn. It never calls Quick BI.
 */
export function createRemovalGuardProvider() {
  let stackConfig: StackConfig = {};

  /** The limit, where it came from, and what was received there (for the message when it is no number). */
  function limitOf(inputs: RemovalGuardInputs): { max: number; source: string; received: string } {
    if (inputs.maxRemovalsPerUpdate !== undefined) {
      const max = inputs.maxRemovalsPerUpdate;
      return { max, source: "the component's maxRemovalsPerUpdate", received: JSON.stringify(max) };
    }
    const configured = stackConfig.maxRemovalsPerUpdate;
    if (configured !== undefined) {
      const source = `stack config ${STACK_CONFIG_KEYS.maxRemovalsPerUpdate}`;
      return { max: Number(configured), source, received: JSON.stringify(configured) };
    }
    return {
      max: DEFAULTS.maxRemovalsPerUpdate,
      source: "the default",
      received: String(DEFAULTS.maxRemovalsPerUpdate),
    };
  }

  return {
    async configure(req: { config: { get(key: string): unknown } }) {
      stackConfig = readStackConfig((key) => req.config.get(key));
    },

    async check(olds: Partial<RemovalGuardInputs>, news: RemovalGuardInputs) {
      const failures: CheckFailure[] = [];
      const { max, source, received } = limitOf(news);
      if (!Number.isInteger(max) || max < 0) {
        failures.push({
          property: "maxRemovalsPerUpdate",
          reason:
            `the removal limit from ${source} is ${received}; allowed: a whole number, 0 or more. ` +
            `Fix it with \`pulumi config set ${STACK_CONFIG_KEYS.maxRemovalsPerUpdate} <number>\` (or the component's maxRemovalsPerUpdate).`,
        });
        return { inputs: news, failures };
      }
      let effectiveScopes: Map<string, string>;
      try {
        effectiveScopes = effectiveScopesOf(news, stackConfig);
      } catch (error) {
        return { inputs: news, failures: [{ property: "scopes", reason: (error as Error).message }] };
      }
      const { effectiveScopes: _computed, ...given } = news;
      const checked: RemovalGuardInputs =
        effectiveScopes.size > 0
          ? { ...given, effectiveScopes: [...effectiveScopes].map(([key, scope]) => `${key}=${scope}`) }
          : given;
      const before = new Set(olds.people ?? []);
      // New people, and people already listed whose steps change (a new scope applies to them too).
      const was = byKey(olds.effectiveScopes);
      const rescoped = (key: string) => (was.get(key) ?? "groups") !== (effectiveScopes.get(key) ?? "groups");
      const added = (news.people ?? []).filter((key) => !before.has(key) || rescoped(key));
      const changed = added.filter((key) => before.has(key)).length;
      const restoring = newlyRestored(olds.restores, news.restores);
      const again = offboardedAgain(olds.restores, news.restores, news.people ?? []);
      if (restoring.length + again.length > 0 && added.length + again.length + restoring.length > max) {
        const all = [...added, ...again, ...restoring];
        const shown = all.slice(0, 5).join(", ") + (all.length > 5 ? `, and ${all.length - 5} more` : "");
        failures.push({
          property: "restores",
          reason:
            `this update would ${changeOf(added.length + again.length, restoring.length)} (${shown}); the removal guard counts restores, and offboarding a restored person again, as removals and allows ${max} per update (${source}). ` +
            `If that is intended, raise the limit for this update with \`pulumi config set ${STACK_CONFIG_KEYS.maxRemovalsPerUpdate} ${all.length}\` ` +
            `(or the component's maxRemovalsPerUpdate), review the preview, and lower it again afterwards.`,
        });
      } else if (added.length > max) {
        const shown =
          added.slice(0, 5).join(", ") + (added.length > 5 ? `, and ${added.length - 5} more` : "");
        failures.push({
          property: "people",
          reason:
            `this update would offboard ${changed === 0 ? `${added.length} people` : `${added.length - changed} new people and change the steps of ${changed}`} (${shown}); the removal guard allows ${max} per update (${source}). ` +
            `If that is intended, raise the limit for this update with \`pulumi config set ${STACK_CONFIG_KEYS.maxRemovalsPerUpdate} ${added.length}\` ` +
            `(or the component's maxRemovalsPerUpdate), review the preview, and lower it again afterwards.`,
        });
      }
      return { inputs: checked, failures };
    },

    async diff(_id: string, olds: RemovalGuardInputs, news: RemovalGuardInputs) {
      const changes =
        JSON.stringify(olds.people) !== JSON.stringify(news.people) ||
        olds.maxRemovalsPerUpdate !== news.maxRemovalsPerUpdate ||
        JSON.stringify(olds.scopes ?? null) !== JSON.stringify(news.scopes ?? null) ||
        JSON.stringify(olds.effectiveScopes ?? null) !== JSON.stringify(news.effectiveScopes ?? null) ||
        JSON.stringify(olds.restores ?? null) !== JSON.stringify(news.restores ?? null);
      return { changes, replaces: [], deleteBeforeReplace: false };
    },

    async create(inputs: RemovalGuardInputs) {
      return { id: "removal-guard", outs: inputs };
    },

    async read(id: string, props: RemovalGuardInputs) {
      return { id, props };
    },

    async update(_id: string, _olds: RemovalGuardInputs, news: RemovalGuardInputs) {
      return { outs: news };
    },

    async delete(_id: string, _props: RemovalGuardInputs) {
      // Nothing to undo: the guard only remembers the list.
    },
  };
}
