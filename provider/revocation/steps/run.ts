import { extraSteps, type ExtraStep, type Scope } from "../scope";
import { deactivateAccount } from "./account";
import { dropOrganizationRoles } from "./organization-roles";
import { needsRun, type StepsRecord } from "./record";
import type { StepContext } from "./step";
import { leaveWorkspaces } from "./workspaces";

/** Each step beyond the groups, by name. */
const STEPS: {
  readonly [K in ExtraStep]: (
    context: StepContext,
    previous: StepsRecord[K],
  ) => Promise<NonNullable<StepsRecord[K]>>;
} = {
  workspaces: leaveWorkspaces,
  organizationRoles: dropOrganizationRoles,
  account: deactivateAccount,
};

/**
 * Runs the steps of `scope` beyond the groups, in order, that `previous` does not already show done
 * and free of drift: a finished step is never repeated. A step refused because the person owns a
 * workspace does not stop the others (each takes access away, and the hand-over is not this
 * package's to do); any other failure stops the run there, and the steps after it are `not-run`.
 */
export async function runSteps(
  context: StepContext,
  scope: Scope,
  previous: StepsRecord = {},
): Promise<StepsRecord> {
  const steps: Record<string, unknown> = { ...previous };
  let stopped = false;
  for (const step of extraSteps(scope)) {
    const before = previous[step];
    if (!needsRun(before)) continue;
    if (stopped) {
      steps[step] = { removed: [], kept: [], ...(before ?? {}), status: "not-run" };
      if (step !== "workspaces") delete (steps[step] as { removed?: unknown; kept?: unknown }).removed;
      if (step !== "workspaces") delete (steps[step] as { removed?: unknown; kept?: unknown }).kept;
      continue;
    }
    const record = await (
      STEPS[step] as (
        c: StepContext,
        p: unknown,
      ) => Promise<{ status: string; kept?: readonly { owner: boolean }[] }>
    )(context, before);
    steps[step] = record;
    const ownerOnly =
      record.kept !== undefined && record.kept.length > 0 && record.kept.every((k) => k.owner);
    if (record.status !== "done" && !ownerOnly) stopped = true;
  }
  return steps as StepsRecord;
}

/** The steps of a record that are not done, in scope order. */
export function unfinished(scope: Scope, steps: StepsRecord): ExtraStep[] {
  return extraSteps(scope).filter((step) => steps[step]?.status !== "done");
}
