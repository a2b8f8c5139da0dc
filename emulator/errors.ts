// Every error the emulator can answer with, in one table, so status codes and messages stay consistent
// and the README can list them. Codes are the documented Quick BI / API-gateway codes; where the public
// documentation gives no code or status the choice is marked "chosen" and listed in README.md.

interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

/** Error codes by name, with their HTTP status and default message. */
export const ERRORS = {
  // Gateway: authentication and request framing.
  MissingAuthorization: { status: 400, message: "The Authorization header is required." }, // chosen
  IncompleteSignature: {
    status: 400,
    message: "The request signature does not conform to Aliyun standards.",
  },
  "InvalidAccessKeyId.NotFound": { status: 404, message: "Specified access key is not found." },
  "InvalidSecurityToken.MismatchWithAccessKey": {
    status: 400,
    message: "The security token does not match the AccessKey.",
  },
  MissingSecurityToken: { status: 400, message: "x-acs-security-token is required for an STS AccessKey." }, // chosen
  SignatureDoesNotMatch: {
    status: 400,
    message: "The request signature we calculated does not match the signature you provided.",
  },
  MissingSignatureNonce: { status: 400, message: "x-acs-signature-nonce is required." },
  SignatureNonceUsed: { status: 400, message: "Specified signature nonce was used already." },
  "InvalidTimeStamp.Format": { status: 400, message: "x-acs-date is not of the form yyyy-MM-ddTHH:mm:ssZ." },
  "InvalidTimeStamp.Expired": {
    status: 400,
    message: "Specified time stamp or date value is expired (more than 15 minutes from the server's time).",
  },
  MissingVersion: { status: 400, message: "x-acs-version is required." },
  InvalidVersion: { status: 400, message: "Specified parameter Version is not valid." }, // chosen status
  MissingAction: { status: 400, message: "x-acs-action is required." },
  "InvalidApi.NotFound": {
    status: 404,
    message: "Specified api is not found, please check your url and method.",
  },
  "Throttling.User": { status: 400, message: "Request was denied due to user flow control." },
  ServiceUnavailable: {
    status: 503,
    message: "The request has failed due to a temporary failure of the server.",
  },
  // Quick BI business errors (HTTP 400 today, per the API page).
  "User.Not.In.Organization": {
    status: 400,
    message: "The specified user is not in the organizational unit.",
  },
  "Invalid.Parameter": { status: 400, message: "An error occurred while verifying parameters." },
  "Internal.System.Error": { status: 400, message: "An internal system error occurred." },
  // DeleteUserFromWorkspace's refusal for the workspace's owner: the code is the API page's, the
  // status and message are chosen.
  "CanNot.Remove.WorkspaceOwner": {
    status: 400,
    message: "The owner of a workspace cannot be removed from it; transfer the workspace first.",
  },
  // AddUserToWorkspace's refusals, codes and messages from its API page (HTTP 400).
  "Workspace.Not.Exist": { status: 400, message: "The group workspace does not exist." },
  "User.AlreadyIn.Workspace": { status: 400, message: "This user already exists." },
  "Viewer.AddInTo.Workspace": {
    status: 400,
    message: "Organization members with viewer type are not allowed to add to workspace:",
  },
  "Access.Forbidden": {
    status: 400,
    message:
      "Access forbidden. Your instance version or access key is not allowed to call the API operation.",
  },
} as const satisfies Record<string, ErrorSpec>;

/** One of the codes in {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/** An error the emulator answers with; thrown by operations and checks, turned into a JSON body once. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}
