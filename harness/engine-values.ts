// Values the Pulumi engine puts on the wire to a provider, spelled the way @pulumi/pulumi's
// runtime/rpc.js spells them (specialSigKey, specialSecretSig, unknownValue).

/** The project name the test helpers give the engine, the host and the mocks unless told otherwise. */
export const TEST_PROJECT = "quickbi-test";

/** The stack name the test helpers use unless told otherwise. */
export const TEST_STACK = "test";

/** The key that marks a special value (secret, asset, resource reference) inside a property map. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The signature under {@link SIG_KEY} that marks a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** What the engine sends in place of a value that is not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A secret as it travels in a `google.protobuf.Struct`. */
export interface SecretValue<T = unknown> {
  readonly [SIG_KEY]: typeof SECRET_SIG;
  readonly value: T;
}

/** Wraps `value` the way the engine sends a secret to a provider that accepts secrets. */
export function secret<T>(value: T): SecretValue<T> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** True if `value` is a secret wrapper. */
export function isSecret(value: unknown): value is SecretValue {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** The value inside a secret wrapper, or `value` itself when it is not one. */
export function unwrapSecret(value: unknown): unknown {
  return isSecret(value) ? value.value : value;
}

/**
 * A resource URN as the engine builds it for a top-level resource.
 *
 * @example urnFor("pulumi-nodejs:dynamic/quickbi:Offboarding", "alice")
 * // "urn:pulumi:test::quickbi-test::pulumi-nodejs:dynamic/quickbi:Offboarding::alice"
 */
export function urnFor(type: string, name: string, project = TEST_PROJECT, stack = TEST_STACK): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
