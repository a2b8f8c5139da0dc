export { startEmulator, type QuickBIEmulator } from "./emulator";
export { DEFAULTS, type EmulatorOptions } from "./options";
export type {
  EmulatorState,
  Membership,
  Seed,
  User,
  UserGroup,
  UserType,
  Workspace,
  WorkspaceMember,
  WorkspaceRoleId,
} from "./model";
export { ORGANIZATION_ROLES, ROOT_GROUP_ID, WORKSPACE_ROLES } from "./model";
export type { UserChanges } from "./store";
export { formatRequestLogEntry, type RequestListener, type RequestLogEntry } from "./request-log";
export { FAULT_KINDS, type FaultKind, type FaultPlan, type FaultRule } from "./faults";
export { TEST_ACCESS_KEY, TEST_STS_KEY, type AccessKeyPair } from "./credentials";
export { ERRORS, type ErrorCode } from "./errors";
export {
  SIGNATURE_ALGORITHM,
  canonicalQueryString,
  canonicalRequest,
  parseAuthorization,
  rfc3986Encode,
  sha256Hex,
  signRequest,
  signature,
  stringToSign,
  type SignableRequest,
} from "./signature";
