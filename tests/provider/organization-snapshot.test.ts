// What the organisation's listings cannot answer for, on answers the emulator does not model: a
// workspace role that is not a preset (QueryWorkspaceUserList gives presets only).
import assert from "node:assert/strict";
import type { QuickBIClient } from "../../provider/quickbi/client";
import { readOrganization } from "../../provider/refresh/organization-snapshot";

const ALICE = "46e5374665ba4b679ee22e2a2927abcd";
const BOB = "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02";

/** Answers each listing as Quick BI would for a one-group, one-workspace organisation. */
function organizationClient(bobsRole: { RoleId?: number; RoleName?: string } | undefined): QuickBIClient {
  const results: Record<string, unknown> = {
    QueryUserList: { Data: [{ UserId: ALICE }, { UserId: BOB }], TotalPages: 1 },
    QueryUserGroupListByParentId: [{ UserGroupId: "g-1", UserGroupName: "Finance", IdentifiedPath: "g-1" }],
    QueryUserGroupMember: [{ Id: ALICE, IsUserGroup: false }],
    QueryOrganizationWorkspaceList: {
      Data: [{ WorkspaceId: "w-1", WorkspaceName: "Sales BI" }],
      TotalPages: 1,
    },
    QueryWorkspaceUserList: {
      Data: [
        { UserId: ALICE, Role: { RoleId: 27, RoleCode: "analyst", RoleName: "Analyst" } },
        { UserId: BOB, ...(bobsRole ? { Role: bobsRole } : {}) },
      ],
      TotalPages: 1,
    },
  };
  return {
    async call(action, query) {
      // Sub-groups of g-1: none.
      if (action === "QueryUserGroupListByParentId" && query.ParentUserGroupId !== "-1")
        return { requestId: "r", result: [] };
      return { requestId: "r", result: results[action] };
    },
  };
}

describe("the organisation snapshot", () => {
  it("answers a member's three reads in the per-person shapes, RoleId as a string", async () => {
    const snapshot = await readOrganization(organizationClient({ RoleId: 30, RoleName: "Viewer" }));
    assert.deepEqual(snapshot.answersFor(ALICE), {
      ListUserGroupsByUserId: [{ UsergroupId: "g-1", UsergroupName: "Finance", IdentifiedPath: "g-1" }],
      QueryUserInfoByUserId: { UserId: ALICE },
      ListWorkspaceUserRolesByUserId: [
        {
          WorkspaceId: "w-1",
          WorkspaceName: "Sales BI",
          RoleModel: { RoleId: "27", RoleCode: "analyst", RoleName: "Analyst" },
        },
      ],
    });
  });

  it("leaves a person whose workspace role is not a preset to be read on their own", async () => {
    for (const role of [undefined, { RoleName: "Custom auditor" }]) {
      const snapshot = await readOrganization(organizationClient(role));
      assert.equal(snapshot.answersFor(BOB), undefined, JSON.stringify(role));
      assert.ok(snapshot.answersFor(ALICE));
    }
  });

  it("leaves a person the user list does not hold to be read on their own", async () => {
    const snapshot = await readOrganization(organizationClient(undefined));
    assert.equal(snapshot.answersFor("ffffffffffffffffffffffffffffffff"), undefined);
  });
});
