/**
 * A restore that put back some of what the record says and could not do the rest: the engine keeps the
 * resource with these properties as outputs (what was put back, with RequestIds), fails the update
 * naming the cause, and the next `pulumi up` continues without repeating what is done (see
 * ../partial-progress.ts, the same mechanism as the offboarding steps').
 */
import { PartialProgressError } from "../partial-progress";
import type { RevocationOutputs } from "../outputs";
import { describeSubject } from "../subject";

export function restorePartialProgress(
  id: string,
  outs: RevocationOutputs,
  provider: unknown,
): PartialProgressError {
  const record = outs.restores?.at(-1);
  const done = [
    ...(record?.account ? [`account reactivated (RequestId ${record.account.requestId})`] : []),
    ...(record?.organizationRoles
      ? [`organisation roles given back (RequestId ${record.organizationRoles.requestId})`]
      : []),
    ...(record?.workspaces ?? []).map(
      (w) => `${w.workspaceName} as ${w.roleName} (RequestId ${w.requestId})`,
    ),
    ...(record?.groups ?? []).map((g) => `${g.name} (RequestId ${g.requestId})`),
  ];
  const message =
    `Restoring ${describeSubject(outs)} is incomplete. Put back and recorded in the state: ` +
    `${done.length > 0 ? done.join("; ") : "nothing yet"}. Not done: ${record?.error ?? "unknown"} ` +
    "Fix the cause above, then run `pulumi up`: it continues the restore without repeating what is done.";
  const properties: Record<string, unknown> =
    provider === undefined ? { ...outs } : { ...outs, __provider: provider };
  return new PartialProgressError(message, id, properties, [message]);
}
