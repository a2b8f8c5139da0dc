import assert from "node:assert/strict";
import type OpenApi from "@alicloud/openapi-client";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor } from "./helpers/client";
import { ALICE, BOB, CAROL, COMPANY, FINANCE, SALES, SALES_EAST, UNKNOWN_USER } from "./helpers/fixtures";

interface GroupRow {
  UsergroupId: string;
  UsergroupName: string;
  IdentifiedPath: string;
  [field: string]: unknown;
}

interface MemberRow {
  Id: string;
  Name: string;
  IsUserGroup: boolean;
  [field: string]: unknown;
}

describe("emulator operations", () => {
  let emulator: QuickBIEmulator;
  let client: OpenApi;
  beforeEach(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator);
  });
  afterEach(async () => emulator.stop());

  const groupIdsOf = (userId: string) =>
    emulator
      .state()
      .memberships.filter((m) => m.userId === userId)
      .map((m) => m.usergroupId)
      .sort();

  describe("WithdrawAllUserGroups", () => {
    it("answers Success and Result true", async () => {
      // when
      const body = await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.deepEqual(Object.keys(body).sort(), ["RequestId", "Result", "Success"]);
      assert.equal(body.Success, true);
      assert.equal(body.Result, true);
    });

    it("removes every membership of the user and no one else's", async () => {
      // when
      await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.deepEqual(groupIdsOf(ALICE), []);
      assert.deepEqual(groupIdsOf(BOB), [SALES_EAST]);
    });

    it("is visible to a later ListUserGroupsByUserId", async () => {
      // given
      await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // when
      const body = await call(client, "ListUserGroupsByUserId", { UserId: ALICE });
      // then
      assert.deepEqual(body.Result, []);
    });

    it("answers Result true for a user in no group (assumed; the service's answer is undocumented)", async () => {
      // given
      await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // when
      const body = await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.equal(body.Result, true);
    });

    it("answers 400 User.Not.In.Organization for an unknown UserId", async () => {
      // when
      const error = await callFailing(client, "WithdrawAllUserGroups", { UserId: UNKNOWN_USER });
      // then
      assert.equal(error.code, "User.Not.In.Organization");
      assert.equal(error.statusCode, 400);
    });

    it("answers 400 Invalid.Parameter when UserId is missing", async () => {
      // when
      const error = await callFailing(client, "WithdrawAllUserGroups", {});
      // then
      assert.equal(error.code, "Invalid.Parameter");
      assert.match(error.message, /UserId is mandatory/);
    });
  });

  describe("ListUserGroupsByUserId", () => {
    it("lists the user's groups with every documented field", async () => {
      // when
      const body = await call<GroupRow[]>(client, "ListUserGroupsByUserId", { UserId: ALICE });
      // then
      const finance = body.Result.find((g) => g.UsergroupId === FINANCE);
      assert.deepEqual(finance, {
        UsergroupId: FINANCE,
        UsergroupName: "Finance",
        UsergroupDesc: "",
        ParentUsergroupId: COMPANY,
        IdentifiedPath: `${COMPANY}/${FINANCE}`,
        CreateTime: "2021-03-15 17:13:55",
        CreateUser: "emulator",
        ModifiedTime: "2021-03-15 17:13:55",
        ModifyUser: "emulator",
      });
      assert.equal(body.Result.length, 2);
    });

    it("gives a nested group's IdentifiedPath as its ancestors' ids from the top, joined by /", async () => {
      // when
      const body = await call<GroupRow[]>(client, "ListUserGroupsByUserId", { UserId: BOB });
      // then
      assert.equal(body.Result[0]?.IdentifiedPath, `${COMPANY}/${SALES}/${SALES_EAST}`);
    });
  });

  describe("QueryUserInfoByUserId", () => {
    it("answers the user's profile with every documented field", async () => {
      // when
      const body = await call(client, "QueryUserInfoByUserId", { UserId: ALICE });
      // then
      assert.deepEqual(body.Result, {
        AccountId: "1234567890123401",
        AccountName: "alice",
        AdminUser: true,
        AuthAdminUser: false,
        CopilotModules: [],
        Email: "alice@example.com",
        IsDeleted: false,
        NickName: "Alice Wang",
        Phone: "",
        RoleIdList: [111111111],
        UserId: ALICE,
        UserType: 1,
      });
    });

    it("answers User.Not.In.Organization for an unknown UserId", async () => {
      // when
      const error = await callFailing(client, "QueryUserInfoByUserId", { UserId: UNKNOWN_USER });
      // then
      assert.equal(error.code, "User.Not.In.Organization");
    });
  });

  describe("QueryUserInfoByAccount", () => {
    it("finds a user by account name", async () => {
      // when
      const body = await call<{ UserId: string }>(client, "QueryUserInfoByAccount", { Account: "bob" });
      // then
      assert.equal(body.Result.UserId, BOB);
    });

    it("finds a user by Alibaba Cloud account id", async () => {
      // when
      const body = await call<{ UserId: string }>(client, "QueryUserInfoByAccount", {
        Account: "1234567890123403",
      });
      // then
      assert.equal(body.Result.UserId, CAROL);
    });

    it("finds a RAM user by the part before @ and ParentAccountName", async () => {
      // given
      emulator.addUser({
        userId: "ram-user-1",
        accountId: "99",
        accountName: "dora@corp.onaliyun.com",
        nickName: "Dora",
        userType: 2,
      });
      // when
      const body = await call<{ UserId: string }>(client, "QueryUserInfoByAccount", {
        Account: "dora",
        ParentAccountName: "corp",
      });
      // then
      assert.equal(body.Result.UserId, "ram-user-1");
    });

    it("answers User.Not.In.Organization for an unknown account", async () => {
      // when
      const error = await callFailing(client, "QueryUserInfoByAccount", { Account: "mallory" });
      // then
      assert.equal(error.code, "User.Not.In.Organization");
    });
  });

  describe("CheckOrganizationMember", () => {
    it("answers true for a member", async () => {
      assert.equal((await call(client, "CheckOrganizationMember", { UserId: ALICE })).Result, true);
    });

    it("answers false, not an error, for an unknown UserId", async () => {
      assert.equal((await call(client, "CheckOrganizationMember", { UserId: UNKNOWN_USER })).Result, false);
    });
  });

  describe("AddUserGroupMembers", () => {
    it("adds the user to each comma-separated group", async () => {
      // when
      const body = await call(client, "AddUserGroupMembers", {
        UserId: BOB,
        UserGroupIds: `${FINANCE},${COMPANY}`,
      });
      // then
      assert.equal(body.Result, true);
      assert.deepEqual(groupIdsOf(BOB), [COMPANY, FINANCE, SALES_EAST].sort());
    });

    it("answers Invalid.Parameter for an unknown group and changes nothing", async () => {
      // when
      const error = await callFailing(client, "AddUserGroupMembers", {
        UserId: BOB,
        UserGroupIds: `${FINANCE},nope`,
      });
      // then
      assert.equal(error.code, "Invalid.Parameter");
      assert.deepEqual(groupIdsOf(BOB), [SALES_EAST]);
    });
  });

  describe("DeleteUserGroupMembers", () => {
    it("removes the user from the listed groups only", async () => {
      // when
      const body = await call(client, "DeleteUserGroupMembers", { UserId: ALICE, UserGroupIds: SALES });
      // then
      assert.equal(body.Result, true);
      assert.deepEqual(groupIdsOf(ALICE), [FINANCE]);
    });
  });

  describe("QueryUserGroupMember", () => {
    it("lists sub-groups and member users with the documented fields", async () => {
      // when
      const body = await call<MemberRow[]>(client, "QueryUserGroupMember", { UserGroupId: SALES });
      // then
      assert.deepEqual(body.Result, [
        {
          Id: SALES_EAST,
          Name: "Sales East",
          IsUserGroup: true,
          ParentUserGroupId: SALES,
          ParentUserGroupName: "Sales",
        },
        {
          Id: ALICE,
          Name: "Alice Wang",
          UserId: ALICE,
          NickName: "Alice Wang",
          IsUserGroup: false,
          ParentUserGroupId: SALES,
          ParentUserGroupName: "Sales",
        },
      ]);
    });

    it("filters by Keyword in the name, ignoring case", async () => {
      // when
      const body = await call<MemberRow[]>(client, "QueryUserGroupMember", {
        UserGroupId: SALES,
        Keyword: "alice",
      });
      // then
      assert.deepEqual(
        body.Result.map((m) => m.Id),
        [ALICE],
      );
    });

    it("answers Invalid.Parameter for an unknown group", async () => {
      // when
      const error = await callFailing(client, "QueryUserGroupMember", { UserGroupId: "nope" });
      // then
      assert.equal(error.code, "Invalid.Parameter");
    });
  });

  describe("out-of-band changes", () => {
    it("shows a membership added with addMembership (drift) to the next ListUserGroupsByUserId", async () => {
      // given
      await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // when
      emulator.addMembership(ALICE, SALES_EAST);
      // then
      const body = await call<GroupRow[]>(client, "ListUserGroupsByUserId", { UserId: ALICE });
      assert.deepEqual(
        body.Result.map((g) => g.UsergroupId),
        [SALES_EAST],
      );
    });

    it("makes a user removed with removeUser unknown to the API", async () => {
      // given
      emulator.removeUser(ALICE);
      // when
      const error = await callFailing(client, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.equal(error.code, "User.Not.In.Organization");
    });

    it("refuses addMembership for a group that does not exist", () => {
      assert.throws(() => emulator.addMembership(ALICE, "nope"), /addMembership: no group nope/);
    });

    it("returns a state copy that the caller cannot use to change the emulator", () => {
      // given
      const copy = emulator.state();
      // when
      copy.memberships.length = 0;
      // then
      assert.equal(emulator.state().memberships.length, 4);
    });
  });
});
