import { DEFAULTS } from "../config/defaults";
import { readStackConfig, STACK_CONFIG_KEYS, type StackConfig } from "../config/stack-config";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";

/** Inputs of the removal guard: who the list offboards, by stable key, and how many may be new at once. */
export interface RemovalGuardInputs {
  readonly people: readonly string[];
  /** @default - stack config quickbi:maxRemovalsPerUpdate, then 10 */
  readonly maxRemovalsPerUpdate?: number;
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
      const before = new Set(olds.people ?? []);
      const added = (news.people ?? []).filter((key) => !before.has(key));
      if (added.length > max) {
        const shown =
          added.slice(0, 5).join(", ") + (added.length > 5 ? `, and ${added.length - 5} more` : "");
        failures.push({
          property: "people",
          reason:
            `this update would offboard ${added.length} people (${shown}); the removal guard allows ${max} per update (${source}). ` +
            `If that is intended, raise the limit for this update with \`pulumi config set ${STACK_CONFIG_KEYS.maxRemovalsPerUpdate} ${added.length}\` ` +
            `(or the component's maxRemovalsPerUpdate), review the preview, and lower it again afterwards.`,
        });
      }
      return { inputs: news, failures };
    },

    async diff(_id: string, olds: RemovalGuardInputs, news: RemovalGuardInputs) {
      const changes =
        JSON.stringify(olds.people) !== JSON.stringify(news.people) ||
        olds.maxRemovalsPerUpdate !== news.maxRemovalsPerUpdate;
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
