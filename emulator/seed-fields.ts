// Field readers shared by the seed's parts: each throws naming the entry and field at fault.
import { describe } from "./load-file";

/** A list field of the seed; absent or null is an empty list. */
export function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be a list, got ${describe(value)}`);
  return value;
}

/** A required text field; YAML's unquoted digits are accepted as text. */
export function text(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  // YAML reads unquoted digits as numbers; account ids are digits, so accept them as text.
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string" || value === "") {
    throw new Error(`${where}.${field} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function optionalText(
  record: Record<string, unknown>,
  field: string,
  where: string,
): string | undefined {
  return record[field] === undefined ? undefined : text(record, field, where);
}

/** An optional boolean field, as an object to spread: left out when absent. */
export function flag<K extends "adminUser" | "authAdminUser" | "isDeleted">(
  record: Record<string, unknown>,
  field: K,
  where: string,
): Partial<Record<K, boolean>> {
  const value = record[field];
  if (value === undefined) return {};
  if (typeof value !== "boolean")
    throw new Error(`${where}.${field} must be true or false, got ${describe(value)}`);
  return { [field]: value } as Partial<Record<K, boolean>>;
}

/** The values as a set; throws naming the first that appears twice. */
export function unique(values: string[], where: string, field: string): Set<string> {
  const set = new Set<string>();
  for (const value of values) {
    if (set.has(value)) throw new Error(`${where}: ${field} ${value} appears twice`);
    set.add(value);
  }
  return set;
}
