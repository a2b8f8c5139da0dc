// A refresh of many people reads the organisation once (provider/refresh/) instead of three reads per
// person, and must find exactly what the person-by-person reads find: the same groups back, the same
// residual access (workspaces and roles, organisation roles, the account's status), the same nothing
// for a person deleted since. Both ways run here on the same emulated world.
import assert from "node:assert/strict";
import { startCanaryEmulator, configuredProvider, emulatorStackConfig } from "../support/configured-provider";
import { organizationSeed } from "../../harness/organization-seed";
import { bulkUserId } from "../../harness/bulk-people";
import type { QuickBIEmulator } from "../../emulator";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import { sameIgnoringOrder, sameItems, sameResidualAccess } from "../../provider/refresh/unordered";

const SHAPE = { people: 24, users: 60, groups: 20, workspaces: 6, maxWorkspaceMembers: 30 };
/** People from this index on are offboarded with the widest scope. */
const SCOPED_FROM = 16;
const ORGANIZATION_READS = [
  "QueryUserList",
  "QueryUserGroupListByParentId",
  "QueryUserGroupMember",
  "QueryOrganizationWorkspaceList",
  "QueryWorkspaceUserList",
];

/** The emulator's stack config, without the default 10 calls a second: what is counted here is calls. */
const fast = (emulator: QuickBIEmulator) => ({ ...emulatorStackConfig(emulator), "quickbi:qps": "1000" });

type Recorded = { id: string; outs: RevocationOutputs };

/** Offboards the first SHAPE.people users, then changes the world the way administrators do. */
async function offboardAndDrift(emulator: QuickBIEmulator): Promise<Recorded[]> {
  const provider = await configuredProvider(fast(emulator));
  const recorded: Recorded[] = [];
  for (let p = 0; p < SHAPE.people; p++) {
    // The second half with every step of the scope, whose drift a refresh reads too.
    const scope = p >= SCOPED_FROM ? { scope: ["groups", "workspaces", "organizationRoles", "account"] } : {};
    const checked = await provider.check!({}, { userId: bulkUserId(p), ...scope });
    recorded.push((await provider.create(checked.inputs)) as Recorded);
  }
  const seed = organizationSeed(SHAPE);
  const nested = seed.groups.find((g) => g.parentUsergroupId !== "-1")!;
  emulator.addMembership(bulkUserId(0), seed.groups[0]!.usergroupId); // back in a top-level group
  emulator.addMembership(bulkUserId(1), nested.usergroupId); // back in a nested group
  emulator.addMembership(bulkUserId(1), seed.groups[3]!.usergroupId); // and another
  emulator.addWorkspaceMember(bulkUserId(2), seed.workspaces![5]!.workspaceId, 25); // a new workspace
  const held = seed.workspaceMembers!.find((m) => m.userId === bulkUserId(3))!;
  emulator.removeWorkspaceMember(bulkUserId(3), held.workspaceId); // one workspace fewer
  emulator.updateUser(bulkUserId(4), { adminUser: true }); // an organisation role again
  emulator.updateUser(bulkUserId(5), { isDeleted: true }); // the account deactivated
  emulator.removeUser(bulkUserId(6)); // deleted from Quick BI since
  // The widest scope's steps undone by an administrator: back in a workspace, an admin again, reactivated.
  emulator.addWorkspaceMember(bulkUserId(SCOPED_FROM), seed.workspaces![1]!.workspaceId, 26);
  emulator.addWorkspaceMember(bulkUserId(SCOPED_FROM), seed.workspaces![2]!.workspaceId, 30);
  emulator.updateUser(bulkUserId(SCOPED_FROM + 1), { adminUser: true });
  emulator.updateUser(bulkUserId(SCOPED_FROM + 2), { isDeleted: false });
  return recorded;
}

/** Every person's refresh read by a fresh provider process that reads the organisation after `after` reads. */
async function refreshAll(emulator: QuickBIEmulator, recorded: Recorded[], after: number) {
  const provider = await configuredProvider(fast(emulator), { refreshSnapshotAfter: after });
  emulator.clearLog();
  // As the engine does: many reads in flight at once.
  const read = await Promise.all(recorded.map(({ id, outs }) => provider.read!(id, outs)));
  return { props: read.map((r) => r.props as RevocationOutputs), calls: emulator.requests() };
}

describe("refresh by the organisation read once", () => {
  let emulator: QuickBIEmulator;
  let recorded: Recorded[];
  before(async () => {
    emulator = await startCanaryEmulator({ seed: organizationSeed(SHAPE), randomSeed: 1 });
    recorded = await offboardAndDrift(emulator);
  });
  after(() => emulator.stop());

  it("finds the same drift and residual access as reading each person, on the same world", async () => {
    const perPerson = await refreshAll(emulator, recorded, Infinity);
    const snapshot = await refreshAll(emulator, recorded, 0);
    assert.equal(perPerson.calls.filter((c) => ORGANIZATION_READS.includes(c.action)).length, 0);
    for (let p = 0; p < SHAPE.people; p++) {
      const a = perPerson.props[p]!;
      const b = snapshot.props[p]!;
      const who = `person ${p}`;
      assert.ok(
        sameItems(a.currentGroups, b.currentGroups),
        `${who}: ${JSON.stringify([a.currentGroups, b.currentGroups])}`,
      );
      assert.ok(
        sameResidualAccess(a.residualAccess, b.residualAccess),
        `${who}: ${JSON.stringify([a.residualAccess, b.residualAccess])}`,
      );
      assert.ok(sameIgnoringOrder(a.steps, b.steps), `${who}: ${JSON.stringify([a.steps, b.steps])}`);
      // Unchanged by one way, unchanged by the other: the same object the engine handed in.
      assert.equal(a === recorded[p]!.outs, b === recorded[p]!.outs, `${who}: changed one way only`);
    }
    // The world's changes are there, found both ways.
    const groupsOf = (p: number) => snapshot.props[p]!.currentGroups.length;
    assert.deepEqual([groupsOf(0), groupsOf(1), groupsOf(7)], [1, 2, 0]);
    assert.equal(snapshot.props[4]!.residualAccess?.adminUser, true);
    assert.equal(snapshot.props[5]!.residualAccess?.isDeleted, true);
    assert.match(snapshot.props[6]!.residualAccess?.summary ?? "", /knows no user/);
    const workspacesOf = (p: number) => snapshot.props[p]!.residualAccess?.workspaces?.length;
    const recordedWorkspaces = (p: number) => recorded[p]!.outs.residualAccess?.workspaces?.length ?? 0;
    assert.equal(workspacesOf(2), recordedWorkspaces(2) + 1);
    assert.equal(workspacesOf(3), recordedWorkspaces(3) - 1);
    // Every step's drift, found from the organisation's listings.
    const steps = (p: number) => snapshot.props[p]!.steps!;
    assert.equal(steps(SCOPED_FROM).workspaces?.current?.length, 2);
    assert.deepEqual(steps(SCOPED_FROM + 1).organizationRoles?.current, [111111111]);
    assert.equal(steps(SCOPED_FROM + 2).account?.current, "active");
    assert.equal(steps(SCOPED_FROM + 3).account?.current, undefined);
  });

  it("reads the organisation with its listings and answers everyone else from them", async () => {
    const snapshot = await refreshAll(emulator, recorded, 0);
    const perPersonReads = snapshot.calls.filter((c) => !ORGANIZATION_READS.includes(c.action));
    // Only the person deleted since is not listed: they are read on their own (three reads).
    assert.deepEqual([...new Set(perPersonReads.map((c) => c.params.UserId))], [bulkUserId(6)]);
    const count = (action: string) => snapshot.calls.filter((c) => c.action === action).length;
    assert.equal(count("QueryUserGroupMember"), SHAPE.groups);
    assert.equal(count("QueryWorkspaceUserList"), SHAPE.workspaces);
    assert.equal(count("QueryUserList"), 1);
  });

  it("reads the first people of the run on their own, then the organisation once", async () => {
    const mixed = await refreshAll(emulator, recorded, 5);
    const perPerson = await refreshAll(emulator, recorded, Infinity);
    assert.equal(mixed.calls.filter((c) => c.action === "QueryUserList").length, 1);
    assert.equal(mixed.calls.filter((c) => c.action === "ListUserGroupsByUserId").length, 5 + 1);
    for (let p = 0; p < SHAPE.people; p++) {
      assert.ok(sameItems(mixed.props[p]!.currentGroups, perPerson.props[p]!.currentGroups));
      assert.ok(sameResidualAccess(mixed.props[p]!.residualAccess, perPerson.props[p]!.residualAccess));
    }
  });

  it("reads everyone on their own when a listing fails", async () => {
    emulator.setFaults({ rules: [{ action: "QueryWorkspaceUserList", fault: "forbidden" }] });
    try {
      const fallback = await refreshAll(emulator, recorded, 0);
      assert.equal(fallback.calls.filter((c) => c.action === "ListUserGroupsByUserId").length, SHAPE.people);
      const perPerson = await refreshAll(emulator, recorded, Infinity);
      for (let p = 0; p < SHAPE.people; p++)
        assert.ok(sameResidualAccess(fallback.props[p]!.residualAccess, perPerson.props[p]!.residualAccess));
    } finally {
      emulator.setFaults({});
    }
  });
});
