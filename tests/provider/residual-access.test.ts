// What WithdrawAllUserGroups leaves in place, in the preview's impact and in the audit record.
import assert from "node:assert/strict";
import {
  ALICE,
  BOB,
  checkAndCreate,
  FINANCE,
  FINANCE_WORKSPACE,
  requestsFor,
  SALES_BI,
  UNKNOWN_USER,
  useEmulatorAndProvider,
} from "../support/configured-provider";

const CAROL = "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03";
const ALICE_LINE =
  "alice still belongs to 2 workspaces: Sales BI (Analyst), Finance (Viewer); alice is an organisation admin; the account stays active";
/** The same access in the record, which is alice's own and as of its checkedAt: no name, no "after this". */
const ALICE_RECORD = "in 2 workspaces; organisation admin; account active";

describe("residual access", () => {
  const t = useEmulatorAndProvider();
  const forbid = (action: string) => t.emulator.setFaults({ rules: [{ fault: "forbidden", action }] });

  describe("in the preview", () => {
    it("says in one line what remains: workspaces with roles, admin flags, an active account", async () => {
      const { inputs } = await t.provider.check!({}, { userId: ALICE });
      assert.equal(inputs.impact.residualAccess.summary, `after this, ${ALICE_LINE}`);
    });

    it("gives the same as structured fields, in Quick BI's terms", async () => {
      const { inputs } = await t.provider.check!({}, { userId: ALICE });
      const { summary: _line, ...fields } = inputs.impact.residualAccess;
      assert.deepEqual(fields, {
        workspaces: [
          { workspaceId: SALES_BI, workspaceName: "Sales BI", roleId: "27", roleName: "Analyst" },
          { workspaceId: FINANCE_WORKSPACE, workspaceName: "Finance", roleId: "30", roleName: "Viewer" },
        ],
        adminUser: true,
        authAdminUser: false,
        roleIdList: [111111111],
        isDeleted: false,
      });
    });

    it("takes the flags from QueryUserInfoByAccount when the person is given by account", async () => {
      const { inputs } = await t.provider.check!({}, { account: "alice" });
      assert.equal(inputs.impact.residualAccess.adminUser, true);
      assert.equal(requestsFor(t.emulator, "QueryUserInfoByUserId").length, 0);
    });

    it("says when nothing but the account remains", async () => {
      const { inputs } = await t.provider.check!({}, { userId: CAROL });
      assert.equal(
        inputs.impact.residualAccess.summary,
        "after this, carol belongs to no workspace; carol holds no organisation admin role; the account stays active",
      );
    });

    it("names an authorisation admin and a deactivated account", async () => {
      t.emulator.updateUser(CAROL, { authAdminUser: true, isDeleted: true });
      const { inputs } = await t.provider.check!({}, { userId: CAROL });
      assert.match(
        inputs.impact.residualAccess.summary,
        /carol is an authorisation admin; the account is deactivated$/,
      );
    });

    it("keeps the impact known when the workspaces cannot be read, and says which read failed", async () => {
      forbid("ListWorkspaceUserRolesByUserId");
      const { inputs, failures } = await t.provider.check!({}, { userId: ALICE });
      assert.deepEqual(failures, []);
      assert.equal(inputs.impact.status, "known");
      assert.equal(inputs.impact.residualAccess.workspaces, undefined);
      assert.match(
        inputs.impact.residualAccess.readErrors[0],
        /^ListWorkspaceUserRolesByUserId: Access\.Forbidden \(RequestId [0-9A-F-]{36}\)$/,
      );
      assert.match(
        inputs.impact.residualAccess.summary,
        /^after this, alice's workspaces are unknown \(ListWorkspaceUserRolesByUserId: Access\.Forbidden .*\); alice is an organisation admin/,
      );
    });
  });

  describe("in the audit record", () => {
    it("records the line after the withdrawal, with the flags check read in the same up", async () => {
      const { outs } = await checkAndCreate(t.provider, { userId: ALICE });
      assert.equal(outs.residualAccess.summary, ALICE_RECORD);
      assert.equal(requestsFor(t.emulator, "QueryUserInfoByUserId").length, 1);
    });

    it("withdraws all the same when the workspaces cannot be read, and the record says so", async () => {
      const checked = await t.provider.check!({}, { userId: ALICE });
      forbid("ListWorkspaceUserRolesByUserId");
      const { outs } = await t.provider.create(checked.inputs);
      assert.equal(outs.outcome, "withdrawn");
      assert.deepEqual(
        t.emulator.state().memberships.filter((m) => m.userId === ALICE),
        [],
      );
      assert.match(outs.residualAccess.readErrors[0], /^ListWorkspaceUserRolesByUserId: Access\.Forbidden/);
      assert.equal(outs.residualAccess.adminUser, true);
    });

    it("reads the flags itself when check could not, still with one read more than the withdrawal", async () => {
      const { outs } = await t.provider.create({
        userId: ALICE,
        impact: { status: "unknown", summary: "x" },
      });
      assert.equal(outs.residualAccess.summary, ALICE_RECORD);
      assert.deepEqual(
        t.emulator.requests().map((r) => r.action),
        [
          "QueryUserInfoByUserId",
          "ListUserGroupsByUserId",
          "WithdrawAllUserGroups",
          "ListUserGroupsByUserId",
          "ListWorkspaceUserRolesByUserId",
        ],
      );
    });

    it("records that nothing remains for a user Quick BI does not know (onMissingUser succeed)", async () => {
      const { outs } = await checkAndCreate(t.provider, { userId: UNKNOWN_USER, onMissingUser: "succeed" });
      assert.equal(
        outs.residualAccess.summary,
        `Quick BI knows no user with userId "${UNKNOWN_USER}": no workspace, role or account remains`,
      );
    });
  });

  describe("on refresh", () => {
    it("keeps it current: a workspace added and an admin role granted since show in the state", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { userId: BOB });
      t.emulator.addWorkspaceMember(BOB, FINANCE_WORKSPACE, 25);
      t.emulator.updateUser(BOB, { adminUser: true });
      const { props } = await t.provider.read!(id, outs);
      assert.equal(props.residualAccess.summary, "in 2 workspaces; organisation admin; account active");
      assert.equal(props.checkedAt, outs.checkedAt, "checkedAt is about the groups, which did not change");
    });

    it("leaves the state as it was when nothing changed", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
      const { props: first } = await t.provider.read!(id, outs);
      const { props: second } = await t.provider.read!(id, first);
      assert.deepEqual(second, first);
    });

    it("says nothing remains once the user is deleted from Quick BI", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
      t.emulator.removeUser(ALICE);
      const { props } = await t.provider.read!(id, outs);
      assert.match(
        props.residualAccess.summary,
        /Quick BI knows no user with userId ".*": no workspace, role or account remains$/,
      );
    });

    it("records a failed read instead of failing the refresh", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
      forbid("QueryUserInfoByUserId");
      const { props } = await t.provider.read!(id, outs);
      assert.match(props.residualAccess.readErrors[0], /^QueryUserInfoByUserId: Access\.Forbidden/);
      assert.equal(props.residualAccess.workspaces.length, 2);
      assert.equal(props.residualAccess.adminUser, undefined);
    });

    it("is kept by the update that withdraws again after drift, which reads nothing more for it", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { userId: ALICE });
      t.emulator.addMembership(ALICE, FINANCE);
      const { props: refreshed } = await t.provider.read!(id, outs);
      t.emulator.clearLog();
      const { outs: updated } = await t.provider.update!(id, refreshed, { userId: ALICE });
      assert.deepEqual(updated!.residualAccess, refreshed.residualAccess);
      assert.deepEqual(
        t.emulator.requests().map((r) => r.action),
        ["ListUserGroupsByUserId", "WithdrawAllUserGroups", "ListUserGroupsByUserId"],
      );
    });
  });
});
