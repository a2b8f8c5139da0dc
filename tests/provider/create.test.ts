import assert from "node:assert/strict";
import {
  ALICE,
  FINANCE,
  FINANCE_WORKSPACE,
  SALES,
  SALES_BI,
  UNKNOWN_USER,
  checkAndCreate,
  configuredProvider,
  emulatorStackConfig,
  requestsFor,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("create", () => {
  const t = useEmulatorAndProvider();

  it("calls WithdrawAllUserGroups once, signed, with UserId in the query", async () => {
    await checkAndCreate(t.provider, { userId: ALICE });
    const calls = requestsFor(t.emulator, "WithdrawAllUserGroups");
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.params, { UserId: ALICE });
    assert.equal(calls[0]!.signatureVerified, true);
    assert.equal(calls[0]!.status, 200);
  });

  it("removes the user from every group", async () => {
    await checkAndCreate(t.provider, { userId: ALICE });
    assert.deepEqual(
      t.emulator.state().memberships.filter((m) => m.userId === ALICE),
      [],
    );
  });

  it("makes four calls after check: list, withdraw, verify, and the one read of residual access", async () => {
    const checked = await t.provider.check!({}, { userId: ALICE });
    t.emulator.clearLog();
    await t.provider.create(checked.inputs);
    assert.deepEqual(
      t.emulator.requests().map((r) => r.action),
      [
        "ListUserGroupsByUserId",
        "WithdrawAllUserGroups",
        "ListUserGroupsByUserId",
        "ListWorkspaceUserRolesByUserId",
      ],
    );
  });

  it("records the audit: user, groups removed, RequestId, time, notes, region and endpoint", async () => {
    const now = new Date("2026-11-28T04:00:00.000Z");
    const timed = await configuredProvider(emulatorStackConfig(t.emulator), { now: () => now });
    const { id, outs } = await checkAndCreate(timed, {
      userId: ALICE,
      reason: "Left the company",
      ticket: "HR-4711",
    });
    assert.equal(id, ALICE);
    assert.deepEqual(outs, {
      userId: ALICE,
      accountName: "alice",
      displayName: "Alice Wang",
      outcome: "withdrawn",
      onMissingUser: "fail",
      requestId: requestsFor(t.emulator, "WithdrawAllUserGroups")[0]!.requestId,
      withdrawnAt: "2026-11-28T04:00:00.000Z",
      groupsRemoved: [
        {
          id: FINANCE,
          name: "Finance",
          path: `5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001/${FINANCE}`,
        },
        {
          id: SALES,
          name: "Sales",
          path: `5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80001/${SALES}`,
        },
      ],
      currentGroups: [],
      checkedAt: "2026-11-28T04:00:00.000Z",
      history: [],
      residualAccess: {
        summary: "in 2 workspaces; organisation admin; account active",
        workspaces: [
          { workspaceId: SALES_BI, workspaceName: "Sales BI", roleId: "27", roleName: "Analyst" },
          { workspaceId: FINANCE_WORKSPACE, workspaceName: "Finance", roleId: "30", roleName: "Viewer" },
        ],
        adminUser: true,
        authAdminUser: false,
        roleIdList: [111111111],
        isDeleted: false,
      },
      reason: "Left the company",
      ticket: "HR-4711",
      region: "cn-hangzhou",
      endpoint: t.emulator.url,
    });
  });

  it("records the groups as they are at the withdrawal, not as check saw them", async () => {
    const checked = await t.provider.check!({}, { userId: ALICE });
    t.emulator.addMembership(ALICE, "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80004");
    const { outs } = await t.provider.create(checked.inputs);
    assert.deepEqual(
      outs.groupsRemoved.map((g: { name: string }) => g.name),
      ["Finance", "Sales", "Sales East"],
    );
  });

  it("records triggers when given and leaves no undefined in the outputs", async () => {
    const { outs } = await checkAndCreate(t.provider, { userId: ALICE, triggers: ["hr-4711"] });
    assert.deepEqual(outs.triggers, ["hr-4711"]);
    assert.ok(Object.values(outs).every((v) => v !== undefined));
  });

  it("looks the user up itself when check could not (impact unknown)", async () => {
    const { outs } = await t.provider.create({ userId: ALICE, impact: { status: "unknown", summary: "x" } });
    assert.equal(outs.displayName, "Alice Wang");
    assert.equal(requestsFor(t.emulator, "QueryUserInfoByUserId").length, 1);
  });

  describe("verify after", () => {
    it("withdraws again when a membership survived, and succeeds once none remain", async () => {
      t.emulator.setFaults({ rules: [{ fault: "keepMembership", times: 1 }] });
      const { outs } = await checkAndCreate(t.provider, { userId: ALICE });
      const withdrawals = requestsFor(t.emulator, "WithdrawAllUserGroups");
      assert.equal(withdrawals.length, 2);
      assert.equal(outs.requestId, withdrawals[1]!.requestId);
      assert.equal(outs.groupsRemoved.length, 2);
    });

    it("sends at most quickbi:maxAttempts WithdrawAllUserGroups in all, retries and repeated rounds together", async () => {
      // Round 1 takes three requests (two throttled); rounds 2 and 3 one each: the budget of 5 is spent.
      t.emulator.setFaults({
        rules: [
          { fault: "throttle", action: "WithdrawAllUserGroups", times: 2 },
          { fault: "keepMembership" },
        ],
      });
      await assert.rejects(
        checkAndCreate(t.provider, { userId: ALICE }),
        /Verify\.GroupsRemain \(HTTP 200, RequestId [0-9A-F-]{36}, after 5 attempts\): the user is still in 2 group\(s\) after 3 withdrawal\(s\)/,
      );
      assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 5);
    });

    it("fails naming the groups left when they keep surviving, and records nothing", async () => {
      t.emulator.setFaults({ rules: [{ fault: "keepMembership" }] });
      await assert.rejects(
        checkAndCreate(t.provider, { userId: ALICE }),
        /WithdrawAllUserGroups for Quick BI user "46e5\w+" failed: Verify\.GroupsRemain \(HTTP 200, RequestId [0-9A-F-]{36}, after 5 attempts\): the user is still in 2 group\(s\) after 5 withdrawal\(s\): Finance \(.+\), Sales \(.+\); nothing was recorded as done/,
      );
    });
  });

  describe("a user Quick BI does not know", () => {
    it("fails by default, naming the lookup, the code and the RequestId", async () => {
      const error = await t.provider.create({ userId: UNKNOWN_USER }).then(
        () => assert.fail("create succeeded"),
        (e: Error) => e,
      );
      const requestId = t.emulator.requests()[0]!.requestId;
      assert.equal(
        error.message.startsWith(
          `QueryUserInfoByUserId for Quick BI user "${UNKNOWN_USER}" failed: User.Not.In.Organization (HTTP 400, RequestId ${requestId}): `,
        ),
        true,
        error.message,
      );
      assert.match(error.message, /not the Alibaba Cloud account UID/);
    });

    it("is recorded as already offboarded with onMissingUser succeed, with the RequestId that said so", async () => {
      const { outs } = await checkAndCreate(t.provider, { userId: UNKNOWN_USER, onMissingUser: "succeed" });
      assert.equal(outs.outcome, "already-offboarded");
      assert.equal(outs.onMissingUser, "succeed");
      assert.deepEqual(outs.groupsRemoved, []);
      assert.equal(outs.requestId, t.emulator.requests().at(-1)!.requestId);
      assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 0);
    });

    it("counts a user deleted between preview and withdrawal as offboarded with succeed", async () => {
      const checked = await t.provider.check!({}, { userId: ALICE, onMissingUser: "succeed" });
      t.emulator.removeUser(ALICE);
      const { outs } = await t.provider.create(checked.inputs);
      assert.equal(outs.outcome, "already-offboarded");
    });
  });

  describe("lookup by account", () => {
    it("resolves the account to the UserId and records it", async () => {
      const { id, outs } = await checkAndCreate(t.provider, { account: "alice" });
      assert.equal(id, ALICE);
      assert.equal(outs.userId, ALICE);
      assert.equal(outs.account, "alice");
      assert.deepEqual(requestsFor(t.emulator, "WithdrawAllUserGroups")[0]!.params, { UserId: ALICE });
    });

    it("resolves an account UID too", async () => {
      const { outs } = await checkAndCreate(t.provider, { account: "1234567890123401" });
      assert.equal(outs.userId, ALICE);
    });

    it("reports an unknown account under account at preview", async () => {
      const { failures } = await t.provider.check!({}, { account: "nobody" });
      assert.equal(failures![0]!.property, "account");
      assert.match(failures![0]!.reason, /no user with account "nobody"/);
    });
  });
});
