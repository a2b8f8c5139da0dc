import { resolveTarget, type Target, type TargetFailure } from "../config/target";
import { UNKNOWN, type RevocationInputs } from "./inputs";
import type { RevocationOutputs } from "./outputs";
import type { Session } from "./session";

/** A revocation as one lifecycle step sees it: a new one by its inputs, an existing one by its record. */
export type Revocation = { readonly inputs: RevocationInputs } | { readonly state: RevocationOutputs };

/** Where a revocation's calls go, or why that is not known: `target` is absent while failures or unknowns remain. */
export interface TargetResolution {
  readonly target?: Target;
  readonly failures: readonly TargetFailure[];
}

/**
 * The one rule for where a revocation's calls go, used by check, create, read and update. A new
 * revocation goes where its `region`/`endpoint` arguments and the stack say. An existing one goes where
 * its record says, unless the stack configures an endpoint now (see {@link resolveTarget}); read gets
 * only the record, and update uses the same one, so that the withdrawal that answers drift goes
 * exactly where the refresh found it. A value not known until apply (preview) is not judged; the
 * other one still is.
 */
export function targetOf(revocation: Revocation, session: Session): TargetResolution {
  if ("state" in revocation) {
    const { region, endpoint } = revocation.state;
    return resolved(resolveTarget({ recorded: { region, endpoint } }, session.config, session.env));
  }
  const { region, endpoint } = revocation.inputs;
  const known = (value: string | undefined) => (value === UNKNOWN ? undefined : value);
  const resolution = resolved(
    resolveTarget({ region: known(region), endpoint: known(endpoint) }, session.config, session.env),
  );
  const unknown = (property: "region" | "endpoint") => revocation.inputs[property] === UNKNOWN;
  if (!unknown("region") && !unknown("endpoint")) return resolution;
  return { failures: resolution.failures.filter((f) => !unknown(f.property)) };
}

/** The target of a step that must call Quick BI: create, read and update fail on what check reports. */
export function requireTarget(revocation: Revocation, session: Session): Target {
  const { target, failures } = targetOf(revocation, session);
  if (target !== undefined) return target;
  throw new Error(failures.map((f) => f.reason).join("; ") || "the region or endpoint is not known yet");
}

function resolved(result: ReturnType<typeof resolveTarget>): TargetResolution {
  return "failures" in result ? { failures: result.failures } : { target: result, failures: [] };
}
