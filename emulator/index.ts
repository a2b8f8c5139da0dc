export { startEmulator, type QuickBIEmulator } from "./emulator";
export { DEFAULTS, type EmulatorOptions } from "./options";
export type { EmulatorState, Membership, Seed, User, UserGroup, UserType } from "./model";
export { ROOT_GROUP_ID } from "./model";
export type { RequestLogEntry } from "./request-log";
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
