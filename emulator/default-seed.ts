import type { Seed } from "./model";

/**
 * The seed used when none is given: the same data as `examples/offboard-one/seed.yaml` (a test keeps them
 * equal), so `npm run emulator` with no flags serves the quick start. Frozen, because it is shared.
 */
export const DEFAULT_SEED: Seed = Object.freeze({
  users: [
    {
      userId: "46e5374665ba4b679ee22e2a2927abcd",
      accountId: "1234567890123401",
      accountName: "alice",
      nickName: "Alice Wang",
      userType: 1,
      email: "alice@example.com",
      adminUser: true,
    },
    {
      userId: "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02",
      accountId: "1234567890123402",
      accountName: "bob",
      nickName: "Bob Li",
      userType: 2,
      email: "bob@example.com",
    },
    {
      userId: "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03",
      accountId: "1234567890123403",
      accountName: "carol",
      nickName: "Carol Zhang",
      userType: 3,
      email: "carol@example.com",
    },
    {
      userId: "0a9b8c7d6e5f40312a3b4c5d6e7f8a04",
      accountId: "1234567890123404",
      accountName: "admin",
      nickName: "Quick BI Admin",
      userType: 1,
      adminUser: true,
    },
  ],
  groups: [
    {
      usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001",
      usergroupName: "Company",
      usergroupDesc: "Everyone",
      parentUsergroupId: "-1",
    },
    {
      usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002",
      usergroupName: "Finance",
      parentUsergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001",
    },
    {
      usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003",
      usergroupName: "Sales",
      parentUsergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001",
    },
    {
      usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80004",
      usergroupName: "Sales East",
      parentUsergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003",
    },
  ],
  memberships: [
    { userId: "46e5374665ba4b679ee22e2a2927abcd", usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002" },
    { userId: "46e5374665ba4b679ee22e2a2927abcd", usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003" },
    { userId: "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02", usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80004" },
    { userId: "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03", usergroupId: "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002" },
  ],
  workspaces: [
    { workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170001", workspaceName: "Sales BI" },
    { workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170002", workspaceName: "Finance" },
    {
      workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170003",
      workspaceName: "Marketing",
      // DeleteUserFromWorkspace refuses the owner: the seed has one, so that refusal can be seen.
      owner: "0a9b8c7d6e5f40312a3b4c5d6e7f8a04",
    },
  ],
  workspaceMembers: [
    {
      userId: "46e5374665ba4b679ee22e2a2927abcd",
      workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170001",
      roleId: 27,
    },
    {
      userId: "46e5374665ba4b679ee22e2a2927abcd",
      workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170002",
      roleId: 30,
    },
    {
      userId: "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02",
      workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170001",
      roleId: 30,
    },
    {
      userId: "0a9b8c7d6e5f40312a3b4c5d6e7f8a04",
      workspaceId: "9337d121-a78f-4c1b-a8bc-f81de1170003",
      roleId: 25,
    },
  ],
} satisfies Seed);
