// The README's Inputs table is what users read instead of the type: every input it lists, with the
// type it gives, must be what QuickBIUserGroupRevocationArgs declares, and nothing may be missing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..", "..");

/** `name → type` of an interface in a source file, `pulumi.` dropped as the README writes it. */
function declaredProperties(file: string, interfaceName: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022);
  const found = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== interfaceName) return;
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type && ts.isIdentifier(member.name)) {
        found.set(member.name.text, member.type.getText(source).replace(/pulumi\./g, ""));
      }
    }
  });
  return found;
}

/** `name → type` of the README table under `heading`: rows like "| `userId` | `Input<string>` | …". */
function readmeTable(heading: string): Map<string, string> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading)).split("\n\n| ")[1] ?? "";
  const rows = new Map<string, string>();
  for (const line of `| ${section}`.split("\n")) {
    if (!line.startsWith("|")) break;
    const match = /^\| `(\w+)` \| `(.+?)` \|/.exec(line);
    if (match) rows.set(match[1]!, match[2]!.replace(/\\\|/g, "|"));
  }
  return rows;
}

describe("the README's Inputs table", () => {
  it("lists every input of QuickBIUserGroupRevocationArgs with its declared type", () => {
    const declared = declaredProperties("provider/resource.ts", "QuickBIUserGroupRevocationArgs");
    assert.ok(declared.size > 5, `found ${declared.size} declared inputs`);
    assert.deepEqual(Object.fromEntries(readmeTable("### Inputs")), Object.fromEntries(declared));
  });
});
