// What a revocation records and refuses under the real Pulumi CLI, beyond the plain lifecycle: the
// audit record, a withdrawal that does not hold, a user who is gone or unknown, the access that
// remains, an account resolved to its UserId, and previews without credentials (strict or not).
import assert from "node:assert/strict";
import { ALICE, UNKNOWN_USER } from "../support/configured-provider";
import { describeWithCli } from "./support/cli-gate";
import {
  callsOf,
  CliStack,
  failureOf,
  opsOf,
  stepsOf,
  WITHDRAW,
  type CliStackOptions,
} from "./support/cli-stack";
import { groupsToRestore } from "../support/readme-restore-filter";
import { recordOfTheOneWithdrawal } from "./support/withdrawal-record";

describeWithCli("what a revocation records and refuses, under the real Pulumi CLI", (cli) => {
  let stack: CliStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  async function open(options: Omit<CliStackOptions, "program">): Promise<CliStack> {
    stack = await CliStack.open(cli, { program: "revocation", ...options });
    return stack;
  }
  async function outputsOf(s: CliStack): Promise<Record<string, unknown>> {
    const [revocation] = await s.revocations();
    return revocation?.outputs ?? {};
  }
  /** The output keys whose values differ between two records, sorted. */
  function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
  }
  const names = (groups: unknown) => (groups as { name: string }[]).map((g) => g.name);

  it("records the audit in the state: who, which groups, why, the ticket, the outcome", async () => {
    const s = await open({ config: { userId: ALICE, reason: "Left the company", ticket: "HR-4711" } });

    const record = await recordOfTheOneWithdrawal(s, await s.up());

    assert.deepEqual(names(record.groupsRemoved), ["Finance", "Sales"]);
    // The docs' restore-by-hand command (docs/audit-record-and-drift.md) finds the same groups in the exported state.
    const ids = record.groupsRemoved.map((g) => g.id);
    assert.deepEqual(groupsToRestore((await s.exportState()).text, ALICE).split(","), ids);
    assert.deepEqual(
      [record.accountName, record.displayName, record.reason, record.ticket, record.outcome],
      ["alice", "Alice Wang", "Left the company", "HR-4711", "withdrawn"],
    );
  });

  it("fails an up whose membership survives every withdrawal, naming the groups, and records nothing", async () => {
    const s = await open({ config: { userId: ALICE } });
    s.emulator.setFaults({ rules: [{ fault: "keepMembership" }] });

    const up = await failureOf(s.up());

    assert.match(up.message, /Verify\.GroupsRemain .*still in 2 group\(s\).*Finance .*Sales/);
    assert.ok(callsOf(up, WITHDRAW).length > 0);
    assert.deepEqual(await s.revocations(), []);
  });

  // Each of these two is a story of several commands: its steps are tests in order, on one stack, so
  // that no single test carries three CLI runs on a busy machine.
  describe("a user deleted from Quick BI after the withdrawal", () => {
    let s: CliStack;
    let beforeRemoval: Record<string, unknown>;
    before(async () => {
      s = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
      await s.up();
      beforeRemoval = await outputsOf(s);
      s.emulator.removeUser(ALICE);
    });
    after(() => s?.close());

    it("is not drift to refresh: only the residual access changes, the groups stay empty", async () => {
      await s.refresh();

      const after = await outputsOf(s);
      assert.deepEqual(changedKeys(beforeRemoval, after), ["residualAccess"]);
      assert.deepEqual(after.currentGroups, []);
    });

    it("leaves nothing to withdraw: the next preview plans no change", async () => {
      assert.deepEqual(opsOf(await s.preview()), ["same"]);
    });
  });

  describe("the access that remains", () => {
    let s: CliStack;
    let recorded: Record<string, unknown>;
    const line =
      "alice still belongs to 2 workspaces: Sales BI (Analyst), Finance (Viewer); alice is an organisation admin; the account stays active";
    before(async () => {
      s = await CliStack.open(cli, { program: "revocation", config: { userId: ALICE } });
    });
    after(() => s?.close());

    it("is previewed with the impact", async () => {
      const [planned] = stepsOf(await s.preview());

      const impact = planned?.inputs.impact as { residualAccess: { summary: string } };
      assert.equal(impact.residualAccess.summary, `after this, ${line}`);
    });

    it("is recorded by up", async () => {
      await s.up();

      recorded = await outputsOf(s);
      assert.equal(
        (recorded.residualAccess as { summary: string }).summary,
        "in 2 workspaces; organisation admin; account active",
      );
    });

    it("is kept current by refresh, which changes nothing else", async () => {
      s.emulator.updateUser(ALICE, { adminUser: false, isDeleted: true });

      await s.refresh();

      const refreshed = await outputsOf(s);
      assert.deepEqual(changedKeys(recorded, refreshed), ["residualAccess"]);
      assert.match(
        (refreshed.residualAccess as { summary: string }).summary,
        /; no organisation admin role; account deactivated$/,
      );
    });
  });

  it("resolves an account to the UserId it withdraws", async () => {
    const s = await open({ config: { account: "alice" } });

    const record = await recordOfTheOneWithdrawal(s, await s.up());

    assert.equal(record.userId, ALICE);
    assert.deepEqual(s.emulator.requests().filter((r) => r.action === WITHDRAW)[0]?.params, {
      UserId: ALICE,
    });
  });

  it("stops a user Quick BI does not know at preview by default", async () => {
    const s = await open({ config: { userId: UNKNOWN_USER } });

    const preview = await failureOf(s.preview());

    assert.match(preview.message, /Quick BI has no user with userId "f{32}" \(User\.Not\.In\.Organization/);
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
  });

  it("records a user Quick BI does not know as already offboarded with onMissingUser succeed", async () => {
    const s = await open({ config: { userId: UNKNOWN_USER, onMissingUser: "succeed" } });

    const up = await s.up();

    assert.equal((await outputsOf(s)).outcome, "already-offboarded");
    assert.equal(callsOf(up, WITHDRAW).length, 0);
  });

  it("fails a preview without credentials by default (strict preview), saying what to fix", async () => {
    const s = await open({
      emulatorConfig: "endpoint",
      config: { userId: ALICE, "quickbi:maxAttempts": "1" },
    });

    const preview = await failureOf(s.preview());

    // A short first line, then the error and its fix, then where credentials were looked for.
    assert.match(
      preview.message,
      /property userId value \{46e5374665ba4b679ee22e2a2927abcd\} has a problem: strict preview: Quick BI could not be read \(credentials\), so nobody can review whom this offboarding removes from which groups; nothing was withdrawn\.\n\s*QueryUserInfoByUserId .* CredentialsUnavailable: no Alibaba Cloud credentials were found\. Give the stack credentials: `pulumi config set --secret quickbi:accessKey <AccessKey ID>`.*\n.* pulumi config set quickbi:strictPreview false\.\n\s*Looked in:\n/,
    );
    assert.deepEqual(s.emulator.requests(), []);
  });

  it("fails an up whose lookup Quick BI does not answer, without advising to weaken strict preview", async () => {
    const s = await open({ config: { userId: ALICE, "quickbi:maxAttempts": "2" } });
    s.emulator.setFaults({ rules: [{ fault: "unavailable", action: "QueryUserInfoByUserId" }] });

    const up = await failureOf(s.up());

    assert.match(
      up.message,
      /strict preview: Quick BI could not be read \(Quick BI\), .*; nothing was withdrawn\.\n.*ServiceUnavailable.*\n\s*Quick BI did not answer for a moment: run the command again\./,
    );
    assert.doesNotMatch(up.message, /strictPreview/, "an outage is no reason to weaken the check");
    assert.equal(callsOf(up, WITHDRAW).length, 0);
  });

  it("fails an up whose every withdrawal attempt failed, saying one may have been applied and what to check", async () => {
    const s = await open({ config: { userId: ALICE, "quickbi:maxAttempts": "2" } });
    s.emulator.setFaults({ rules: [{ fault: "unavailable", action: WITHDRAW }] });

    const up = await failureOf(s.up());

    assert.match(
      up.message,
      /WithdrawAllUserGroups for Quick BI user "46e5374665ba4b679ee22e2a2927abcd" failed: ServiceUnavailable \(HTTP 503, .*after 2 attempts\): .*just before, the user was in 2 group\(s\): Finance \(.*\), Sales \(.*\)\. An attempt may already have been applied by Quick BI .*Check the user's groups in Quick BI's member management/,
    );
    assert.deepEqual(await s.revocations(), []);
  });

  it("refuses at preview an Alibaba Cloud account UID given as userId, saying account takes it", async () => {
    const s = await open({ config: { userId: "1234567890123401" } });

    const preview = await failureOf(s.preview());

    assert.match(
      preview.message,
      /Quick BI has no user with userId "1234567890123401" .* Nothing was withdrawn\. userId "1234567890123401" has the form of an Alibaba Cloud account UID \(16 digits\).*`account: "1234567890123401"`/,
    );
    assert.doesNotMatch(preview.message, /onMissingUser/, "a wrong id must not be recorded as someone gone");
    assert.equal(callsOf(preview, WITHDRAW).length, 0);
  });

  it("names a region from stack config without the engine's `property region value {<nil>}` prefix", async () => {
    const s = await open({
      emulatorConfig: "nothing",
      config: { userId: ALICE, "alicloud:region": "cn-beijing" },
    });

    const preview = await failureOf(s.preview());

    assert.match(
      preview.message,
      /resource 'offboard' has a problem: region "cn-beijing" \(from stack config alicloud:region\) has no Quick BI OpenAPI endpoint/,
    );
    assert.doesNotMatch(preview.message, /<nil>/);
  });

  it("with quickbi:strictPreview false, previews without credentials, saying the impact is unknown", async () => {
    const s = await open({
      emulatorConfig: "endpoint",
      config: { userId: ALICE, "quickbi:maxAttempts": "1", "quickbi:strictPreview": "false" },
    });

    const [planned] = stepsOf(await s.preview());

    const impact = planned?.inputs.impact as { status: string; summary: string };
    assert.equal(impact.status, "unknown");
    assert.match(impact.summary, /CredentialsUnavailable/);
    assert.deepEqual(s.emulator.requests(), []);
  });
});
