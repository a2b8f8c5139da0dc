import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { validateInputs, type OnMissingUser } from "../revocation/inputs";
import type { ScopeStep } from "../revocation/scope";
import type { QuickBIRestore } from "../resource";
import { describeYamlError } from "./yaml-problems";

/** One person to offboard, as a people list gives them. Exactly one of `userId` and `account`. */
export interface QuickBIPerson {
  /** The Quick BI UserId. */
  readonly userId?: string;
  /** The Alibaba Cloud account name or UID. */
  readonly account?: string;
  /** The main account a RAM user `account` belongs to. */
  readonly parentAccountName?: string;
  /** Why, for the audit record. */
  readonly reason?: string;
  /** The authorising ticket, for the audit record. */
  readonly ticket?: string;
  /** Overrides the component's onMissingUser for this person. */
  readonly onMissingUser?: OnMissingUser;
  /** The steps beyond the groups for this person; wins over the component's `scope`. */
  readonly scope?: readonly ScopeStep[];
  /**
   * How reviewers know the person, for an entry a UserId alone would leave unreadable in a plan: the
   * person's resource is named `<component>-<name>` instead of `<component>-<userId>`. Never sent to
   * Quick BI. Letters, digits, spaces and `.` `_` `'` `-`, up to 64 characters, unique in the list.
   * Adding it to a person already offboarded renames their resource with an alias: no replacement,
   * no call. Changing it afterwards plans a new revocation (a repeated, harmless withdrawal).
   * @example "Emma Sun"
   */
  readonly name?: string;
  /**
   * Undo this person's offboarding: put back what the record says was removed. Removing it offboards
   * them again. Counted by the removal guard as a removal.
   */
  readonly restore?: QuickBIRestore;
}

/** A validated person with the stable key its resource name and the removal guard use. */
export interface ListedPerson extends QuickBIPerson {
  /** `46e5…` for a userId, `account-alice` (or `account-corp.alice` with a parent) for an account. */
  readonly key: string;
  /** Where it came from, for messages: `people.yaml:7` or `people[3]`. */
  readonly origin: string;
}

const PERSON_KEYS = [
  "userId",
  "account",
  "parentAccountName",
  "reason",
  "ticket",
  "onMissingUser",
  "scope",
  "name",
  "restore",
] as const;

/** What a `name` may be: readable in a plan and safe in a URN. */
const NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._'-]{0,62}[\p{L}\p{N}.'])?$/u;

/**
 * The name of a person's resource in a component named `component`: `<component>-<name>` when the
 * entry gives a `name`, else `<component>-<key>` (`leavers-account-alice`, `leavers-46e5…`).
 */
export function personResourceName(component: string, person: QuickBIPerson): string {
  return `${component}-${person.name ?? personKey(person)}`;
}

/**
 * The key that identifies a person to the removal guard and in the component's summary: the userId, or
 * `account-<account>`. It never depends on `name`, so naming a person changes no key.
 */
export function personKey(person: QuickBIPerson): string {
  if (person.userId !== undefined) return person.userId;
  return `account-${person.parentAccountName !== undefined ? `${person.parentAccountName}.` : ""}${person.account}`;
}

/**
 * Validates a people list given inline. Throws one error listing every problem, each with the entry's
 * index: `people[3]: ...`.
 */
export function validatePeople(people: readonly unknown[], label = "people"): ListedPerson[] {
  return collect(
    people.map((entry, index) => ({ entry, origin: `${label}[${index}]` })),
    `${label}`,
  );
}

/**
 * Reads a people list from a YAML or JSON file: either a list, or a mapping with a `people` list.
 * Throws one error listing every problem, each with the line it came from: `people.yaml:7: ...`.
 */
export function readPeopleFile(path: string): ListedPerson[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`Cannot read the people file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const file = displayPath(path);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: Node | undefined | null) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => describeYamlError(e, file, text));
    throw new Error(`The people file ${file} is not valid YAML or JSON:\n  ${problems.join("\n  ")}`);
  }
  let list: Node | null | undefined = document.contents;
  if (isMap(list)) {
    const people = list.get("people", true) as Node | undefined;
    if (!people)
      throw new Error(
        `${file}:${lineOf(list)}: expected a list of people, or a mapping with a "people" list`,
      );
    list = people;
  }
  if (!isSeq(list))
    throw new Error(`${file}:${lineOf(list)}: expected a list of people, or a mapping with a "people" list`);
  return collect(
    list.items.map((item) => ({
      entry: (item as Node | null)?.toJSON?.() ?? item,
      origin: `${file}:${lineOf(item as Node)}`,
    })),
    `the people file ${file}`,
  );
}

/**
 * The file as messages name it: relative to the working directory (the Pulumi project directory) when
 * it is inside it, so that `people.yaml:7` reads the same on a laptop and in CI.
 */
function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

function collect(entries: readonly { entry: unknown; origin: string }[], what: string): ListedPerson[] {
  const problems: string[] = [];
  const firstByKey = new Map<string, string>();
  const firstByName = new Map<string, string>();
  const people: ListedPerson[] = [];
  for (const { entry, origin } of entries) {
    const problem = problemOf(entry);
    if (problem) {
      problems.push(`${origin}: ${problem}`);
      continue;
    }
    const person = entry as QuickBIPerson;
    const key = personKey(person);
    const first = firstByKey.get(key);
    if (first !== undefined) {
      problems.push(`${origin}: duplicate entry for ${describeKey(person)} (first listed at ${first})`);
      continue;
    }
    // Two entries must not name the same resource: a name equal to another name, or to another's key.
    const resourceName = person.name ?? key;
    const named = firstByName.get(resourceName);
    if (named !== undefined) {
      problems.push(
        `${origin}: name ${JSON.stringify(resourceName)} is already the name of the entry at ${named}; give each person a name of their own`,
      );
      continue;
    }
    firstByKey.set(key, origin);
    firstByName.set(resourceName, origin);
    people.push({ ...person, key, origin });
  }
  if (problems.length > 0) {
    throw new Error(
      `${capitalize(what)} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n  ${problems.join("\n  ")}`,
    );
  }
  return people;
}

function problemOf(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    return `expected a mapping with userId or account; received ${entry === null ? "null" : Array.isArray(entry) ? "a list" : JSON.stringify(entry)}`;
  }
  const unknownKeys = Object.keys(entry).filter((k) => !(PERSON_KEYS as readonly string[]).includes(k));
  if (unknownKeys.length > 0) {
    return `unknown key${unknownKeys.length === 1 ? "" : "s"} ${unknownKeys.map((k) => JSON.stringify(k)).join(", ")}; allowed: ${PERSON_KEYS.join(", ")}`;
  }
  const { name, ...inputs } = entry as Record<string, unknown>;
  const failures = validateInputs(inputs).map((f) => f.reason);
  const nameProblem = name === undefined ? undefined : validateName(name);
  if (nameProblem) failures.push(nameProblem);
  return failures.length > 0 ? failures.join("; ") : undefined;
}

function validateName(name: unknown): string | undefined {
  if (typeof name === "string" && NAME.test(name)) return undefined;
  return (
    `name ${JSON.stringify(name)} cannot name a resource; allowed: up to 64 letters, digits, spaces and . _ ' -, ` +
    `starting with a letter or digit, e.g. "Emma Sun"`
  );
}

function describeKey(person: QuickBIPerson): string {
  return person.userId !== undefined
    ? `userId ${JSON.stringify(person.userId)}`
    : `account ${JSON.stringify(person.account)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
