/**
 * Strict preview: a preview whose impact cannot be read fails instead of passing with
 * `status: "unknown"`, so that a green pull-request check always means a reviewer saw whom the
 * offboarding removes from which groups. On by default (docs/previews.md says why).
 *
 * Not judged here: a user or endpoint that is not known until apply (an Output of another resource).
 * That is not a misconfiguration, and `pulumi up` runs a preview first: failing it would make such a
 * program impossible to deploy. The impact says so instead.
 */
import { DEFAULTS } from "../config/defaults";
import { STACK_CONFIG_KEYS, type StackConfig } from "../config/stack-config";
import type { Impact } from "./impact";

/** Why the impact could not be read, in the terms of what to fix. */
export type UnreadableBecause = "credentials" | "permission" | "endpoint" | "Quick BI" | "unexpected";

/**
 * Whether a preview must read the impact: the resource's `strictPreview` input, else stack config
 * `quickbi:strictPreview`, else {@link DEFAULTS}.strictPreview. A malformed stack value is an error
 * naming its key.
 */
export function isStrictPreview(input: unknown, config: StackConfig): boolean {
  if (typeof input === "boolean") return input;
  const text = config.strictPreview?.trim().toLowerCase();
  if (text === undefined) return DEFAULTS.strictPreview;
  if (text === "true") return true;
  if (text === "false") return false;
  throw new Error(
    `Stack config ${STACK_CONFIG_KEYS.strictPreview} is ${JSON.stringify(config.strictPreview)}; allowed: true or false. ` +
      `Fix it with \`pulumi config set ${STACK_CONFIG_KEYS.strictPreview} true\`.`,
  );
}

/** Classifies a failed read by its Quick BI code or transport label. */
export function unreadableBecause(code: string | undefined): UnreadableBecause {
  if (code === undefined) return "unexpected";
  if (
    /^(CredentialsUnavailable|InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|MissingSecurityToken|InvalidTimeStamp|SignatureNonceUsed|MissingAuthorization)/.test(
      code,
    )
  )
    return "credentials";
  if (
    /^(Access\.Forbidden|Forbidden|NoPermission|Invalid\.User\.Admin|Instance\.|Invalid\.Organization)/.test(
      code,
    )
  )
    return "permission";
  if (
    /^(E[A-Z_]+|ConnectTimeout|ReadTimeout|SocketHangUp|NonJsonBody|InvalidApi\.NotFound|CERT_|UNABLE_TO_|DEPTH_ZERO)/.test(
      code,
    )
  )
    return "endpoint";
  if (
    /Throttling|ServiceUnavailable|InternalError|Internal\.System\.Error|ResultFalse|SuccessFalse/.test(code)
  )
    return "Quick BI";
  return "unexpected";
}

/** What to do, beyond the hint the error itself carries. */
const FIXES: Readonly<Record<UnreadableBecause, string>> = {
  credentials:
    "A pull-request job needs credentials too; OIDC/RRSA through the credentials chain needs no stored key.",
  permission:
    "A preview needs only the read operations of the least RAM policy (docs/installation-configuration.md, Credentials and permissions): quickbi-public:QueryUserInfoByUserId, QueryUserInfoByAccount, ListUserGroupsByUserId and ListWorkspaceUserRolesByUserId (and QueryOrganizationWorkspaceList with a scope that takes workspaces).",
  endpoint:
    "Check quickbi:endpoint, quickbi:region and quickbi:network, and that the job can reach the endpoint; if it answered before, run the command again.",
  "Quick BI": "Quick BI did not answer for a moment: run the command again.",
  unexpected: "Run the command again; if it fails the same way, report it with this message.",
};

/**
 * Causes that are a stack's standing set-up rather than a moment's fault: only for these may the
 * message mention switching the check off, for a stack whose previews are meant to run without read
 * access. Never for an outage, a timeout or an unknown error: a transient fault is no reason to weaken
 * the check.
 */
const STANDING: ReadonlySet<UnreadableBecause> = new Set(["credentials", "permission"]);

/**
 * The failure a strict preview reports for an impact that could not be read, or undefined when there
 * is nothing to report (the impact is known, the user is missing, or the values are not known yet).
 * `check` runs in `pulumi up` too, before the withdrawal, so this says that nothing was withdrawn.
 */
export function strictPreviewFailure(impact: Impact, readAttempted: boolean): string | undefined {
  if (impact.status !== "unknown" || !readAttempted) return undefined;
  const because = unreadableBecause(impact.code);
  // One short line a CLI shows whole (what failed, that nothing was withdrawn), then the error with its
  // hint, then what to do, then the error's detail lines (where credentials were looked for).
  const [why = "", ...detail] = (impact.detail ?? impact.summary).split("\n");
  const fixes = [
    FIXES[because],
    ...(STANDING.has(because)
      ? [
          `Only if this stack's previews are meant to run without read access to Quick BI: pulumi config set ${STACK_CONFIG_KEYS.strictPreview} false.`,
        ]
      : []),
  ];
  return [
    `strict preview: Quick BI could not be read (${because}), so nobody can review whom this offboarding removes from which groups; nothing was withdrawn.`,
    why.replace(/\.?\s*$/, "."),
    fixes.join(" "),
    ...detail,
  ].join("\n");
}
