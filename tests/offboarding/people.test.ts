import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  personKey,
  personResourceName,
  readPeopleFile,
  validatePeople,
} from "../../provider/offboarding/people";
import { ALICE, BOB } from "../support/configured-provider";

function peopleFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "people-")), name);
  writeFileSync(path, text);
  return path;
}

describe("people lists", () => {
  it("reads a YAML list under `people`, keeping each entry's line", () => {
    const path = peopleFile(
      "people.yaml",
      `# leavers\npeople:\n  - userId: ${ALICE}\n    ticket: HR-1\n  - account: bob\n`,
    );
    const people = readPeopleFile(path);
    assert.deepEqual(
      people.map((p) => [p.key, p.origin]),
      [
        [ALICE, `${path}:3`],
        ["account-bob", `${path}:5`],
      ],
    );
    assert.equal(people[0]!.ticket, "HR-1");
  });

  it("reads an entry's scope, and rejects an unknown step with its line", () => {
    const path = peopleFile(
      "people.yaml",
      `- userId: ${ALICE}\n  scope: [groups, workspaces, account]\n- account: bob\n  scope: [groups, acount]\n`,
    );
    assert.throws(
      () => readPeopleFile(path),
      (error: Error) =>
        /people\.yaml:3: scope\[1\] is the string "acount"; allowed: a list of "groups", "workspaces", "organizationRoles", "account"/.test(
          error.message,
        ) && !/:1:/.test(error.message),
    );
    const good = peopleFile("people.yaml", `- userId: ${ALICE}\n  scope: [groups, workspaces, account]\n`);
    assert.deepEqual(readPeopleFile(good)[0]!.scope, ["groups", "workspaces", "account"]);
  });

  it("reads a top-level JSON list", () => {
    const path = peopleFile("people.json", JSON.stringify([{ userId: ALICE }, { userId: BOB }], null, 2));
    assert.deepEqual(
      readPeopleFile(path).map((p) => p.key),
      [ALICE, BOB],
    );
  });

  it("names a person's resource by their name when the entry gives one, keeping the key", () => {
    const path = peopleFile("people.yaml", `- userId: ${ALICE}\n  name: Alice Wang\n- account: bob\n`);
    const people = readPeopleFile(path);
    assert.deepEqual(
      people.map((p) => [p.key, personResourceName("leavers", p)]),
      [
        [ALICE, "leavers-Alice Wang"],
        ["account-bob", "leavers-account-bob"],
      ],
    );
  });

  it("rejects a name that cannot name a resource, and one given twice, with their lines", () => {
    const path = peopleFile(
      "people.yaml",
      `- userId: ${ALICE}\n  name: "a::b"\n- userId: ${BOB}\n  name: Sam\n- account: carol\n  name: Sam\n- account: dave\n  name: account-bob\n- account: bob\n`,
    );
    assert.throws(
      () => readPeopleFile(path),
      (error: Error) => {
        assert.match(error.message, new RegExp(`${path}:1: name "a::b" cannot name a resource`));
        assert.match(
          error.message,
          new RegExp(`${path}:5: name "Sam" is already the name of the entry at ${path}:3`),
        );
        assert.match(
          error.message,
          new RegExp(`${path}:9: name "account-bob" is already the name of the entry at ${path}:7`),
        );
        return true;
      },
    );
  });

  it("rejects a duplicate with both lines", () => {
    const path = peopleFile("people.yaml", `- userId: ${ALICE}\n- account: bob\n- userId: ${ALICE}\n`);
    assert.throws(
      () => readPeopleFile(path),
      new RegExp(`${path}:3: duplicate entry for userId "${ALICE}" \\(first listed at ${path}:1\\)`),
    );
  });

  it("rejects malformed entries with their lines, all at once", () => {
    const path = peopleFile(
      "people.yaml",
      `people:\n  - userId: " "\n  - nickname: carol\n  - userId: ${ALICE}\n    account: alice\n  - just-a-string\n`,
    );
    assert.throws(
      () => readPeopleFile(path),
      (error: Error) => {
        assert.match(error.message, /has 4 problems/);
        assert.match(error.message, new RegExp(`${path}:2: userId is empty or only whitespace`));
        assert.match(
          error.message,
          new RegExp(`${path}:3: unknown key "nickname"; allowed: userId, account`),
        );
        assert.match(error.message, new RegExp(`${path}:4: give either userId or account, not both`));
        assert.match(
          error.message,
          new RegExp(`${path}:6: expected a mapping with userId or account; received "just-a-string"`),
        );
        return true;
      },
    );
  });

  it("rejects a file that is not YAML, with the line of the error", () => {
    const path = peopleFile("people.yaml", `people:\n  - userId: ${ALICE}\n  - userId: [unclosed\n`);
    assert.throws(() => readPeopleFile(path), new RegExp(`not valid YAML or JSON:\\n  ${path}:\\d+: `));
  });

  it("prints a YAML syntax error whole, with the file, the line, the offending text and a caret", () => {
    const path = peopleFile("people.yaml", `people:\n  - userId: ${ALICE}\n  - account: user07: Grace\n`);
    assert.throws(
      () => readPeopleFile(path),
      (error: Error) => {
        assert.equal(
          error.message,
          `The people file ${path} is not valid YAML or JSON:\n` +
            `  ${path}:3: Nested mappings are not allowed in compact mappings (column 14)\n` +
            `        - account: user07: Grace\n` +
            `                   ^`,
        );
        return true;
      },
    );
  });

  it("shows a tab used as indentation", () => {
    const path = peopleFile("people.yaml", `people:\n\t- userId: ${ALICE}\n`);
    assert.throws(
      () => readPeopleFile(path),
      new RegExp(`${path}:2: Tabs are not allowed as indentation \\(column 1\\)\n +→- userId: ${ALICE}`),
    );
  });

  it("names a file inside the working directory by its relative path", () => {
    const path = join(process.cwd(), `people-${process.pid}.test.yaml`);
    writeFileSync(path, `- userId: ${ALICE}\n- account: "a b"\n`);
    try {
      assert.throws(
        () => readPeopleFile(path),
        new RegExp(
          `The people file people-${process.pid}\\.test\\.yaml has 1 problem:\n  people-${process.pid}\\.test\\.yaml:2: `,
        ),
      );
    } finally {
      rmSync(path);
    }
  });

  it("rejects a file whose top level is neither a list nor has `people`", () => {
    const path = peopleFile("people.yaml", `leavers:\n  - userId: ${ALICE}\n`);
    assert.throws(() => readPeopleFile(path), /expected a list of people, or a mapping with a "people" list/);
  });

  it("rejects a duplicate key inside an entry", () => {
    const path = peopleFile("people.yaml", `- userId: ${ALICE}\n  userId: ${BOB}\n`);
    assert.throws(() => readPeopleFile(path), /not valid YAML or JSON:\n.*:2: Map keys must be unique/);
  });

  it("names a missing file", () => {
    assert.throws(
      () => readPeopleFile("/nonexistent/people.yaml"),
      /Cannot read the people file \/nonexistent\/people.yaml/,
    );
  });

  it("validates an inline list with indexes", () => {
    assert.throws(
      () => validatePeople([{ userId: ALICE }, { account: "a b" }]),
      /people\[1\]: account "a b" contains " "/,
    );
  });

  it("keys an account with its parent so two RAM users of different accounts differ", () => {
    assert.notEqual(
      personKey({ account: "alice", parentAccountName: "corp-a" }),
      personKey({ account: "alice", parentAccountName: "corp-b" }),
    );
  });
});
