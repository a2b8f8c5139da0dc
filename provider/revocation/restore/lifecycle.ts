/**
 * Where a restore meets the revocation's lifecycle:
 * - `check` keeps in the inputs what the offboarding's preview said it would take away (`restorable`,
 *   carried from one check to the next, since `check` never sees the record), and when `restore` is
 *   newly set, plans the restore from it with two reads of what still exists (`restoring`);
 * - `diff` compares that plan with the record and refuses a preview whose plan is not exactly what
 *   the record says was removed, naming the difference; setting or removing `restore` is an update;
 * - `update` restores from the record, records each write, and leaves the record saying what the person
 *   holds again (`currentGroups`, each step's `current`), which is not drift while `restore` is set;
 *   removing `restore` makes the next `up` take it all away again through the ordinary drift path,
 *   with the earlier withdrawal in `history` and the restore in `restores`.
 */
import { isDeepStrictEqual } from "node:util";
import type { QuickBIClient } from "../../quickbi/client";
import type { Impact } from "../impact";
import type { RevocationOutputs } from "../outputs";
import type { StepsRecord } from "../steps/record";
import type { StepContext } from "../steps/step";
import { planRestore, type RestorePlan } from "./plan";
import type { RestoreRecord } from "./record";
import { isRestoring, type RestoreRequest } from "./request";
import {
  differences,
  keptRestorable,
  merged,
  restorableKept,
  restorableOfImpact,
  restorableOfRecord,
  type KeptRestorable,
  type Restorable,
} from "./restorable";
import { restoreAccess } from "./run";

/** The inputs a restore adds, computed by `check`. */
export interface RestoreInputs {
  /** The inputs' UserId, which `restorable` leaves out when it is the same. */
  readonly userId?: string;
  readonly restore?: RestoreRequest;
  /** What the offboarding's preview said it would take away; carried from check to check. */
  readonly restorable?: KeptRestorable;
  /** The preview of a restore newly asked for. */
  readonly restoring?: RestorePlan;
}

/**
 * `restorable` for the new inputs of a revocation already done: the old one (or, the first time, the
 * offboarding's own impact, which its create's check left in the inputs), widened by the impact this
 * check computed for a new scope, if any. A new revocation's preview shows its impact only.
 */
export function carriedRestorable(
  olds: RestoreInputs & { readonly impact?: Impact },
  impact: Impact | undefined,
): RestoreInputs {
  const restorable = merged(restorableOf(olds), restorableOfImpact(impact));
  return restorable ? { restorable: keptRestorable(restorable, olds.userId) } : {};
}

function restorableOf(olds: RestoreInputs & { readonly impact?: Impact }): Restorable | undefined {
  return olds.restorable ? restorableKept(olds.restorable, olds.userId) : restorableOfImpact(olds.impact);
}

/** Why `restore` cannot be asked for on a revocation not done yet, or undefined. */
export function restoreOnNewFailure(news: RestoreInputs): string | undefined {
  if (!isRestoring(news.restore)) return undefined;
  return (
    "restore puts back what this resource's record says it removed, and there is no record yet: this " +
    "revocation has not offboarded anyone. Remove restore from it (or from its people-file entry)."
  );
}

/** The preview of a restore newly asked for: `restoring`, or why it cannot be planned. */
export async function previewRestore(
  olds: RestoreInputs & { readonly impact?: Impact },
  news: RestoreInputs,
  client: QuickBIClient | undefined,
  strict: boolean,
): Promise<{ readonly restoring?: RestorePlan; readonly failure?: string }> {
  if (!isRestoring(news.restore) || isRestoring(olds.restore)) return {};
  const restorable = restorableOf(olds);
  if (!restorable && olds.impact?.status === "user-missing")
    return {
      failure:
        "restore has nothing to give back: Quick BI did not know this person when they were offboarded " +
        `(${olds.impact.summary}), so nothing was taken. Remove restore.`,
    };
  if (!restorable)
    return {
      failure:
        "restore cannot be previewed: this revocation's inputs hold no preview of what its offboarding took " +
        "(an earlier release rewrote them in a later up, or that preview could not read Quick BI). Restore by hand as the " +
        'docs\' "Restoring a mistaken offboarding" says for such records.',
    };
  if (!client) return {};
  const { who, userId } = restorable;
  try {
    return { restoring: await planRestore(client, userId ?? "", who ?? userId ?? "", restorable) };
  } catch (error) {
    // As for an offboarding's impact: a preview that cannot read says so, and a strict one fails.
    const why = error instanceof Error ? error.message : String(error);
    const summary = `restore plan unknown: the preview could not read which groups and workspaces still exist (${why})`;
    return {
      restoring: { summary, notRestored: [] },
      ...(strict ? { failure: `strict preview: ${summary}` } : {}),
    };
  }
}

/** What changing `restore` means for `diff`: nothing, a restore to do or finish, or an offboarding again. */
export type RestoreChange = "none" | "restore" | "offboard-again";

export function restoreChange(olds: RevocationOutputs, news: RestoreInputs): RestoreChange {
  if (isRestoring(news.restore))
    return !isRestoring(olds.restore) || olds.restores?.at(-1)?.status !== "done" ? "restore" : "none";
  return isRestoring(olds.restore) ? "offboard-again" : "none";
}

/**
 * For `diff`, on a restore newly asked for: throws when the preview's plan is not the record's, so
 * that a preview never shows other than what the update will do.
 */
export function requireRecordMatchesPlan(olds: RevocationOutputs, news: RestoreInputs): void {
  if (isRestoring(olds.restore) || !news.restoring || !news.restorable) return;
  const gone = new Set(news.restoring.notRestored.flatMap((n) => (n.id === undefined ? [] : [n.id])));
  const found = differences(restorableOfRecord(olds), restorableKept(news.restorable, news.userId), gone);
  if (found.length === 0) return;
  throw new Error(
    `Restoring ${olds.accountName || olds.userId}: the preview planned from what the offboarding's preview said ` +
      `it would take, and the record of what it took differs: ${found.join("; ")}. Nothing was changed. ` +
      `The restore cannot be previewed exactly; put these back by hand as the docs' "Restoring a mistaken offboarding" says.`,
  );
}

/** Is a restore in force: while it is, what the record says the person holds again is not drift. */
export function isRestored(outs: RevocationOutputs): boolean {
  return isRestoring(outs.restore);
}

/**
 * For `update`: restores (or finishes an incomplete restore) from the record and returns the new
 * record, with what the person holds again as `currentGroups` and each step's `current`.
 */
export async function applyRestore(
  context: StepContext,
  olds: RevocationOutputs,
  request: RestoreRequest,
): Promise<RevocationOutputs> {
  const earlier = olds.restores ?? [];
  const last = earlier.at(-1);
  const continuing = isRestoring(olds.restore) && last?.status === "incomplete";
  const restorable = restorableOfRecord(continuing ? { ...olds, restores: earlier.slice(0, -1) } : olds);
  const record = await restoreAccess(context, restorable, request, continuing ? last : undefined);
  const restores: RestoreRecord[] = [...(continuing ? earlier.slice(0, -1) : earlier), record];
  const currentGroups = record.groups.map(({ id, name }) => ({
    id,
    name,
    path:
      [...(olds.history ?? []), olds].flatMap((w) => w.groupsRemoved ?? []).find((g) => g.id === id)?.path ??
      "",
  }));
  return {
    ...olds,
    restore: request,
    restores,
    currentGroups,
    checkedAt: record.verifiedAt ?? olds.checkedAt,
    ...(olds.steps ? { steps: heldAgain(olds.steps, record) } : {}),
  };
}

/** The step records with `current` set to what the restore gave back. */
function heldAgain(steps: StepsRecord, record: RestoreRecord): StepsRecord {
  const held: Record<string, unknown> = { ...steps };
  if (steps.workspaces && record.workspaces.length > 0)
    held.workspaces = {
      ...steps.workspaces,
      current: record.workspaces.map(({ workspaceId, workspaceName, roleId, roleName }) => ({
        workspaceId,
        workspaceName,
        roleId,
        roleName,
      })),
    };
  if (steps.organizationRoles && record.organizationRoles)
    held.organizationRoles = { ...steps.organizationRoles, current: record.organizationRoles.roleIds };
  if (steps.account && record.account) held.account = { ...steps.account, current: "active" };
  return held as StepsRecord;
}

/** For `update`, on offboarding again: the record without `restore`, the drift it left to act on. */
export function withoutRestore(outs: RevocationOutputs): RevocationOutputs {
  const { restore: _lifted, ...rest } = outs;
  return rest;
}

/** Whether two restore requests are the same (the notes of one changed is an update too). */
export function sameRestore(a: RestoreRequest | undefined, b: RestoreRequest | undefined): boolean {
  return isDeepStrictEqual(a ?? null, b ?? null);
}

/** The step records without what a refresh found the person holding again: while restored, not drift. */
export function settled(steps: StepsRecord | undefined): StepsRecord | undefined {
  if (!steps) return steps;
  return Object.fromEntries(
    Object.entries(steps).map(([step, record]) => {
      const { current: _held, ...rest } = record as { current?: unknown };
      return [step, rest];
    }),
  ) as StepsRecord;
}
