// The scope beyond the user groups, through the provider's own lifecycle against the emulator: what
// check previews, what create takes away and records, what a failed step leaves, how update finishes
// it without repeating anything, and what refresh finds.
import assert from "node:assert/strict";
import type { RevocationOutputs } from "../../provider/revocation/outputs";
import type { PartialProgressError } from "../../provider/revocation/partial-progress";
import {
  ALICE,
  SALES_BI,
  FINANCE_WORKSPACE,
  checkAndCreate,
  configuredProvider,
  emulatorStackConfig,
  requestsFor,
  useEmulatorAndProvider,
} from "../support/configured-provider";

const ADMIN = "0a9b8c7d6e5f40312a3b4c5d6e7f8a04";
const MARKETING = "9337d121-a78f-4c1b-a8bc-f81de1170003";
const ALL = ["groups", "workspaces", "organizationRoles", "account"];

describe("scope beyond the user groups", () => {
  const t = useEmulatorAndProvider();

  /** Create that fails with partial progress: the error the engine keeps as outputs and init errors. */
  async function failingCreate(inputs: Record<string, unknown>): Promise<PartialProgressError> {
    const checked = await t.provider.check!({}, inputs);
    assert.deepEqual(checked.failures, []);
    try {
      await t.provider.create(checked.inputs);
    } catch (error) {
      return error as PartialProgressError;
    }
    assert.fail("create succeeded");
  }

  describe("preview", () => {
    it("says every step, counts first in a line that fits the CLI, names in the plan", async () => {
      // when
      const { inputs } = await t.provider.check!({}, { userId: ALICE, scope: ALL });
      // then
      const impact = inputs.impact;
      assert.equal(
        impact.summary,
        "alice (Alice Wang) will leave 2 user groups, 2 workspaces; lose organisation admin; be deactivated",
      );
      assert.ok(impact.summary.length <= 120);
      assert.equal(
        impact.plan,
        "alice (Alice Wang) will leave 2 user groups: Finance, Sales; leave 2 workspaces: Sales BI (Analyst), Finance (Viewer); lose organisation admin; be deactivated",
      );
      assert.deepEqual(inputs.scope, ALL);
    });

    it("names a workspace the person owns and the fix, and plans the rest", async () => {
      const { inputs, failures } = await t.provider.check!({}, { userId: ADMIN, scope: ALL });
      assert.deepEqual(failures, []);
      assert.equal(
        inputs.impact.summary,
        "admin (Quick BI Admin) will leave 0 user groups, 0 workspaces, not 1 they own; lose organisation admin; be deactivated",
      );
      assert.match(
        inputs.impact.plan,
        /cannot leave Marketing \(Admin\), which they own: hand it to another user first/,
      );
    });

    it("fails a strict preview when a read the plan needs is refused", async () => {
      t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "QueryOrganizationWorkspaceList" }] });
      const { failures } = await t.provider.check!({}, { userId: ALICE, scope: ALL });
      assert.equal(failures?.length, 1);
      assert.match(
        failures![0]!.reason,
        /strict preview: [\s\S]*QueryOrganizationWorkspaceList for Quick BI user "[0-9a-f]+" failed: Access\.Forbidden[\s\S]*and QueryOrganizationWorkspaceList with a scope that takes workspaces/,
      );
    });

    it("says the impact is unknown, reading nothing, when the scope is not known until apply", async () => {
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const { inputs, failures } = await t.provider.check!({}, { userId: ALICE, scope: ["groups", unknown] });
      assert.deepEqual(failures, []);
      assert.equal(inputs.impact.summary, "impact unknown: the scope is not known until apply");
      assert.equal(t.emulator.requests().length, 0);
    });

    it("keeps the default scope's impact and inputs exactly as before", async () => {
      const { inputs } = await t.provider.check!({}, { userId: ALICE });
      assert.equal(inputs.scope, undefined);
      assert.equal(inputs.impact.summary, "alice (Alice Wang) will leave 2 user groups: Finance, Sales");
      assert.equal(inputs.impact.plan, undefined);
      assert.equal(requestsFor(t.emulator, "QueryOrganizationWorkspaceList").length, 0);
    });

    it("takes the stack default quickbi:scope, and refuses a malformed one naming the key", async () => {
      const wide = await configuredProvider({
        ...emulatorStackConfig(t.emulator),
        "quickbi:scope": "groups,account",
      });
      assert.deepEqual((await wide.check!({}, { userId: ALICE })).inputs.scope, ["groups", "account"]);
      const bad = await configuredProvider({
        ...emulatorStackConfig(t.emulator),
        "quickbi:scope": "groups,acount",
      });
      const { failures } = await bad.check!({}, { userId: ALICE });
      assert.match(
        failures![0]!.reason,
        /Stack config quickbi:scope is "groups,acount": quickbi:scope\[1\] is the string "acount"/,
      );
    });
  });

  describe("create", () => {
    it("takes every step, each with its RequestId and what it removed, read back after", async () => {
      // when
      const { outs } = (await checkAndCreate(t.provider, { userId: ALICE, scope: ALL })) as {
        outs: RevocationOutputs;
      };
      // then
      const state = t.emulator.state();
      assert.equal(state.workspaceMembers.filter((m) => m.userId === ALICE).length, 0);
      const alice = state.users.find((u) => u.userId === ALICE)!;
      assert.deepEqual([alice.adminUser, alice.isDeleted], [false, true]);
      const { workspaces, organizationRoles, account } = outs.steps!;
      assert.deepEqual(
        workspaces!.removed.map((w) => [w.workspaceId, w.roleName, typeof w.requestId]),
        [
          [SALES_BI, "Analyst", "string"],
          [FINANCE_WORKSPACE, "Viewer", "string"],
        ],
      );
      const deletes = requestsFor(t.emulator, "DeleteUserFromWorkspace").map((r) => r.requestId);
      assert.deepEqual(
        workspaces!.removed.map((w) => w.requestId),
        deletes,
      );
      assert.deepEqual(
        [organizationRoles!.roleIdsBefore, organizationRoles!.roleIdsAfter],
        [[111111111], [111111113]],
      );
      const updates = requestsFor(t.emulator, "UpdateUser");
      assert.deepEqual(
        updates.map((r) => r.params),
        [
          { UserId: ALICE, RoleIds: "111111113" },
          { UserId: ALICE, IsDeleted: "true" },
        ],
      );
      assert.deepEqual(
        [organizationRoles!.requestId, account!.requestId],
        updates.map((r) => r.requestId),
      );
      assert.equal(account!.previousState, "active");
      assert.match(
        outs.residualAccess!.summary,
        /^in no workspace; no organisation admin role; account deactivated$/,
      );
    });

    it("with the owner's workspace: does every other step, keeps the workspace named, and fails with the record in the error", async () => {
      // when
      const error = await failingCreate({ userId: ADMIN, scope: ALL });
      // then
      assert.match(error.message, /Offboarding admin \(Quick BI Admin\) is incomplete/);
      assert.match(error.message, /CanNot\.Remove\.WorkspaceOwner \(HTTP 400, RequestId [0-9A-F-]+\)/);
      assert.match(error.message, /Hand each workspace the person owns to another user/);
      assert.equal(error.id, ADMIN);
      const outs = error.properties as unknown as RevocationOutputs;
      assert.deepEqual(
        outs.steps!.workspaces!.kept.map((k) => [k.workspaceId, k.owner]),
        [[MARKETING, true]],
      );
      assert.equal(outs.steps!.organizationRoles!.status, "done");
      assert.equal(outs.steps!.account!.status, "done");
      assert.deepEqual(error.reasons, [error.message]);
    });

    it("stops at a refused step, records what was done, and the next update finishes the rest without repeating it", async () => {
      // given: UpdateUser refused while the workspaces go
      t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "UpdateUser" }] });
      const error = await failingCreate({ userId: ALICE, scope: ALL, __provider: "serialized" });
      const partial = error.properties as unknown as RevocationOutputs & { __provider: string };
      assert.equal(partial.__provider, "serialized");
      assert.equal(partial.steps!.workspaces!.status, "done");
      assert.equal(partial.steps!.organizationRoles!.status, "incomplete");
      assert.deepEqual(partial.steps!.organizationRoles!.roleIdsBefore, [111111111]);
      assert.equal(partial.steps!.account!.status, "not-run");
      assert.match(error.message, /Access\.Forbidden/);
      // when: the fault is fixed and the next up runs update with the partial outputs
      t.emulator.setFaults({});
      t.emulator.clearLog();
      const diff = await t.provider.diff("id", partial, { userId: ALICE, scope: ALL });
      assert.equal(diff.changes, true);
      const { outs } = (await t.provider.update!("id", partial, { userId: ALICE, scope: ALL })) as {
        outs: RevocationOutputs;
      };
      // then
      assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 0);
      assert.equal(requestsFor(t.emulator, "DeleteUserFromWorkspace").length, 0);
      assert.equal(requestsFor(t.emulator, "UpdateUser").length, 2);
      assert.deepEqual(outs.steps!.workspaces, partial.steps!.workspaces);
      assert.equal(outs.steps!.organizationRoles!.status, "done");
      assert.equal(outs.steps!.account!.status, "done");
      assert.equal(outs.requestId, partial.requestId);
    });

    it("keeps a workspace Quick BI answered as left but did not leave, and does not record it removed", async () => {
      // given
      t.emulator.setFaults({
        rules: [{ fault: "keepMembership", action: "DeleteUserFromWorkspace", times: 1 }],
      });
      // when
      const error = await failingCreate({ userId: ALICE, scope: ALL });
      // then
      const { workspaces } = (error.properties as unknown as RevocationOutputs).steps!;
      assert.deepEqual(
        workspaces!.removed.map((w) => w.workspaceId),
        [FINANCE_WORKSPACE],
      );
      assert.deepEqual(
        workspaces!.kept.map((w) => [w.workspaceId, w.code]),
        [[SALES_BI, "Verify.StepNotApplied"]],
      );
      assert.match(error.message, /Sales BI: DeleteUserFromWorkspace .* Verify\.StepNotApplied/);
    });

    it("keeps the before-state read before a write whose answer was lost", async () => {
      // given: the account's UpdateUser is applied but its answer never comes
      t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "UpdateUser", times: 1 }] });
      const error = await failingCreate({ userId: ALICE, scope: ["account"] });
      const partial = error.properties as unknown as RevocationOutputs;
      t.emulator.updateUser(ALICE, { isDeleted: true }); // as if that write had been applied
      t.emulator.setFaults({});
      // when
      const { outs } = (await t.provider.update!("id", partial, {
        userId: ALICE,
        scope: ["groups", "account"],
      })) as {
        outs: RevocationOutputs;
      };
      // then: active before, as read before the first attempt; not "unknown"
      assert.deepEqual(outs.steps!.account, { status: "done", previousState: "active" });
    });

    it("records an account already deactivated as of unknown previous state, with no write", async () => {
      t.emulator.updateUser(ALICE, { isDeleted: true });
      const { outs } = (await checkAndCreate(t.provider, { userId: ALICE, scope: ["account"] })) as {
        outs: RevocationOutputs;
      };
      assert.equal(outs.steps!.account!.previousState, undefined);
      assert.match(outs.steps!.account!.previousStateUnknown!, /already deactivated when read at/);
      assert.equal(requestsFor(t.emulator, "UpdateUser").length, 0);
    });
  });

  describe("refresh and drift", () => {
    it("finds the person back in a workspace, admin again and reactivated; the next update takes each away again with history", async () => {
      // given
      const { outs } = (await checkAndCreate(t.provider, { userId: ALICE, scope: ALL })) as {
        outs: RevocationOutputs;
      };
      t.emulator.addWorkspaceMember(ALICE, SALES_BI, 26);
      t.emulator.updateUser(ALICE, { adminUser: true, isDeleted: false });
      // when
      const { props } = (await t.provider.read("id", outs)) as { props: RevocationOutputs };
      // then
      assert.deepEqual(
        props.steps!.workspaces!.current!.map((w) => w.workspaceId),
        [SALES_BI],
      );
      assert.deepEqual(props.steps!.organizationRoles!.current, [111111111]);
      assert.equal(props.steps!.account!.current, "active");
      assert.equal((await t.provider.diff("id", props, { userId: ALICE, scope: ALL })).changes, true);
      // when
      const updated = (await t.provider.update!("id", props, { userId: ALICE, scope: ALL })) as {
        outs: RevocationOutputs;
      };
      // then
      const steps = updated.outs.steps!;
      assert.deepEqual(
        steps.workspaces!.removed.map((w) => w.workspaceId),
        [SALES_BI],
      );
      assert.equal(steps.workspaces!.history!.length, 1);
      assert.equal(steps.organizationRoles!.history!.length, 1);
      assert.equal(steps.account!.history!.length, 1);
      assert.equal(steps.account!.current, undefined);
      const alice = t.emulator.state().users.find((u) => u.userId === ALICE)!;
      assert.deepEqual([alice.adminUser, alice.isDeleted], [false, true]);
    });

    it("leaves an unchanged record as it was", async () => {
      const { outs } = (await checkAndCreate(t.provider, { userId: ALICE, scope: ALL })) as {
        outs: RevocationOutputs;
      };
      const { props } = await t.provider.read("id", outs);
      assert.equal(props, outs);
    });

    it("refreshes a record with partial progress", async () => {
      const error = await failingCreate({ userId: ADMIN, scope: ALL });
      const partial = error.properties as unknown as RevocationOutputs;
      const { props } = (await t.provider.read(ADMIN, partial)) as { props: RevocationOutputs };
      assert.equal(props.steps!.workspaces!.status, "incomplete");
    });
  });

  describe("a person Quick BI does not know", () => {
    it("records them as already offboarded with no step to take, and plans no change after", async () => {
      const { outs } = (await checkAndCreate(t.provider, {
        userId: "ffffffffffffffffffffffffffffffff",
        onMissingUser: "succeed",
        scope: ALL,
      })) as { outs: RevocationOutputs };
      assert.equal(outs.outcome, "already-offboarded");
      assert.equal(outs.steps, undefined);
      const diff = await t.provider.diff("id", outs, {
        userId: "ffffffffffffffffffffffffffffffff",
        onMissingUser: "succeed",
        scope: ALL,
      });
      assert.equal(diff.changes, false);
    });
  });

  describe("a scope changed later", () => {
    it("previews the new steps for a person offboarded with the groups alone, and update runs only them", async () => {
      // given
      const created = await checkAndCreate(t.provider, { userId: ALICE });
      const olds = created.outs as RevocationOutputs;
      // when
      const { inputs } = await t.provider.check!({ userId: ALICE }, { userId: ALICE, scope: ALL });
      // then
      assert.equal(
        inputs.impact.summary,
        "alice (Alice Wang) will leave 0 user groups, 2 workspaces; lose organisation admin; be deactivated",
      );
      assert.equal((await t.provider.diff(ALICE, olds, inputs)).changes, true);
      t.emulator.clearLog();
      const { outs } = (await t.provider.update!(ALICE, olds, inputs)) as { outs: RevocationOutputs };
      assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 0);
      assert.deepEqual(outs.scope, ALL);
      assert.equal(outs.steps!.account!.status, "done");
    });
  });
});
