// What WithdrawAllUserGroups leaves in place, as the emulator models it: direct workspace membership
// with its role, and the organisation flags of QueryUserInfoByUserId.
import assert from "node:assert/strict";
import type OpenApi from "@alicloud/openapi-client";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor } from "./helpers/client";
import { ADMIN, ALICE, BOB, CAROL, UNKNOWN_USER } from "./helpers/fixtures";

const SALES_BI = "9337d121-a78f-4c1b-a8bc-f81de1170001";
const FINANCE_WS = "9337d121-a78f-4c1b-a8bc-f81de1170002";
const MARKETING_WS = "9337d121-a78f-4c1b-a8bc-f81de1170003";

interface WorkspaceRow {
  WorkspaceId: string;
  WorkspaceName: string;
  RoleModel: { RoleId: string; RoleCode: string; RoleName: string };
}

describe("emulator workspaces and user flags", () => {
  let emulator: QuickBIEmulator;
  let client: OpenApi;
  beforeEach(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator);
  });
  afterEach(async () => emulator.stop());

  const workspacesOf = async (userId: string) =>
    (await call<WorkspaceRow[]>(client, "ListWorkspaceUserRolesByUserId", { UserId: userId })).Result;
  const userInfo = async (userId: string) =>
    (await call<Record<string, unknown>>(client, "QueryUserInfoByUserId", { UserId: userId })).Result;

  describe("ListWorkspaceUserRolesByUserId", () => {
    it("lists the user's workspaces with the documented fields, RoleId as a string", async () => {
      // when
      const rows = await workspacesOf(ALICE);
      // then
      assert.deepEqual(rows, [
        {
          WorkspaceId: SALES_BI,
          WorkspaceName: "Sales BI",
          RoleModel: { RoleId: "27", RoleCode: "analyst", RoleName: "Analyst" },
        },
        {
          WorkspaceId: FINANCE_WS,
          WorkspaceName: "Finance",
          RoleModel: { RoleId: "30", RoleCode: "viewer", RoleName: "Viewer" },
        },
      ]);
    });

    it("answers an empty list for a user in no workspace", async () => {
      assert.deepEqual(await workspacesOf(CAROL), []);
    });

    it("answers User.Not.In.Organization for an unknown UserId", async () => {
      const error = await callFailing(client, "ListWorkspaceUserRolesByUserId", { UserId: UNKNOWN_USER });
      assert.equal(error.code, "User.Not.In.Organization");
    });

    it("is not changed by WithdrawAllUserGroups", async () => {
      // when
      await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.equal((await workspacesOf(ALICE)).length, 2);
      assert.equal((await userInfo(ALICE)).AdminUser, true);
    });
  });

  describe("AddUserToWorkspace and DeleteUserFromWorkspace", () => {
    it("adds a member with a preset role, then removes them", async () => {
      // when
      await call(client, "AddUserToWorkspace", { UserId: CAROL, WorkspaceId: MARKETING_WS, RoleId: "26" });
      // then
      assert.deepEqual(
        (await workspacesOf(CAROL)).map((w) => [w.WorkspaceName, w.RoleModel.RoleName]),
        [["Marketing", "Developer"]],
      );
      // when
      await call(client, "DeleteUserFromWorkspace", { UserId: CAROL, WorkspaceId: MARKETING_WS });
      // then
      assert.deepEqual(await workspacesOf(CAROL), []);
    });

    it("refuses to remove the workspace's owner with CanNot.Remove.WorkspaceOwner, and keeps them", async () => {
      // when
      const error = await callFailing(client, "DeleteUserFromWorkspace", {
        UserId: ADMIN,
        WorkspaceId: MARKETING_WS,
      });
      // then
      assert.equal(error.code, "CanNot.Remove.WorkspaceOwner");
      assert.equal(error.statusCode, 400);
      assert.deepEqual(
        (await workspacesOf(ADMIN)).map((w) => w.WorkspaceId),
        [MARKETING_WS],
      );
    });

    it("answers success but keeps the member under the keepMembership fault", async () => {
      // given
      emulator.setFaults({ rules: [{ fault: "keepMembership", action: "DeleteUserFromWorkspace" }] });
      // when
      const answer = await call(client, "DeleteUserFromWorkspace", { UserId: ALICE, WorkspaceId: SALES_BI });
      // then
      assert.equal(answer.Result, true);
      assert.equal((await workspacesOf(ALICE)).length, 2);
    });

    it("refuses an existing member with User.AlreadyIn.Workspace, as the API page documents, and keeps the role", async () => {
      const refused = await callFailing(client, "AddUserToWorkspace", {
        UserId: BOB,
        WorkspaceId: SALES_BI,
        RoleId: "25",
      });
      assert.equal(refused.code, "User.AlreadyIn.Workspace");
      assert.notEqual((await workspacesOf(BOB))[0]!.RoleModel.RoleId, "25");
    });

    it("answers Workspace.Not.Exist for an unknown workspace or a role that is not preset, and changes nothing", async () => {
      const unknownWorkspace = await callFailing(client, "AddUserToWorkspace", {
        UserId: CAROL,
        WorkspaceId: "nope",
        RoleId: "30",
      });
      const unknownRole = await callFailing(client, "AddUserToWorkspace", {
        UserId: CAROL,
        WorkspaceId: SALES_BI,
        RoleId: "99",
      });
      assert.equal(unknownWorkspace.code, "Workspace.Not.Exist");
      assert.match(unknownRole.message, /RoleId must be a preset workspace role/);
      assert.deepEqual(await workspacesOf(CAROL), []);
    });
  });

  describe("UpdateUser and QueryUserInfoByUserId's flags", () => {
    it("derives RoleIdList from the admin flags, and the common user role when neither is set", async () => {
      assert.deepEqual((await userInfo(ALICE)).RoleIdList, [111111111]);
      assert.deepEqual((await userInfo(CAROL)).RoleIdList, [111111113]);
    });

    it("sets AuthAdminUser and IsDeleted", async () => {
      // when
      await call(client, "UpdateUser", { UserId: CAROL, AuthAdminUser: "true", IsDeleted: "true" });
      // then
      const info = await userInfo(CAROL);
      assert.equal(info.AuthAdminUser, true);
      assert.equal(info.IsDeleted, true);
      assert.deepEqual(info.RoleIdList, [111111112]);
    });

    it("lets RoleIds win over AdminUser", async () => {
      await call(client, "UpdateUser", { UserId: ALICE, AdminUser: "true", RoleIds: "111111113" });
      assert.equal((await userInfo(ALICE)).AdminUser, false);
    });

    it("answers success but changes nothing under the keepMembership fault", async () => {
      // given
      emulator.setFaults({ rules: [{ fault: "keepMembership", action: "UpdateUser" }] });
      // when
      const answer = await call(client, "UpdateUser", {
        UserId: ALICE,
        RoleIds: "111111113",
        IsDeleted: "true",
      });
      // then
      assert.equal(answer.Result, true);
      const info = await userInfo(ALICE);
      assert.deepEqual([info.RoleIdList, info.IsDeleted], [[111111111], false]);
    });

    it("answers Invalid.Parameter for a flag that is not true or false", async () => {
      const error = await callFailing(client, "UpdateUser", { UserId: ALICE, IsDeleted: "maybe" });
      assert.equal(error.code, "Invalid.Parameter");
      assert.match(error.message, /IsDeleted must be true or false/);
    });
  });

  describe("QueryOrganizationWorkspaceList", () => {
    interface WorkspacePage {
      Data: { WorkspaceId: string; WorkspaceName: string; Owner: string; OwnerAccountName: string }[];
      PageNum: number;
      PageSize: number;
      TotalNum: number;
      TotalPages: number;
    }
    const page = async (params: Record<string, string> = {}) =>
      (await call<WorkspacePage>(client, "QueryOrganizationWorkspaceList", params)).Result;

    it("lists the workspaces with their owner, 10 to a page by default", async () => {
      // when
      const result = await page();
      // then
      assert.deepEqual(
        result.Data.map((w) => [w.WorkspaceName, w.Owner, w.OwnerAccountName]),
        [
          ["Sales BI", "", ""],
          ["Finance", "", ""],
          ["Marketing", ADMIN, "admin"],
        ],
      );
      assert.deepEqual([result.PageNum, result.PageSize, result.TotalNum, result.TotalPages], [1, 10, 3, 1]);
    });

    it("pages with PageNum and PageSize", async () => {
      const second = await page({ PageNum: "2", PageSize: "2" });
      assert.deepEqual(
        second.Data.map((w) => w.WorkspaceName),
        ["Marketing"],
      );
      assert.equal(second.TotalPages, 2);
    });

    it("answers Invalid.Parameter for a PageSize above 1000", async () => {
      const error = await callFailing(client, "QueryOrganizationWorkspaceList", { PageSize: "1001" });
      assert.equal(error.code, "Invalid.Parameter");
      assert.match(error.message, /PageSize must be an integer from 1 to 1000/);
    });
  });

  describe("out-of-band changes", () => {
    it("shows addWorkspaceMember and updateUser to the next reads", async () => {
      // when
      emulator.addWorkspaceMember(CAROL, FINANCE_WS, 27);
      emulator.updateUser(CAROL, { adminUser: true });
      // then
      assert.deepEqual(
        (await workspacesOf(CAROL)).map((w) => w.WorkspaceId),
        [FINANCE_WS],
      );
      assert.equal((await userInfo(CAROL)).AdminUser, true);
    });

    it("drops a removed user's workspace memberships with them", () => {
      emulator.removeUser(ALICE);
      assert.equal(emulator.state().workspaceMembers.filter((m) => m.userId === ALICE).length, 0);
    });

    it("applies a fault rule to ListWorkspaceUserRolesByUserId alone", async () => {
      // given
      emulator.setFaults({ rules: [{ fault: "forbidden", action: "ListWorkspaceUserRolesByUserId" }] });
      // when
      const error = await callFailing(client, "ListWorkspaceUserRolesByUserId", { UserId: ALICE });
      // then
      assert.equal(error.code, "Access.Forbidden");
      assert.equal((await userInfo(ALICE)).UserId, ALICE);
    });
  });
});
