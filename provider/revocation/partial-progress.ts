/**
 * A revocation that did some of its steps and could not do the rest. Thrown by create and update with
 * `id`, `properties` and `reasons`: the engine then keeps the resource in the state with those
 * properties as its outputs (what was done, with RequestIds) and the reason as init error, fails the
 * update, and the next `pulumi up` calls update with those outputs, which finishes the rest (see the
 * dynamic-providers reference, "Recording partial progress"). `__provider` goes into the properties
 * because the host adds it to outputs on success only, and a refresh needs it.
 */
import { describeSubject } from "./subject";
import type { RevocationOutputs } from "./outputs";
import { extraSteps, type Scope } from "./scope";
import type { StepsRecord } from "./steps/record";

/** The error the engine turns into a resource with partial outputs and init errors. */
export class PartialProgressError extends Error {
  override readonly name = "PartialProgressError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Readonly<Record<string, unknown>>,
    readonly reasons: readonly string[],
  ) {
    super(message);
  }
}

/** The steps of the scope that are not done, each with why; empty when everything is. */
export function unfinishedReasons(scope: Scope, steps: StepsRecord): string[] {
  return extraSteps(scope).flatMap((step) => {
    const record = steps[step];
    if (record?.status === "done") return [];
    if (record?.status === "not-run") return [`${step}: not run, because an earlier step failed`];
    return [`${step}: ${record?.error ?? "not done"}`];
  });
}

/**
 * The error for a record with unfinished steps: names the person, what was done (with RequestIds)
 * and what was not, why, and the one thing to do next.
 */
export function partialProgress(
  id: string,
  outs: RevocationOutputs,
  scope: Scope,
  provider: unknown,
): PartialProgressError {
  const steps = outs.steps ?? {};
  const reasons = unfinishedReasons(scope, steps);
  const who = describeSubject(outs);
  const done = [
    `groups: withdrawn (RequestId ${outs.requestId})`,
    ...extraSteps(scope)
      .filter((step) => steps[step]?.status === "done")
      .map((step) => `${step}: done`),
  ];
  const owner = steps.workspaces?.kept?.some((k) => k.owner) ?? false;
  const next = owner
    ? "Hand each workspace the person owns to another user in Quick BI's workspace management, then run `pulumi up`"
    : "Fix the cause above, then run `pulumi up`";
  const message =
    `Offboarding ${who} is incomplete. Done and recorded in the state: ${done.join("; ")}. ` +
    `Not done: ${reasons.join(" ")} ${next}: it finishes the steps not done without repeating the others.`;
  const properties: Record<string, unknown> =
    provider === undefined ? { ...outs } : { ...outs, __provider: provider };
  // The CLI prints the reasons, not the message, for a resource that failed to initialise: one reason
  // that says it all, also kept in the state as the resource's init error.
  return new PartialProgressError(message, id, properties, [message]);
}
