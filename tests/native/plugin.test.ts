import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import {
  isSecret,
  secret,
  startProviderHost,
  unwrapSecret,
  urnFor,
  type ProviderCallError,
  type ProviderHost,
} from "../../harness/provider-host";
import { CANARY } from "../support/canaries";
import { ALICE, requestsFor, startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");
const PLUGIN = join(ROOT, "bin", "pulumi-resource-quickbi");
const REVOCATION = "quickbi:index:UserGroupRevocation";
const GUARD = "quickbi:index:RemovalGuard";
const URN = urnFor(REVOCATION, "offboard-alice");
const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";

/**
 * The plugin started as the engine starts a resource plugin (`pulumi-resource-quickbi <engine>` in the
 * program's directory, PULUMI_CONFIG holding only its `quickbi:*` config without the prefix) and driven
 * over its gRPC protocol with @pulumi/pulumi's generated stubs, against the emulator. Run `npm run
 * build` first: the plugin runs dist/.
 */
describe("the quickbi plugin over its gRPC protocol", () => {
  let emulator: QuickBIEmulator;
  let plugin: ProviderHost;

  before(async () => {
    emulator = await startCanaryEmulator({ randomSeed: 3 });
    plugin = await startProviderHost({
      cwd: ROOT,
      command: [PLUGIN],
      pulumiConfig: { endpoint: emulator.url, retryBaseDelay: "1", retryMaxDelay: "5" },
      // A resource used directly gets no alicloud:* config: credentials come from the chain. The
      // canary secret is already in the environment of the whole suite (offline-env.ts).
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId },
    });
  });
  after(async () => {
    await plugin?.stop();
    await emulator?.stop();
  });
  beforeEach(() => emulator.clearLog());

  it("reports the package's version and serves schema.json", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal((await plugin.getPluginInfo()).version, version);
    assert.deepEqual(await plugin.getSchema(), JSON.parse(readFileSync(join(ROOT, "schema.json"), "utf8")));
  });

  it("checks the way the dynamic resource does: the impact in the inputs, from quickbi:* config", async () => {
    const checked = await plugin.check(URN, {}, { userId: ALICE, ticket: "HR-4711" });
    assert.deepEqual(checked.failures, []);
    const impact = checked.inputs.impact as { status: string; summary: string };
    assert.equal(impact.status, "known");
    assert.equal(impact.summary, "alice (Alice Wang) will leave 2 user groups: Finance, Sales");
    // Who, their groups, and the residual access (issue 11's one extra read), as the dynamic resource.
    assert.deepEqual(
      emulator
        .requests()
        .map((r) => [r.action, r.signatureVerified, r.accessKeyId])
        .sort(),
      [
        ["ListUserGroupsByUserId", true, CANARY.accessKeyId],
        ["ListWorkspaceUserRolesByUserId", true, CANARY.accessKeyId],
        ["QueryUserInfoByUserId", true, CANARY.accessKeyId],
      ],
      "signed with the credentials chain's key pair",
    );
  });

  it("fails check on invalid input, naming the property, with no request to Quick BI", async () => {
    const checked = await plugin.check(URN, {}, { userId: "alice smith" });
    assert.equal(checked.failures.length, 1);
    assert.equal(checked.failures[0]!.property, "userId");
    assert.match(checked.failures[0]!.reason, /userId "alice smith" contains " "/);
    assert.equal(emulator.requests().length, 0);
  });

  it("creates with one verified withdrawal, a secret input unwrapped for Quick BI and kept secret", async () => {
    const checked = await plugin.check(URN, {}, { userId: ALICE, reason: secret("Left the company") });
    assert.ok(isSecret(checked.inputs.reason), "check keeps the secret input secret");
    const created = await plugin.create(URN, checked.inputs);
    const withdrawals = requestsFor(emulator, "WithdrawAllUserGroups");
    assert.equal(withdrawals.length, 1);
    assert.equal(created.id, ALICE);
    assert.equal(created.properties.requestId, withdrawals[0]!.requestId);
    assert.equal(created.properties.outcome, "withdrawn");
    assert.deepEqual(
      (created.properties.groupsRemoved as { name: string }[]).map((g) => g.name),
      ["Finance", "Sales"],
    );
    assert.ok(isSecret(created.properties.reason), "the reason output stays secret");
    assert.equal(unwrapSecret(created.properties.reason), "Left the company");
    assert.deepEqual(
      emulator.state().memberships.filter((m) => m.userId === ALICE),
      [],
    );

    // The rest of the lifecycle, on that state.
    const state = created.properties;
    const same = await plugin.diff(ALICE, URN, state, { userId: ALICE, reason: secret("Left the company") });
    assert.equal(same.changes, "none");
    const otherUser = await plugin.diff(ALICE, URN, state, { userId: "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02" });
    assert.deepEqual([otherUser.changes, otherUser.replaces], ["some", ["userId"]]);

    emulator.clearLog();
    emulator.addMembership(ALICE, FINANCE);
    const refreshed = await plugin.read(ALICE, URN, state);
    assert.deepEqual(
      (refreshed.properties.currentGroups as { id: string }[]).map((g) => g.id),
      [FINANCE],
      "a refresh finds the user added back (drift)",
    );
    const drift = await plugin.diff(ALICE, URN, refreshed.properties, { userId: ALICE });
    assert.equal(drift.changes, "some");
    const updated = await plugin.update(ALICE, URN, refreshed.properties, { userId: ALICE });
    assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 1, "the update withdraws again");
    assert.equal((updated.properties.history as unknown[]).length, 1);
    assert.deepEqual(updated.properties.currentGroups, []);

    emulator.clearLog();
    await plugin.delete(ALICE, URN, updated.properties);
    assert.equal(emulator.requests().length, 0, "delete makes no call: a withdrawal cannot be undone");
  });

  it("keeps a partly done offboarding as ErrorResourceInitFailed, secrets secret, and finishes it on update", async () => {
    // given: bob, offboarded beyond the groups, while UpdateUser is refused
    const BOB = "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02";
    const inputs = { userId: BOB, ticket: secret("HR-4712"), scope: ["groups", "workspaces", "account"] };
    const checked = await plugin.check(urnFor(REVOCATION, "offboard-bob"), {}, inputs);
    assert.deepEqual(checked.failures, []);
    emulator.setFaults({ rules: [{ fault: "forbidden", action: "UpdateUser" }] });
    // when
    const failure = await plugin.create(urnFor(REVOCATION, "offboard-bob"), checked.inputs).then(
      () => assert.fail("create succeeded"),
      (error: ProviderCallError) => error,
    );
    // then: the engine gets what was done as the resource's outputs, and the reason it prints
    emulator.setFaults({});
    const partial = failure.initFailed!;
    assert.equal(partial.id, BOB);
    const steps = partial.properties.steps as { workspaces: { status: string }; account: { status: string } };
    assert.deepEqual([steps.workspaces.status, steps.account.status], ["done", "incomplete"]);
    assert.ok(isSecret(partial.properties.ticket), "a secret input stays secret in the partial outputs");
    assert.match(partial.reasons[0]!, /Offboarding bob \(Bob Li\) is incomplete.*Access\.Forbidden/);
    // when: the next up, with the fault gone
    emulator.clearLog();
    const updated = await plugin.update(
      BOB,
      urnFor(REVOCATION, "offboard-bob"),
      partial.properties,
      checked.inputs,
    );
    // then
    assert.deepEqual(
      emulator
        .requests()
        .filter((r) => r.action !== "QueryUserInfoByUserId" && r.action !== "ListWorkspaceUserRolesByUserId")
        .map((r) => r.action),
      ["UpdateUser"],
    );
    assert.equal((updated.properties.steps as { account: { status: string } }).account.status, "done");
  });

  it("serves the removal guard with the same refusal as the dynamic one", async () => {
    const people = Array.from({ length: 11 }, (_, i) => `user-${i}`);
    const checked = await plugin.check(urnFor(GUARD, "leavers-removal-guard"), {}, { people });
    assert.equal(checked.failures.length, 1);
    assert.match(
      checked.failures[0]!.reason,
      /would offboard 11 people .* allows 10 per update \(the default\)/,
    );
  });

  it("rejects a type it does not serve, naming the ones it does", async () => {
    await assert.rejects(
      plugin.check(urnFor("quickbi:index:Nothing", "x"), {}, {}),
      /no resource type "quickbi:index:Nothing"; it serves quickbi:index:UserGroupRevocation/,
    );
  });
});
