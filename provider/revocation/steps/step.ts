import type { QuickBIClient } from "../../quickbi/client";
import { QuickBIRequestError } from "../../quickbi/errors";

/** What every step needs: whom, through which client, and the clock of the record. */
export interface StepContext {
  readonly client: QuickBIClient;
  readonly userId: string;
  readonly now: () => Date;
}

/** The fields every step record has, for {@link carried}. */
interface AnyStepRecord {
  readonly status: string;
  readonly current?: unknown;
  readonly history?: readonly object[];
}

/**
 * What a step's new run keeps of its previous record: a record the step could not finish (a failed
 * create's partial outputs) is continued, so that nothing it did is done or recorded twice and its
 * before-state, read before its first write, is not replaced by a later read; a finished record that a
 * refresh found drift in goes into `history`, as the groups' withdrawal does.
 */
export function carried<R extends AnyStepRecord>(
  previous: R | undefined,
): { readonly partial?: R; readonly history?: R["history"] } {
  if (previous === undefined) return {};
  if (previous.status !== "done") return { partial: previous, history: previous.history };
  const { history, current: _drift, ...finished } = previous;
  return { history: [...(history ?? []), finished] as unknown as R["history"] };
}

/** A write Quick BI answered as done that the read after it contradicts. */
export function stepError(operation: string, userId: string, detail: string): QuickBIRequestError {
  return new QuickBIRequestError({
    operation,
    user: { userId },
    code: "Verify.StepNotApplied",
    httpStatus: 200,
    attempts: 1,
    detail,
  });
}

/** The message of whatever a step caught. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
