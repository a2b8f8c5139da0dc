// The operations an undo of an offboarding calls, as the emulator answers them: which groups still
// exist, AddUserToWorkspace's documented refusals, and the keepMembership fault on the adds.
import assert from "node:assert/strict";
import type OpenApi from "@alicloud/openapi-client";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor } from "./helpers/client";
import { ALICE, BOB, CAROL } from "./helpers/fixtures";

const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";
const SALES = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003";
const SALES_BI = "9337d121-a78f-4c1b-a8bc-f81de1170001";

describe("emulator operations of a restore", () => {
  let emulator: QuickBIEmulator;
  let client: OpenApi;
  beforeEach(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator);
  });
  afterEach(async () => emulator.stop());

  it("ListByUserGroupId names the groups that exist and, in FailedUserGroupIds, one deleted since", async () => {
    emulator.deleteGroup(SALES);

    const { Result } = await call<{
      FailedUserGroupIds: string[];
      UserGroupModels: { UsergroupId: string }[];
    }>(client, "ListByUserGroupId", { UserGroupIds: `${FINANCE},${SALES}` });

    assert.deepEqual(Result.FailedUserGroupIds, [SALES]);
    assert.deepEqual(
      Result.UserGroupModels.map((g) => g.UsergroupId),
      [FINANCE],
    );
  });

  it("AddUserToWorkspace answers Workspace.Not.Exist for a workspace deleted since", async () => {
    emulator.deleteWorkspace(SALES_BI);

    const error = await callFailing(client, "AddUserToWorkspace", {
      UserId: CAROL,
      WorkspaceId: SALES_BI,
      RoleId: "27",
    });

    assert.equal(error.code, "Workspace.Not.Exist");
  });

  it("AddUserToWorkspace refuses a visitor with Viewer.AddInTo.Workspace", async () => {
    emulator.removeWorkspaceMember(BOB, SALES_BI);
    const error = await callFailing(client, "AddUserToWorkspace", {
      UserId: BOB,
      WorkspaceId: SALES_BI,
      RoleId: "30",
    });

    assert.equal(error.code, "Viewer.AddInTo.Workspace");
  });

  it("keepMembership answers success to AddUserGroupMembers and AddUserToWorkspace and changes nothing", async () => {
    await call(client, "WithdrawAllUserGroups", { UserId: ALICE });
    emulator.removeWorkspaceMember(ALICE, SALES_BI);
    emulator.setFaults({ rules: [{ fault: "keepMembership" }] });

    const added = await call(client, "AddUserGroupMembers", { UserId: ALICE, UserGroupIds: FINANCE });
    const joined = await call(client, "AddUserToWorkspace", {
      UserId: ALICE,
      WorkspaceId: SALES_BI,
      RoleId: "27",
    });

    assert.deepEqual([added.Result, joined.Result], [true, true]);
    assert.deepEqual(
      emulator.state().memberships.filter((m) => m.userId === ALICE),
      [],
    );
    assert.equal(
      emulator.state().workspaceMembers.some((m) => m.userId === ALICE && m.workspaceId === SALES_BI),
      false,
    );
  });
});
