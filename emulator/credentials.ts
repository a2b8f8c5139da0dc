/** An AccessKey pair the emulator accepts; with `securityToken` it is an STS pair. */
export interface AccessKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Required in `x-acs-security-token` on every request signed with this pair. */
  readonly securityToken?: string;
}

// Deliberately not of the form of a real AccessKey (LTAI + 12 or more characters), so secret scanners and
// reviewers can tell at a glance that these are the emulator's and nobody's real keys.
/** The long-term test pair every emulator accepts unless `accessKeys` says otherwise. */
export const TEST_ACCESS_KEY = {
  accessKeyId: "LTEMULATORTESTKEY",
  accessKeySecret: "emulator-test-secret-not-a-real-key",
} as const satisfies AccessKeyPair;

/** The STS test pair every emulator accepts unless `accessKeys` says otherwise. */
export const TEST_STS_KEY = {
  accessKeyId: "STS.EMULATORTESTKEY",
  accessKeySecret: "emulator-sts-secret-not-a-real-key",
  securityToken: "emulator-sts-security-token-not-a-real-token",
} as const satisfies AccessKeyPair;
