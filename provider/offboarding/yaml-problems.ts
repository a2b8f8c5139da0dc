import type { YAMLError } from "yaml";

/**
 * One YAML syntax error as a reviewer can act on it: `people.yaml:2: <what is wrong> (column 13)`, then
 * the offending line and a caret under the column. The yaml library's own message ends in a colon
 * followed by a context block; keeping only its first line would cut the message off at that colon.
 */
export function describeYamlError(error: YAMLError, file: string, text: string): string {
  const position = error.linePos?.[0];
  const line = position?.line ?? 1;
  const column = position?.col ?? 1;
  const reason = (error.message.split("\n")[0] ?? error.message)
    .replace(/ at line \d+, column \d+:?\s*$/, "")
    .replace(/:\s*$/, "");
  const source = text.split(/\r?\n/)[line - 1];
  const shown =
    source === undefined || source.trim() === ""
      ? "      (end of the file or an empty line)"
      : `      ${visibleTabs(source)}\n      ${" ".repeat(Math.max(0, column - 1))}^`;
  return `${file}:${line}: ${reason} (column ${column})\n${shown}`;
}

/** Tabs shown as `→`, so that a tab used as indentation (a common cause) is visible in the message. */
function visibleTabs(line: string): string {
  return line.replace(/\t/g, "→");
}
