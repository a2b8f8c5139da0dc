// Issue 4's behaviours through the real dynamic-provider host, driven by harness/engine.ts as the
// Pulumi engine would drive it for `pulumi preview`, `up`, `refresh` and `destroy`.
import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { QuickBIUserGroupRevocation, type QuickBIUserGroupRevocationArgs } from "../../provider";
import { MiniEngine, type EngineError, type Plan, type UpdateSummary } from "../../harness/engine";
import { makeHostProject, type HostProject } from "../../harness/host-project";
import {
  ALICE,
  emulatorStackConfig,
  FINANCE,
  requestsFor,
  UNKNOWN_USER,
} from "../support/configured-provider";

const program = (args: QuickBIUserGroupRevocationArgs) => () => {
  new QuickBIUserGroupRevocation("offboard", args);
};

describe("a revocation's lifecycle through the real provider host", () => {
  let project: HostProject;
  let emulator: QuickBIEmulator;
  let engine: MiniEngine;

  before(async () => {
    project = await makeHostProject();
  });
  after(() => project.cleanup());
  beforeEach(async () => {
    emulator = await startEmulator({ randomSeed: 3 });
    engine = new MiniEngine({ projectDir: project.dir, stackConfig: emulatorStackConfig(emulator) });
  });
  afterEach(() => emulator.stop());

  function withdrawals(): number {
    return requestsFor(emulator, "WithdrawAllUserGroups").length;
  }

  it("previews who will leave which groups, with their names, and withdraws nothing", async () => {
    const plan = await engine.preview(program({ userId: ALICE }));
    const impact = plan.steps[0]!.checkedInputs!.impact as { summary: string; groups: { name: string }[] };
    assert.equal(plan.steps[0]!.op, "create");
    assert.equal(impact.summary, "alice (Alice Wang) will leave 2 user groups: Finance, Sales");
    assert.deepEqual(
      impact.groups.map((g) => g.name),
      ["Finance", "Sales"],
    );
    assert.equal(withdrawals(), 0);
  });

  it("records the audit in the outputs", async () => {
    const summary = await engine.up(
      program({ userId: ALICE, reason: "Left the company", ticket: "HR-4711" }),
    );
    const outputs = summary.steps[0]!.outputs!;
    assert.equal(outputs.requestId, requestsFor(emulator, "WithdrawAllUserGroups")[0]!.requestId);
    assert.deepEqual(
      (outputs.groupsRemoved as { name: string }[]).map((g) => g.name),
      ["Finance", "Sales"],
    );
    assert.deepEqual(
      [outputs.accountName, outputs.displayName, outputs.reason, outputs.ticket, outputs.outcome],
      ["alice", "Alice Wang", "Left the company", "HR-4711", "withdrawn"],
    );
  });

  it("changes nothing and calls nothing on the second up", async () => {
    await engine.up(program({ userId: ALICE }));
    emulator.clearLog();
    const second = await engine.up(program({ userId: ALICE }));
    assert.equal(second.steps[0]!.op, "same");
    assert.equal(emulator.requests().length, 0);
  });

  it("fails when a membership survives every withdrawal, naming it, and records nothing", async () => {
    emulator.setFaults({ rules: [{ fault: "keepMembership" }] });
    const failure = (await engine.up(program({ userId: ALICE })).then(
      () => assert.fail("up succeeded"),
      (e: EngineError<UpdateSummary>) => e,
    )) as EngineError<UpdateSummary>;
    assert.match(failure.message, /Verify\.GroupsRemain .*still in 2 group\(s\).*Finance .*Sales/);
    assert.deepEqual(engine.exportState(), []);
  });

  it("reports a group re-added out of band on refresh, and the next up withdraws again", async () => {
    const first = await engine.up(program({ userId: ALICE }));
    emulator.addMembership(ALICE, FINANCE);

    const refreshed = await engine.refresh();
    assert.deepEqual(refreshed.resources[0]!.changedOutputs, ["checkedAt", "currentGroups"]);
    assert.deepEqual(
      (refreshed.resources[0]!.outputs!.currentGroups as { name: string }[]).map((g) => g.name),
      ["Finance"],
    );

    const plan = await engine.preview(program({ userId: ALICE }));
    assert.equal(plan.steps[0]!.op, "update");

    const again = await engine.up(program({ userId: ALICE }));
    const outputs = again.steps[0]!.outputs!;
    assert.equal(outputs.requestId, requestsFor(emulator, "WithdrawAllUserGroups")[1]!.requestId);
    assert.deepEqual(
      (outputs.groupsRemoved as { name: string }[]).map((g) => g.name),
      ["Finance"],
    );
    assert.deepEqual(
      (outputs.history as { requestId: string }[]).map((h) => h.requestId),
      [first.steps[0]!.outputs!.requestId],
    );
  });

  it("does not count a user deleted from Quick BI since as drift", async () => {
    await engine.up(program({ userId: ALICE }));
    emulator.removeUser(ALICE);
    const refreshed = await engine.refresh();
    // What changes is the residual access, now nothing; the groups stay empty, so nothing to withdraw.
    assert.deepEqual(refreshed.resources[0]!.changedOutputs, ["residualAccess"]);
    assert.deepEqual(refreshed.resources[0]!.outputs!.currentGroups, []);
    assert.equal((await engine.preview(program({ userId: ALICE }))).steps[0]!.op, "same");
  });

  it("previews and records the access that remains, and refresh keeps it current", async () => {
    const plan = await engine.preview(program({ userId: ALICE }));
    const impact = plan.steps[0]!.checkedInputs!.impact as { residualAccess: { summary: string } };
    const line =
      "alice still belongs to 2 workspaces: Sales BI (Analyst), Finance (Viewer); alice is an organisation admin; the account stays active";
    assert.equal(impact.residualAccess.summary, `after this, ${line}`);

    const up = await engine.up(program({ userId: ALICE }));
    const recorded = up.steps[0]!.outputs!.residualAccess as { summary: string; adminUser: boolean };
    assert.equal(recorded.summary, `after the withdrawal, ${line}`);

    emulator.updateUser(ALICE, { adminUser: false, isDeleted: true });
    const refreshed = await engine.refresh();
    assert.deepEqual(refreshed.resources[0]!.changedOutputs, ["residualAccess"]);
    assert.match(
      (refreshed.resources[0]!.outputs!.residualAccess as { summary: string }).summary,
      /alice holds no organisation admin role; the account is deactivated$/,
    );
  });

  it("resolves an account to the UserId it withdraws", async () => {
    const summary = await engine.up(program({ account: "alice" }));
    assert.equal(summary.steps[0]!.outputs!.userId, ALICE);
    assert.deepEqual(requestsFor(emulator, "WithdrawAllUserGroups")[0]!.params, { UserId: ALICE });
  });

  it("stops a user Quick BI does not know at preview by default", async () => {
    await assert.rejects(
      engine.preview(program({ userId: UNKNOWN_USER })),
      /Quick BI has no user with userId "f{32}" \(User\.Not\.In\.Organization/,
    );
    assert.equal(withdrawals(), 0);
  });

  it("records a user Quick BI does not know as already offboarded with onMissingUser succeed", async () => {
    const summary = await engine.up(program({ userId: UNKNOWN_USER, onMissingUser: "succeed" }));
    assert.equal(summary.steps[0]!.outputs!.outcome, "already-offboarded");
    assert.equal(withdrawals(), 0);
  });

  /** An engine whose stack config has no AccessKey (a pull-request job without credentials). */
  function withoutCredentials(config: Record<string, string> = {}): MiniEngine {
    const {
      "alicloud:accessKey": _id,
      "alicloud:secretKey": _secret,
      ...noKeys
    } = emulatorStackConfig(emulator);
    return new MiniEngine({
      projectDir: project.dir,
      stackConfig: { ...noKeys, "quickbi:maxAttempts": "1", ...config },
    });
  }

  it("fails a preview without credentials by default (strict preview), saying what to fix", async () => {
    await assert.rejects(
      withoutCredentials().preview(program({ userId: ALICE })),
      /property 'userId' value "46e5374665ba4b679ee22e2a2927abcd" has a problem: strict preview: the preview could not read Quick BI \(credentials\), so nobody can review whom this offboarding removes from which groups\. QueryUserInfoByUserId .* CredentialsUnavailable\b.* pulumi config set quickbi:strictPreview false\./,
    );
    assert.equal(emulator.requests().length, 0);
  });

  it("with quickbi:strictPreview false, previews without credentials, saying the impact is unknown", async () => {
    const anonymous = withoutCredentials({ "quickbi:strictPreview": "false" });
    const plan: Plan = await anonymous.preview(program({ userId: ALICE }));
    const impact = plan.steps[0]!.checkedInputs!.impact as { status: string; summary: string };
    assert.equal(impact.status, "unknown");
    assert.match(impact.summary, /CredentialsUnavailable/);
    assert.equal(emulator.requests().length, 0);
  });

  it("destroys without calling Quick BI and without restoring any group", async () => {
    await engine.up(program({ userId: ALICE }));
    emulator.clearLog();
    await engine.destroy();
    assert.equal(emulator.requests().length, 0);
    assert.deepEqual(
      emulator.state().memberships.filter((m) => m.userId === ALICE),
      [],
    );
  });
});
