// The organisation-wide listings a refresh of many people reads once: QueryUserList and
// QueryWorkspaceUserList page as the official SDK models document (PageNum from 1, PageSize 10 by
// default, at most 1000); QueryUserGroupListByParentId lists one level of sub-groups.
import assert from "node:assert/strict";
import type OpenApi from "@alicloud/openapi-client";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { organizationSeed } from "../../harness/organization-seed";
import { call, callFailing, clientFor } from "./helpers/client";

const SHAPE = { people: 5, users: 25, groups: 12, workspaces: 4, maxWorkspaceMembers: 12 };

interface Page<T> {
  Data: T[];
  PageNum: number;
  PageSize: number;
  TotalNum: number;
  TotalPages: number;
}

describe("emulator organisation listings", () => {
  let emulator: QuickBIEmulator;
  let client: OpenApi;
  const seed = organizationSeed(SHAPE);
  before(async () => {
    emulator = await startEmulator({ seed });
    client = clientFor(emulator);
  });
  after(async () => emulator.stop());

  const users = async (query: Record<string, string>) =>
    (await call<Page<Record<string, unknown>>>(client, "QueryUserList", query)).Result;

  describe("QueryUserList", () => {
    it("answers 10 users a page by default, with the totals", async () => {
      const first = await users({});
      assert.deepEqual(
        { ...first, Data: first.Data.length },
        { Data: 10, PageNum: 1, PageSize: 10, TotalNum: 25, TotalPages: 3 },
      );
    });

    it("walks every user once across the pages, the last one short", async () => {
      const pages = await Promise.all([1, 2, 3].map((n) => users({ PageNum: String(n), PageSize: "10" })));
      assert.deepEqual(
        pages.map((p) => p.Data.length),
        [10, 10, 5],
      );
      assert.deepEqual(
        pages.flatMap((p) => p.Data.map((u) => u.UserId)),
        seed.users.map((u) => u.userId),
      );
      assert.deepEqual((await users({ PageNum: "4", PageSize: "10" })).Data, []);
    });

    it("gives the fields of the list model: the organisation flags, without Email and Phone", async () => {
      const [first] = (await users({ PageSize: "1" })).Data;
      assert.deepEqual(Object.keys(first!).sort(), [
        "AccountId",
        "AccountName",
        "AdminUser",
        "AuthAdminUser",
        "CopilotModules",
        "IsDeleted",
        "NickName",
        "RoleIdList",
        "UserId",
        "UserType",
      ]);
    });

    it("refuses a PageSize above 1000 or a PageNum below 1 with Invalid.Parameter", async () => {
      const queries: Record<string, string>[] = [{ PageSize: "1001" }, { PageNum: "0" }, { PageSize: "ten" }];
      for (const query of queries) {
        assert.equal((await callFailing(client, "QueryUserList", query)).code, "Invalid.Parameter");
      }
    });
  });

  describe("QueryWorkspaceUserList", () => {
    const workspace = seed.workspaces![3]!;
    const expected = seed.workspaceMembers!.filter((m) => m.workspaceId === workspace.workspaceId);

    it("pages the workspace's direct members, each with a preset Role whose RoleId is a number", async () => {
      const query = (n: number) => ({
        WorkspaceId: workspace.workspaceId,
        PageNum: String(n),
        PageSize: "5",
      });
      const first = (await call<Page<Record<string, unknown>>>(client, "QueryWorkspaceUserList", query(1)))
        .Result;
      assert.equal(first.TotalNum, expected.length);
      assert.equal(first.TotalPages, Math.ceil(expected.length / 5));
      const all = [first];
      for (let n = 2; n <= first.TotalPages; n++)
        all.push(
          (await call<Page<Record<string, unknown>>>(client, "QueryWorkspaceUserList", query(n))).Result,
        );
      const rows = all.flatMap((p) => p.Data) as { UserId: string; Role: { RoleId: number } }[];
      // Each member once, in the emulator's order (by when the user first joined any workspace).
      assert.deepEqual(
        rows.map((r) => `${r.UserId}:${r.Role.RoleId}`).sort(),
        expected.map((m) => `${m.userId}:${m.roleId}`).sort(),
      );
    });

    it("answers Invalid.Parameter for an unknown workspace", async () => {
      const error = await callFailing(client, "QueryWorkspaceUserList", { WorkspaceId: "no-such-workspace" });
      assert.equal(error.code, "Invalid.Parameter");
    });
  });

  describe("QueryUserGroupListByParentId", () => {
    it("lists the top-level groups for -1 and a group's sub-groups with their IdentifiedPath", async () => {
      const top = (
        await call<{ UserGroupId: string }[]>(client, "QueryUserGroupListByParentId", {
          ParentUserGroupId: "-1",
        })
      ).Result;
      assert.deepEqual(
        top.map((g) => g.UserGroupId),
        seed.groups.filter((g) => g.parentUsergroupId === "-1").map((g) => g.usergroupId),
      );
      const nested = seed.groups.find((g) => g.parentUsergroupId !== "-1")!;
      const children = (
        await call<{ UserGroupId: string; IdentifiedPath: string }[]>(
          client,
          "QueryUserGroupListByParentId",
          {
            ParentUserGroupId: nested.parentUsergroupId,
          },
        )
      ).Result;
      assert.deepEqual(children, [
        {
          ...children[0],
          UserGroupId: nested.usergroupId,
          IdentifiedPath: `${nested.parentUsergroupId}/${nested.usergroupId}`,
        },
      ]);
    });
  });
});
