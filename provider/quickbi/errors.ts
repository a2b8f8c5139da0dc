import { accountUidAdvice, isAccountUid } from "./account-uid";

/** Whom a Quick BI call is about: a UserId, or for QueryUserInfoByAccount the account it looks up. */
export type QuickBIUser =
  | { readonly userId: string }
  | { readonly account: string }
  /** A listing of the whole organisation (a refresh's snapshot), about no one user. */
  | { readonly organization: true };

/** Everything a failed operation's message is made of. */
export interface QuickBIFailure {
  /** The Quick BI action, e.g. `WithdrawAllUserGroups`. */
  readonly operation: string;
  readonly user: QuickBIUser;
  /** Quick BI's `Code`, or a transport label such as `ReadTimeout` / `ECONNRESET` / `NonJsonBody`. */
  readonly code: string;
  /** Absent when no HTTP answer came (a refused connection, a timeout). */
  readonly httpStatus?: number;
  /** Absent when Quick BI gave none. */
  readonly requestId?: string;
  /** Attempts made before giving up, the first included. */
  readonly attempts: number;
  /** What went wrong, free of credentials. */
  readonly detail: string;
  /** The underlying error, free of credentials. */
  readonly cause?: unknown;
}

/**
 * A failed Quick BI operation, after retries. Its message is what the engine prints under the
 * resource, so it names the operation, the user, the Quick BI code, the HTTP status and the
 * RequestId, then says how to fix it. It never carries a credential: see {@link redact}.
 */
export class QuickBIRequestError extends Error {
  override readonly name = "QuickBIRequestError";
  readonly operation: string;
  readonly user: QuickBIUser;
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;
  /** What went wrong, without the operation, the code and the hint around it. */
  readonly detail: string;

  constructor(failure: QuickBIFailure) {
    const { operation, user, code, httpStatus, requestId, attempts, detail } = failure;
    // Only what is known: no HTTP status when nothing answered, no RequestId when Quick BI gave none.
    const facts = [
      ...(httpStatus !== undefined ? [`HTTP ${httpStatus}`] : []),
      ...(requestId !== undefined ? [`RequestId ${requestId}`] : []),
      ...(attempts > 1 ? [`after ${attempts} attempts`] : []),
    ];
    // A detail of several lines keeps its first line here and the others after the hint, so that the
    // message's first line says what failed and how to fix it, and the long part is below it.
    const [summary = "", ...more] = detail.split("\n");
    super(
      `${operation} for ${describeUser(user)} failed: ${code}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}: ` +
        `${summary.replace(/\.+$/, "")}. ${hintFor(code, operation, user)}${more.map((line) => `\n${line}`).join("")}`,
      { cause: failure.cause },
    );
    this.operation = operation;
    this.user = user;
    this.code = code;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
    this.attempts = attempts;
    this.detail = detail;
  }
}

function describeUser(user: QuickBIUser): string {
  if ("organization" in user) return "the organisation";
  return "userId" in user
    ? `Quick BI user ${JSON.stringify(user.userId)}`
    : `account ${JSON.stringify(user.account)}`;
}

/** Gateway and Quick BI codes that a later attempt can succeed on. Everything else is final. */
export function isRetryableCode(code: string, httpStatus: number | undefined): boolean {
  if (/Throttling/.test(code)) return true;
  if (
    ["ServiceUnavailable", "InternalError", "Internal.System.Error", "NonJsonBody", "ResultFalse"].includes(
      code,
    )
  )
    return true;
  if (TRANSPORT_CODES.has(code)) return true;
  // Quick BI has answered business errors with 500 in the past; only an unrecognised 5xx is retried.
  return httpStatus !== undefined && httpStatus >= 500 && !isFinalCode(code);
}

const TRANSPORT_CODES = new Set([
  "ReadTimeout",
  "ConnectTimeout",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "SocketHangUp",
]);

function isFinalCode(code: string): boolean {
  return /^(Invalid|Instance\.|Access\.Forbidden|User\.Not\.In\.Organization|ApiUser\.Not\.Exists|Signature|InvalidAccessKeyId|InvalidTimeStamp|Missing|UserInfo\.Error)/.test(
    code,
  );
}

/** Codes with which Quick BI says the user does not exist in the organisation. */
export function isMissingUserCode(code: string): boolean {
  return code === "User.Not.In.Organization" || code === "ApiUser.Not.Exists";
}

/** Whether `error` is Quick BI saying the user does not exist in the organisation. */
export function isMissingUserError(error: unknown): error is QuickBIRequestError {
  return error instanceof QuickBIRequestError && isMissingUserCode(error.code);
}

const WITHDRAWAL = "WithdrawAllUserGroups";

/**
 * Said of every withdrawal that failed without a clear refusal: a timeout, a reset connection or a 5xx
 * can follow a withdrawal Quick BI did apply, so "failed" must not be read as "nothing happened".
 */
const WITHDRAWAL_MAY_HAVE_APPLIED =
  "An attempt may already have been applied by Quick BI although no answer confirmed it: the user may already be out " +
  "of some or all of their groups, and nothing is recorded as done. Check the user's groups in Quick BI's member " +
  "management; `pulumi up` again is safe: a repeated withdrawal removes nothing more. Keep this message: if the " +
  "withdrawal was applied, the next record finds no group left, and the groups named here are the audit of it.";

/** One line that tells the operator what to change, for this operation and this way of naming the user. */
export function hintFor(code: string, operation: string, user: QuickBIUser): string {
  const byAccount = "account" in user;
  if (isMissingUserCode(code)) {
    if ("userId" in user && isAccountUid(user.userId)) return accountUidAdvice(user.userId);
    return byAccount
      ? 'Check that account is the Alibaba Cloud account name (for a RAM user the part before "@", with parentAccountName its main account) or UID of a member of this Quick BI organisation, in this organisation\'s region.'
      : "Check that userId is the Quick BI UserId (32 characters, shown in Quick BI's member management or returned by QueryUserInfoByAccount), not the Alibaba Cloud account UID, and that the user belongs to this organisation's region.";
  }
  if (code === "Verify.GroupsRemain") {
    return (
      "Quick BI answered success but still lists the memberships: something may be adding the user back as fast as " +
      "they are removed (a group sync from SSO or an HR system?). Stop it, then run `pulumi up` again."
    );
  }
  if (code === "CanNot.Remove.WorkspaceOwner") {
    return (
      "Quick BI removes no workspace owner, and no OpenAPI operation transfers ownership: hand the workspace to another " +
      "user in Quick BI's workspace management, then run `pulumi up` again (the steps already done are not repeated)."
    );
  }
  if (code === "Verify.StepNotApplied") {
    return (
      "Quick BI answered success but the read that followed still shows the access: something may be giving it back " +
      "(a sync from SSO or an HR system?). Stop it, then run `pulumi up` again."
    );
  }
  if (code === "Access.Forbidden") {
    return `The Quick BI edition or the AccessKey may not call ${operation}: the OpenAPI needs Quick BI Professional edition and a RAM policy allowing quickbi-public:${operation}.`;
  }
  if (code === "Invalid.User.Admin") return "Use the AccessKey of a Quick BI organisation administrator.";
  if (code.startsWith("Instance."))
    return "The Quick BI instance has expired or does not exist in this region: check the region and the subscription.";
  if (code === "Invalid.Organization") return "The organisation was not found: check the region or endpoint.";
  if (
    code.startsWith("Invalid") &&
    !code.startsWith("InvalidAccessKeyId") &&
    !code.startsWith("InvalidTimeStamp")
  ) {
    return `Quick BI rejected a parameter of ${operation}: check ${byAccount ? "account and parentAccountName" : "userId"}.`;
  }
  if (code.startsWith("InvalidAccessKeyId"))
    return "The AccessKey is unknown or disabled: check alicloud:accessKey or the credentials chain.";
  if (code === "SignatureDoesNotMatch")
    return "The AccessKey secret does not match the AccessKey id: check alicloud:secretKey.";
  if (code === "InvalidTimeStamp.Expired")
    return "The clock of the machine running Pulumi is more than 15 minutes off: sync it (NTP).";
  if (code === "SignatureNonceUsed") return "A request was replayed; run again.";
  if (code === "CredentialsUnavailable")
    return (
      "Give the stack credentials: `pulumi config set --secret quickbi:accessKey <AccessKey ID>` and " +
      "`pulumi config set --secret quickbi:secretKey <AccessKey secret>`, or set up the Alibaba Cloud credentials chain " +
      "(environment, OIDC/RRSA, CLI profile, ECS RAM role)."
    );
  if (code === "ResultFalse")
    return "Quick BI reported the operation as not done: run again, and check the user in Quick BI's member management.";
  if (isRetryableCode(code, undefined)) {
    const budget =
      "The retry budget ran out: run again later, or raise quickbi:maxAttempts / quickbi:readTimeout.";
    return operation === WITHDRAWAL ? `${WITHDRAWAL_MAY_HAVE_APPLIED} ${budget}` : budget;
  }
  return `See the Quick BI error code list for ${operation}.`;
}

/** Replaces every occurrence of each secret (longer than 3 characters) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 3) out = out.split(secret).join("***");
  }
  return out;
}
