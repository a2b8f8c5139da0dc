import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type QuickBIEmulator, type Seed } from "../../emulator";

const TINY_SEED: Seed = {
  users: [{ userId: "u1", accountId: "1001", accountName: "uma", nickName: "Uma", userType: 2 }],
  groups: [
    { usergroupId: "g1", usergroupName: "Top", parentUsergroupId: "-1" },
    { usergroupId: "g2", usergroupName: "Child", parentUsergroupId: "g1" },
  ],
  memberships: [{ userId: "u1", usergroupId: "g2" }],
  workspaces: [],
  workspaceMembers: [],
};

const TINY_SEED_YAML = `
users:
  - { userId: u1, accountId: 1001, accountName: uma, nickName: Uma, userType: 2 }
groups:
  - { usergroupId: g1, usergroupName: Top }
  - { usergroupId: g2, usergroupName: Child, parentUsergroupId: g1 }
memberships:
  - { userId: u1, usergroupId: g2 }
`;

function writeTemp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "quickbi-seed-")), name);
  writeFileSync(file, text);
  return file;
}

describe("emulator seeds", () => {
  let emulator: QuickBIEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it("loads a seed object", async () => {
    // when
    emulator = await startEmulator({ seed: TINY_SEED });
    // then
    assert.deepEqual(emulator.state(), TINY_SEED);
  });

  it("loads a JSON seed file", async () => {
    // given
    const file = writeTemp("seed.json", JSON.stringify(TINY_SEED));
    // when
    emulator = await startEmulator({ seed: file });
    // then
    assert.deepEqual(emulator.state(), TINY_SEED);
  });

  it("loads a YAML seed file, reading a numeric accountId as text and a missing parent as top-level", async () => {
    // given
    const file = writeTemp("seed.yaml", TINY_SEED_YAML);
    // when
    emulator = await startEmulator({ seed: file });
    // then
    assert.deepEqual(emulator.state(), TINY_SEED);
  });

  it("uses the offboard-one example's seed when none is given", async () => {
    // given
    const example = await startEmulator({ seed: "examples/offboard-one/seed.yaml" });
    const exampleState = example.state();
    await example.stop();
    // when
    emulator = await startEmulator();
    // then
    assert.deepEqual(emulator.state(), exampleState);
  });

  it("loads the gitops example's 30 users", async () => {
    // when
    emulator = await startEmulator({ seed: "examples/gitops/seed.yaml" });
    // then
    assert.equal(emulator.state().users.length, 30);
  });

  it("rejects a membership of an unknown group, naming the file and the entry", async () => {
    // given
    const file = writeTemp(
      "bad.json",
      JSON.stringify({ ...TINY_SEED, memberships: [{ userId: "u1", usergroupId: "gX" }] }),
    );
    // then
    await assert.rejects(startEmulator({ seed: file }), /bad\.json: memberships\[0\] names unknown group gX/);
  });

  it("rejects a user type outside 1, 2, 3", async () => {
    // given
    const seed = { ...TINY_SEED, users: [{ ...TINY_SEED.users[0]!, userType: 4 as 1 }] };
    // then
    await assert.rejects(
      startEmulator({ seed }),
      /users\[0\]\.userType must be 1 \(developer\), 2 \(viewer\) or 3 \(analyst\)/,
    );
  });

  it("rejects a group tree with a cycle", async () => {
    // given
    const seed: Seed = {
      users: [],
      groups: [
        { usergroupId: "a", usergroupName: "A", parentUsergroupId: "b" },
        { usergroupId: "b", usergroupName: "B", parentUsergroupId: "a" },
      ],
      memberships: [],
    };
    // then
    await assert.rejects(startEmulator({ seed }), /is its own ancestor/);
  });

  it("loads workspaces and members, reading a role id given as digits", async () => {
    // given
    const file = writeTemp(
      "seed.yaml",
      `${TINY_SEED_YAML}workspaces:\n  - { workspaceId: w1, workspaceName: Sales BI }\n` +
        `workspaceMembers:\n  - { userId: u1, workspaceId: w1, roleId: "27" }\n`,
    );
    // when
    emulator = await startEmulator({ seed: file });
    // then
    assert.deepEqual(emulator.state().workspaces, [{ workspaceId: "w1", workspaceName: "Sales BI" }]);
    assert.deepEqual(emulator.state().workspaceMembers, [{ userId: "u1", workspaceId: "w1", roleId: 27 }]);
  });

  it("rejects a workspace role that is not a preset one, listing the allowed ids", async () => {
    // given
    const seed: Seed = {
      ...TINY_SEED,
      workspaces: [{ workspaceId: "w1", workspaceName: "W" }],
      workspaceMembers: [{ userId: "u1", workspaceId: "w1", roleId: 99 as 25 }],
    };
    // then
    await assert.rejects(
      startEmulator({ seed }),
      /workspaceMembers\[0\]\.roleId must be a preset workspace role, one of 25 \(admin\), 26 \(developer\), 27 \(analyst\), 30 \(viewer\); got number 99/,
    );
  });

  it("rejects a workspace member of an unknown workspace, and a second role in the same workspace", async () => {
    const base = { ...TINY_SEED, workspaces: [{ workspaceId: "w1", workspaceName: "W" }] };
    await assert.rejects(
      startEmulator({
        seed: { ...base, workspaceMembers: [{ userId: "u1", workspaceId: "wX", roleId: 30 }] },
      }),
      /seed: workspaceMembers\[0\] names unknown workspace wX/,
    );
    await assert.rejects(
      startEmulator({
        seed: {
          ...base,
          workspaceMembers: [
            { userId: "u1", workspaceId: "w1", roleId: 30 },
            { userId: "u1", workspaceId: "w1", roleId: 25 },
          ],
        },
      }),
      /workspaceMembers\[1\]: user u1 is already a member of w1/,
    );
  });

  it("rejects a workspace owner who is not a seeded user", async () => {
    const seed = { ...TINY_SEED, workspaces: [{ workspaceId: "w1", workspaceName: "W", owner: "uX" }] };
    await assert.rejects(startEmulator({ seed }), /seed: workspaces\[0\]\.owner names unknown user uX/);
  });

  it("rejects a user flag that is not a boolean", async () => {
    const seed = {
      ...TINY_SEED,
      users: [{ ...TINY_SEED.users[0]!, isDeleted: "yes" as unknown as boolean }],
    };
    await assert.rejects(startEmulator({ seed }), /users\[0\]\.isDeleted must be true or false, got "yes"/);
  });

  it("rejects a file that is neither JSON nor YAML", async () => {
    await assert.rejects(
      startEmulator({ seed: writeTemp("seed.txt", "") }),
      /expected a \.json, \.yaml or \.yml file/,
    );
  });
});
