/**
 * Secrets as a native provider sees them. The Node.js provider server tells the engine it accepts
 * secrets, so an input set with `pulumi.secret(...)` (or `--secret` config passed as an input) arrives
 * wrapped, `{ [specialSigKey]: specialSecretSig, value }`, instead of being unwrapped by the engine as it
 * is for a dynamic provider. The lifecycle code works on plain values, so the wrappers come off on the
 * way in and go back, on the same top-level keys, on the way out: a secret input stays a secret output.
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime";

type PropertyMap = Record<string, unknown>;

/** The value without any secret wrapper, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const object = value as PropertyMap;
  if (object[specialSigKey] === specialSecretSig) return unwrapSecrets(object.value);
  return Object.fromEntries(Object.entries(object).map(([key, v]) => [key, unwrapSecrets(v)]));
}

/** The top-level keys whose value is, or contains, a secret. */
export function secretKeys(...maps: (PropertyMap | undefined)[]): Set<string> {
  const keys = new Set<string>();
  for (const map of maps) {
    for (const [key, value] of Object.entries(map ?? {})) if (containsSecret(value)) keys.add(key);
  }
  return keys;
}

/** `map` with the value of each key in `keys` wrapped as a secret. */
export function wrapSecrets<T extends PropertyMap | undefined>(map: T, keys: ReadonlySet<string>): T {
  if (!map || keys.size === 0) return map;
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [
      key,
      keys.has(key) ? { [specialSigKey]: specialSecretSig, value } : value,
    ]),
  ) as T;
}

function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value === null || typeof value !== "object") return false;
  const object = value as PropertyMap;
  return object[specialSigKey] === specialSecretSig || Object.values(object).some(containsSecret);
}
