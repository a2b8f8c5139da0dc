import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import {
  ExampleStack,
  findExampleTools,
  type ExampleLanguage,
  type ExampleRun,
} from "../../harness/example-stack";
import { CANARY, recordForCanaryScan } from "../support/canaries";
import { requestsFor, startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");

/** Who each example offboards, and the summary its preview must show for each. */
const EXAMPLES: Record<ExampleLanguage, { people: number; summaries: string[] }> = {
  python: { people: 1, summaries: ["alice (Alice Wang) will leave 2 user groups: Finance, Sales"] },
  go: { people: 1, summaries: ["alice (Alice Wang) will leave 2 user groups: Finance, Sales"] },
  yaml: {
    people: 3,
    summaries: [
      // alice's entry has a scope: one line of counts, then each step's own line.
      "alice (Alice Wang) will leave 2 user groups, 2 workspaces; lose organisation admin; be deactivated",
      "leave 2 workspaces: Sales BI (Analyst), Finance (Viewer)",
      "bob (Bob Li) will leave 1 user group: Sales East",
      "carol (Carol Zhang) will leave 1 user group: Finance",
    ],
  },
};

/**
 * Each example through the real Pulumi CLI against the emulator: Python and Go as Automation API
 * inline programs in their own language, YAML as a project directory through its language host (see
 * harness/example-stack.ts). The Python and Go stacks use the resource directly, so they sign with the
 * credentials chain (env); the YAML stack uses the component, so its `alicloud:*` config reaches the
 * plugin through Construct, and no credential is in its environment.
 */
for (const language of Object.keys(EXAMPLES) as ExampleLanguage[]) {
  const { people, summaries } = EXAMPLES[language];

  describe(`examples/${language} through the real Pulumi CLI`, function () {
    this.timeout(600_000);
    let emulator: QuickBIEmulator;
    let stack: ExampleStack;
    const record = (what: string, run: ExampleRun) =>
      recordForCanaryScan("host output", `examples/${language} ${what}`, run.output);

    before(async function () {
      const tools = findExampleTools(language);
      if ("missing" in tools) {
        // Visible in the run's output, then every test of this example is reported as skipped.
        console.log(`    skipping examples/${language}: no ${tools.missing}; run scripts/native-toolchain`);
        this.skip();
      }
      emulator = await startCanaryEmulator({ seed: join(ROOT, "examples", language, "seed.yaml") });
      const endpoint = { "quickbi:endpoint": emulator.url, "quickbi:retryBaseDelay": "1" };
      stack = await ExampleStack.open(
        language === "yaml"
          ? {
              language,
              tools,
              config: {
                ...endpoint,
                "alicloud:accessKey": CANARY.accessKeyId,
                "alicloud:secretKey": { secret: CANARY.accessKeySecret },
              },
            }
          : { language, tools, config: endpoint, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId } },
      );
    });
    after(async () => {
      stack?.close();
      await emulator?.stop();
    });
    beforeEach(() => emulator.clearLog());

    it("previews who will leave which groups, with two reads per person and no withdrawal", async () => {
      const preview = await stack.run("preview");
      record("preview", preview);
      for (const summary of summaries)
        assert.ok(preview.output.includes(summary), `preview shows: ${summary}`);
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 0);
      assert.equal(requestsFor(emulator, "ListUserGroupsByUserId").length, people);
      assert.ok(
        emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === CANARY.accessKeyId),
      );
    });

    it("withdraws each person once on up, and records the audit", async () => {
      const up = await stack.run("up");
      record("up", up);
      const withdrawals = requestsFor(emulator, "WithdrawAllUserGroups");
      assert.equal(withdrawals.length, people);
      const revocations = (await stack.resources()).filter(
        (r) => r.type === "quickbi:index:UserGroupRevocation",
      );
      recordForCanaryScan("outputs", `examples/${language} state`, revocations);
      assert.equal(revocations.length, people);
      assert.deepEqual(
        revocations.map((r) => r.outputs?.requestId).sort(),
        withdrawals.map((w) => w.requestId).sort(),
        "each state records the RequestId of its withdrawal",
      );
      assert.equal(new Set(revocations.map((r) => r.provider)).size, 1, "one provider serves them all");
      const userIds = new Set(revocations.map((r) => String(r.outputs?.userId)));
      assert.deepEqual(
        emulator.state().memberships.filter((m) => userIds.has(m.userId)),
        [],
      );
      // The YAML example offboards alice to zero access: every step recorded with its RequestId.
      if (language === "yaml") {
        const alice = revocations.find((r) => r.outputs?.userId === "46e5374665ba4b679ee22e2a2927abcd");
        const steps = alice?.outputs?.steps as Record<string, { status: string; requestId?: string }>;
        assert.deepEqual(
          ["workspaces", "organizationRoles", "account"].map((step) => [step, steps[step]?.status]),
          [
            ["workspaces", "done"],
            ["organizationRoles", "done"],
            ["account", "done"],
          ],
        );
        assert.deepEqual(
          [steps.organizationRoles?.requestId, steps.account?.requestId],
          requestsFor(emulator, "UpdateUser").map((r) => r.requestId),
        );
        assert.deepEqual(emulator.state().workspaceMembers, []);
        const user = emulator.state().users.find((u) => u.userId === "46e5374665ba4b679ee22e2a2927abcd");
        assert.deepEqual([user?.adminUser, user?.isDeleted], [false, true]);
      }
    });

    it("changes nothing and calls Quick BI not at all on a second up", async () => {
      const up = await stack.run("up");
      record("second up", up);
      assert.deepEqual(Object.keys(up.changes), ["same"]);
      assert.equal(emulator.requests().length, 0);
    });

    // The Python example's second change: alice was offboarded by mistake; `restore` in the stack config.
    if (language === "python")
      it("restores alice by a reviewed change from Python: previewed, each write recorded and read back", async () => {
        stack.setInlineConfig({ "quickbi-offboard-python:restore": JSON.stringify({ ticket: "HR-4712" }) });

        const preview = await stack.run("preview");
        record("restore preview", preview);
        assert.ok(preview.output.includes("alice (Alice Wang) will rejoin 2 user groups: Finance, Sales"));
        assert.equal(requestsFor(emulator, "AddUserGroupMembers").length, 0);
        const up = await stack.run("up");
        record("restore up", up);

        assert.equal(up.changes.update, 1);
        const added = requestsFor(emulator, "AddUserGroupMembers");
        assert.equal(added.length, 2);
        const [alice] = (await stack.resources()).filter(
          (r) => r.type === "quickbi:index:UserGroupRevocation",
        );
        const [restore] = alice?.outputs?.restores as { status: string; groups: { requestId: string }[] }[];
        assert.equal(restore?.status, "done");
        assert.deepEqual(
          restore?.groups.map((g) => g.requestId),
          added.map((r) => r.requestId),
        );
      });

    // The YAML example's second change: carol was offboarded by mistake; `restore` on her entry.
    if (language === "yaml")
      it("restores carol by a reviewed change to people.yaml: previewed, each write recorded and read back", async () => {
        const file = join(stack.workDir, "people.yaml");
        const text = readFileSync(file, "utf8");
        writeFileSync(
          file,
          text.replace(
            "    ticket: ACCESS-REVIEW-2026Q4\n",
            "    ticket: ACCESS-REVIEW-2026Q4\n    restore: { ticket: HR-4799, reason: offboarded by mistake }\n",
          ),
        );

        const preview = await stack.run("preview");
        record("restore preview", preview);
        assert.ok(preview.output.includes("carol (Carol Zhang) will rejoin 1 user group: Finance"));
        assert.equal(requestsFor(emulator, "AddUserGroupMembers").length, 0);
        const up = await stack.run("up");
        record("restore up", up);

        // carol's revocation, and the removal guard, which records who is restored.
        assert.deepEqual(up.changes, { same: people + 1, update: 2 });
        const added = requestsFor(emulator, "AddUserGroupMembers");
        assert.equal(added.length, 1);
        const carol = (await stack.resources()).find(
          (r) => r.outputs?.userId === "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03",
        );
        const [restore] = carol?.outputs?.restores as { status: string; groups: { requestId: string }[] }[];
        assert.equal(restore?.status, "done");
        assert.equal(restore?.groups[0]?.requestId, added[0]?.requestId);
        assert.equal(
          emulator.state().memberships.filter((m) => m.userId === "3b8e2f4a6c1d4e7f9a0b1c2d3e4f5a03").length,
          1,
        );
      });

    it("makes no call on destroy: a withdrawal cannot be undone", async () => {
      const destroy = await stack.run("destroy");
      record("destroy", destroy);
      assert.ok((destroy.changes.delete ?? 0) >= people);
      assert.equal(emulator.requests().length, 0);
      assert.deepEqual(await stack.resources(), []);
    });
  });
}
