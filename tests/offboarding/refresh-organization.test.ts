// `pulumi refresh` of more people than the provider reads one by one (50), by the real CLI: the rest
// are answered from one read of the organisation, and the drift it finds is recorded and acted on by
// the next `pulumi up` as a per-person read's would be (tests/provider/refresh-snapshot.test.ts runs
// both ways on the same world).
import assert from "node:assert/strict";
import { resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { bulkUserId } from "../../harness/bulk-people";
import { LocalStack, type StateResource } from "../../harness/local-stack";
import { organizationSeed } from "../../harness/organization-seed";
import { countByAction } from "../../harness/quota-use";
import { DEFAULTS } from "../../provider/config/defaults";
import { startCanaryEmulator } from "../support/configured-provider";
import { describeWithPulumiCli } from "../support/pulumi-cli";
import { REVOCATION_TYPE } from "../support/revocation-provider-text";

const REPO = resolve(__dirname, "..", "..");
const PROGRAM = resolve(__dirname, "fixtures", "bulk-offboarding.ts");
const PEOPLE = DEFAULTS.refreshSnapshotAfter + 10;
const SHAPE = { people: PEOPLE, users: PEOPLE + 40, groups: 12, workspaces: 5, maxWorkspaceMembers: 30 };

describeWithPulumiCli(`pulumi refresh of ${PEOPLE} people`, (cli) => {
  let emulator: QuickBIEmulator;
  let stack: LocalStack;
  const seed = organizationSeed(SHAPE);

  before(async function () {
    this.timeout(300_000);
    emulator = await startCanaryEmulator({ seed, randomSeed: 11 });
    stack = await LocalStack.open({
      cli: cli(),
      project: "quickbi-refresh-test",
      projectDir: REPO,
      main: PROGRAM,
      config: {
        "quickbi:endpoint": emulator.url,
        "alicloud:accessKey": emulator.accessKeyId,
        "alicloud:secretKey": { secret: emulator.accessKeySecret },
        "quickbi:maxRemovalsPerUpdate": String(PEOPLE),
        "quickbi:qps": "1000",
        people: String(PEOPLE),
      },
    });
    await stack.stack.up();
  });
  after(async () => {
    await stack?.close();
    await emulator?.stop();
  });

  const revocationOf = (resources: StateResource[], p: number) =>
    resources.find((r) => r.outputs?.userId === bulkUserId(p))!.outputs as Record<string, any>;

  it("reads the organisation once after the first 50, and records what administrators changed since", async function () {
    this.timeout(300_000);
    // The engine reads in parallel, in no fixed order: whichever way each of these is read, their
    // changes must be found.
    const [back, reinvited, promoted, deleted] = [PEOPLE - 1, PEOPLE - 2, PEOPLE - 3, PEOPLE - 4];
    emulator.addMembership(bulkUserId(back), seed.groups[5]!.usergroupId);
    emulator.addWorkspaceMember(bulkUserId(reinvited), seed.workspaces![4]!.workspaceId, 25);
    emulator.updateUser(bulkUserId(promoted), { adminUser: true });
    emulator.removeUser(bulkUserId(deleted));
    emulator.clearLog();

    await stack.stack.refresh();

    const calls = countByAction(emulator.requests());
    assert.equal(calls.QueryUserList, 1, JSON.stringify(calls));
    // 50 people one by one, then the one deleted since (not in the user list, unless among the 50) on
    // their own, nobody else.
    const oneByOne = calls.ListUserGroupsByUserId ?? 0;
    assert.ok(
      oneByOne === DEFAULTS.refreshSnapshotAfter || oneByOne === DEFAULTS.refreshSnapshotAfter + 1,
      JSON.stringify(calls),
    );
    const resources = await stack.resources(REVOCATION_TYPE);
    assert.deepEqual(
      revocationOf(resources, back).currentGroups.map((g: { id: string }) => g.id),
      [seed.groups[5]!.usergroupId],
    );
    assert.ok(
      revocationOf(resources, reinvited).residualAccess.workspaces.some(
        (w: { workspaceId: string; roleId: string }) =>
          w.workspaceId === seed.workspaces![4]!.workspaceId && w.roleId === "25",
      ),
    );
    assert.equal(revocationOf(resources, promoted).residualAccess.adminUser, true);
    assert.match(revocationOf(resources, deleted).residualAccess.summary, /knows no user/);
    for (const p of [0, PEOPLE - 5]) assert.deepEqual(revocationOf(resources, p).currentGroups, []);
  });

  it("withdraws again, at the next up, the one person the refresh found back in a group", async function () {
    this.timeout(300_000);
    emulator.clearLog();
    await stack.stack.up();
    const withdrawals = emulator.requests().filter((r) => r.action === "WithdrawAllUserGroups");
    assert.deepEqual(
      withdrawals.map((r) => r.params.UserId),
      [bulkUserId(PEOPLE - 1)],
    );
  });
});
