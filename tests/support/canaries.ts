// Credential values no output, state, log or error may ever contain. They look like credentials so
// that a leak is unmistakable, and unlike a real AccessKey (no LTAI prefix) so that nobody mistakes
// them for one. Where they are used across the whole suite, and how the final scan works, is described
// in canary-scan.ts.
import { withEnv } from "./env";
import type { AccessKeyPair } from "../../emulator";

export const CANARY = {
  accessKeyId: "CANARYACCESSKEYID7f3a9c",
  accessKeySecret: "canary-secret-5d1e8b2f4a6c",
  securityToken: "canary-sts-token-9b7d3e1f",
  stsAccessKeyId: "STS.CANARYSTSKEYID2c8e4a",
  stsAccessKeySecret: "canary-sts-secret-8a0f6d2c",
} as const;

/**
 * The canaries as AccessKey pairs for the emulator's `accessKeys` option: an emulator started with
 * them reports the canary pair as its `accessKeyId`/`accessKeySecret` (and `sts`), so every stack config
 * built from it (`emulatorStackConfig`) really signs with the canaries.
 */
export const CANARY_ACCESS_KEYS: readonly AccessKeyPair[] = [
  { accessKeyId: CANARY.accessKeyId, accessKeySecret: CANARY.accessKeySecret },
  {
    accessKeyId: CANARY.stsAccessKeyId,
    accessKeySecret: CANARY.stsAccessKeySecret,
    securityToken: CANARY.securityToken,
  },
];

/** Every canary value found in `text`. */
export function canariesIn(text: string): string[] {
  return Object.values(CANARY).filter((value) => text.includes(value));
}

/**
 * The canary credentials in every variable the credentials chain and @pulumi/alicloud read: a usable
 * credential. For a process whose stack config gives keys (which take precedence), they change nothing.
 */
export const CANARY_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
  ALIBABA_CLOUD_SECURITY_TOKEN: CANARY.securityToken,
  ALICLOUD_ACCESS_KEY: CANARY.accessKeyId,
  ALICLOUD_SECRET_KEY: CANARY.accessKeySecret,
  ALICLOUD_SECURITY_TOKEN: CANARY.securityToken,
} as const;

/**
 * The secret halves only, set for the whole suite by offline-env.ts (and so inherited by every process
 * it starts). Without an AccessKey id they form no credential: neither the chain nor the provider's
 * `ALICLOUD_*` fallback uses a secret or a token alone, so tests that run deliberately without
 * credentials still see none, while any code that read and echoed these variables would leak them.
 * `ALIBABA_CLOUD_SECURITY_TOKEN` is left out: a test that sets an env AccessKey pair for the chain would
 * pick it up and sign as STS.
 */
export const CANARY_SECRET_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
  ALICLOUD_SECRET_KEY: CANARY.accessKeySecret,
  ALICLOUD_SECURITY_TOKEN: CANARY.securityToken,
} as const;

/** Sets {@link CANARY_ENV} in this process while `run` runs. */
export function withCanaryEnv<T>(run: () => Promise<T>): Promise<T> {
  return withEnv(CANARY_ENV, run);
}

/** Stack config carrying the canaries, as `pulumi config set --secret` would store them. */
export const CANARY_STACK_CONFIG = {
  "alicloud:accessKey": CANARY.accessKeyId,
  "alicloud:secretKey": CANARY.accessKeySecret,
  "alicloud:securityToken": CANARY.securityToken,
} as const;

/** Where a canary was found. */
export interface CanarySighting {
  readonly where: string;
  readonly canaries: readonly string[];
}

/**
 * The suite-wide recorder: everything the suite sees that must never hold a credential is passed to
 * {@link recordForCanaryScan} as it appears, and scanned at once (only sightings are kept).
 */
const recorder = { scanned: new Map<string, number>(), sightings: [] as CanarySighting[] };

/**
 * Scans `value` (any JSON-able value, or an Error: message, cause and properties) for canaries.
 * `kind` groups the count in the final report (`__provider`, `outputs`, `host output`, `error`).
 */
export function recordForCanaryScan(kind: string, where: string, value: unknown): void {
  recorder.scanned.set(kind, (recorder.scanned.get(kind) ?? 0) + 1);
  const found = canariesIn(textOf(value));
  if (found.length > 0) recorder.sightings.push({ where: `${kind}: ${where}`, canaries: found });
}

/** What the recorder has seen so far. */
export function canaryScanReport(): { scanned: ReadonlyMap<string, number>; sightings: CanarySighting[] } {
  return { scanned: recorder.scanned, sightings: [...recorder.sightings] };
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return [
      value.message,
      value.stack ?? "",
      safeJson({ ...value }),
      cause === undefined ? "" : textOf(cause),
    ].join("\n");
  }
  return safeJson(value);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
