// Malformed people files for QuickBIOffboarding. The program reads the file, before any resource is
// registered, so each is a program error that must name the file and the line.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QuickBIOffboarding } from "../../provider";
import { captureResources } from "../../harness/mocks";
import { ALICE } from "../support/configured-provider";

const CYRILLIC_A = "\u0430";

/** A malformed people file for QuickBIOffboarding, and where the program error must point. */
interface ListCase {
  readonly title: string;
  readonly text: string;
  /** `<file>:<line>: <pattern>` is expected in the error. */
  readonly line: number;
  readonly pattern: string;
}

const listCases: ListCase[] = [
  { title: "not YAML", text: `people:\n  - userId: ${ALICE}\n  - [unclosed\n`, line: 4, pattern: "" },
  {
    title: "an unknown key",
    text: `people:\n  - userId: ${ALICE}\n  - user: bob\n`,
    line: 3,
    pattern: 'unknown key "user"',
  },
  {
    title: "a duplicate person",
    text: `- userId: ${ALICE}\n- account: bob\n- userId: ${ALICE}\n`,
    line: 3,
    pattern: "duplicate entry",
  },
  {
    title: "a look-alike letter in a userId",
    text: `- userId: 46e5374665b${CYRILLIC_A}4b679ee22e2a2927abcd\n`,
    line: 1,
    pattern: 'userId "46e5',
  },
  {
    title: "an entry that is a plain string",
    text: `- userId: ${ALICE}\n- bob\n`,
    line: 2,
    pattern: "expected a mapping",
  },
  {
    title: "a mapping without a people list",
    text: `leavers:\n  - userId: ${ALICE}\n`,
    line: 1,
    pattern: "expected a list",
  },
  {
    title: "a userId with an injected parameter",
    text: `- userId: "${ALICE}&UserId=x"\n`,
    line: 1,
    pattern: `userId "${ALICE}&UserId=x" contains "&"`,
  },
];

describe("the bad-input corpus of people files, as program errors naming the line", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "quickbi-bad-people-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  listCases.forEach((c, i) => {
    it(`rejects a people file with ${c.title} at line ${c.line}`, async () => {
      const peopleFile = join(dir, `people-${i}.yaml`);
      writeFileSync(peopleFile, c.text);
      await assert.rejects(
        captureResources(() => {
          new QuickBIOffboarding("leavers", { peopleFile });
        }),
        (error: Error) => {
          assert.ok(
            error.message.includes(`${peopleFile}:${c.line}: ${c.pattern}`),
            `expected "${peopleFile}:${c.line}: ${c.pattern}" in: ${error.message}`,
          );
          return true;
        },
      );
    });
  });
});
