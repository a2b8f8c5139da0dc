import assert from "node:assert/strict";
import { formatPlan, formatProperties } from "../../harness/cli-output";

describe("the CLI-like rendering of engine results", () => {
  it("pads keys, opens objects and arrays over indented lines, and shows __provider by size", () => {
    const lines = formatProperties({
      __provider: "exports.handler = 1;",
      userId: "u-1",
      groups: [{ id: "g-1", name: "Finance" }],
      tags: [],
    });

    assert.deepEqual(lines, [
      'userId    : "u-1"',
      "groups    : [",
      "    [0]: {",
      '        id  : "g-1"',
      '        name: "Finance"',
      "    }",
      "]",
      "tags      : []",
      "__provider: (the serialized provider, 20 bytes)",
    ]);
  });

  it("lays a preview out as a table with a tally of the planned operations", () => {
    const text = formatPlan(
      {
        steps: [
          { urn: "urn:a", type: "t:a", name: "alice", op: "create", checkedInputs: { n: 1 }, failures: [] },
          { urn: "urn:b", type: "t:a", name: "bob", op: "same", checkedInputs: {}, failures: [] },
          { urn: "urn:c", type: "t:a", name: "carol", op: "delete", failures: [] },
        ],
      },
      "dev",
    );

    assert.equal(
      text,
      [
        "Previewing update (dev):",
        "     Type  Name   Plan",
        " +   t:a   alice  create",
        "       n: 1",
        "     t:a   bob",
        " -   t:a   carol  delete",
        "",
        "Resources:",
        "    + 1 to create",
        "    - 1 to delete",
        "    1 unchanged",
      ].join("\n"),
    );
  });

  it("puts what the caller chooses under each row instead of the checked inputs", () => {
    const text = formatPlan(
      {
        steps: [
          { urn: "urn:a", type: "t:a", name: "alice", op: "create", checkedInputs: { n: 1 }, failures: [] },
        ],
      },
      "dev",
      (step) => [`${step.name} will leave 2 user groups`],
    );

    assert.match(text, / \+ {3}t:a {3}alice {2}create\n {7}alice will leave 2 user groups\n/);
    assert.doesNotMatch(text, /n: 1/);
  });
});
