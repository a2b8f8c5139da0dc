import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";

/**
 * Reads a `.json`, `.yaml` or `.yml` file into a plain value. Only called at start-up or from
 * `setFaults`-style admin calls, never per request.
 */
export function readStructuredFile(path: string): unknown {
  const ext = extname(path).toLowerCase();
  if (ext !== ".json" && ext !== ".yaml" && ext !== ".yml") {
    throw new Error(
      `Cannot read ${path}: expected a .json, .yaml or .yml file, got "${ext || "no extension"}"`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new Error(`Cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    return ext === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new Error(`Cannot parse ${path} as ${ext.slice(1).toUpperCase()}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Narrows to a plain object, or throws naming where the value came from. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "string" ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}
