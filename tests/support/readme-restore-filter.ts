// The docs' restore-by-hand filter (docs/audit-record-and-drift.md), run as a user runs it:
// jq over `pulumi stack export`, so that the documented command is what the tests check.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const README = resolve(__dirname, "..", "..", "docs", "audit-record-and-drift.md");

/** The group ids the docs' `jq -r '…' state.json` prints for `userId`, from an exported state. */
export function groupsToRestore(exportedState: string, userId: string): string {
  const match = /GROUPS=\$\(jq -r '([\s\S]*?)' state\.json\)/.exec(readFileSync(README, "utf8"));
  if (!match)
    throw new Error(
      "docs/audit-record-and-drift.md has no restore-by-hand `GROUPS=$(jq -r '…' state.json)` command",
    );
  const filter = match[1]!.replaceAll("46e5374665ba4b679ee22e2a2927abcd", userId);
  return execFileSync("jq", ["-r", filter], { input: exportedState, encoding: "utf8" }).trim();
}
