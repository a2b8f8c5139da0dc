import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { UNKNOWN } from "../../provider/revocation/inputs";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  UNKNOWN_USER,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("check", () => {
  const t = useEmulatorAndProvider();

  it("adds the impact a preview shows: who leaves which groups", async () => {
    const { inputs, failures } = await t.provider.check!({}, { userId: ALICE });
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "known");
    assert.equal(inputs.impact.summary, "alice (Alice Wang) will leave 2 user groups: Finance, Sales");
    assert.deepEqual(
      inputs.impact.groups.map((g: { name: string }) => g.name),
      ["Finance", "Sales"],
    );
  });

  it("looks up with three read calls (who, groups, workspaces) and withdraws nothing", async () => {
    await t.provider.check!({}, { userId: ALICE });
    assert.deepEqual(
      t.emulator.requests().map((r) => r.action),
      ["QueryUserInfoByUserId", "ListUserGroupsByUserId", "ListWorkspaceUserRolesByUserId"],
    );
    assert.equal(t.emulator.state().memberships.filter((m) => m.userId === ALICE).length, 2);
  });

  it("makes no call for a revocation already done (the second up)", async () => {
    const olds = { userId: ALICE };
    const { inputs } = await t.provider.check!(olds, { userId: ALICE });
    assert.deepEqual(inputs, { userId: ALICE });
    assert.equal(t.emulator.requests().length, 0);
  });

  it("ignores an impact supplied by the program", async () => {
    const { inputs } = await t.provider.check!(
      { userId: ALICE },
      { userId: ALICE, impact: { status: "known" } },
    );
    assert.equal(inputs.impact, undefined);
  });

  it("reports a user Quick BI does not know as a failure at preview", async () => {
    const { failures } = await t.provider.check!({}, { userId: UNKNOWN_USER });
    assert.equal(failures![0]!.property, "userId");
    assert.match(
      failures![0]!.reason,
      /Quick BI has no user with userId "f{32}" \(User\.Not\.In\.Organization, RequestId [0-9A-F-]{36}\)\. Nothing was withdrawn\. Check that userId is the Quick BI UserId/,
    );
    // A typo recorded as "already offboarded" would leave the real person in their groups.
    assert.doesNotMatch(failures![0]!.reason, /onMissingUser/);
  });

  it("recognises an Alibaba Cloud account UID given as userId, and says account takes it", async () => {
    const { failures } = await t.provider.check!({}, { userId: "1234567890123401" });
    assert.equal(failures![0]!.property, "userId");
    assert.match(
      failures![0]!.reason,
      /userId "1234567890123401" has the form of an Alibaba Cloud account UID \(16 digits\).*`account: "1234567890123401"`/,
    );
  });

  it("refuses an account UID given as userId even with onMissingUser succeed: it is a wrong id, not a person gone", async () => {
    const { failures } = await t.provider.check!(
      {},
      { userId: "1234567890123401", onMissingUser: "succeed" },
    );
    assert.match(failures![0]!.reason, /account UID/);
  });

  it("accepts a missing user when onMissingUser is succeed, saying so in the impact", async () => {
    const { inputs, failures } = await t.provider.check!(
      {},
      { userId: UNKNOWN_USER, onMissingUser: "succeed" },
    );
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "user-missing");
  });

  it("reports invalid input as a failure and sends nothing to Quick BI", async () => {
    const { failures } = await t.provider.check!({}, { userId: "  " });
    assert.equal(failures![0]!.property, "userId");
    assert.equal(t.emulator.requests().length, 0);
  });

  it("reports a region without a Quick BI endpoint when no endpoint is configured", async () => {
    const noEndpoint = await configuredProvider({ "alicloud:region": "cn-beijing" });
    const { failures } = await noEndpoint.check!({}, { userId: ALICE });
    // No property: the region came from stack config, not from the program's region input.
    assert.deepEqual(
      failures!.map((f) => f.property),
      [""],
    );
    assert.match(failures![0]!.reason, /region "cn-beijing" \(from stack config alicloud:region\)/);
  });

  it("keeps the property of a failure about an input the program set", async () => {
    const { failures } = await t.provider.check!({}, { userId: ALICE, region: "Hangzhou" });
    assert.deepEqual(
      failures!.map((f) => f.property),
      ["region"],
    );
  });

  it("reports a malformed endpoint argument under endpoint", async () => {
    const { failures } = await t.provider.check!({}, { userId: ALICE, endpoint: "ftp://example.com" });
    assert.deepEqual(
      failures!.map((f) => f.property),
      ["endpoint"],
    );
  });

  it("says the impact is unknown for a userId not known until apply, and calls nothing", async () => {
    const { inputs, failures } = await t.provider.check!({}, { userId: UNKNOWN });
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "unknown");
    assert.equal(t.emulator.requests().length, 0);
  });

  it("with quickbi:strictPreview false, still succeeds without credentials, saying the impact is unknown and why", async () => {
    const anonymous = await configuredProvider({
      "quickbi:endpoint": t.emulator.url,
      "quickbi:maxAttempts": "1",
      "quickbi:strictPreview": "false",
    });
    const { inputs, failures } = await anonymous.check!({}, { userId: ALICE });
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "unknown");
    assert.match(
      inputs.impact.summary,
      /impact unknown: the preview could not read Quick BI \(CredentialsUnavailable/,
    );
  });

  it("with strictPreview false on the resource, still succeeds when Quick BI cannot be reached", async () => {
    const elsewhere = await startEmulator();
    const url = elsewhere.url;
    await elsewhere.stop();
    const unreachable = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "quickbi:endpoint": url,
      "quickbi:maxAttempts": "1",
    });
    const { inputs } = await unreachable.check!({}, { userId: ALICE, strictPreview: false });
    assert.match(inputs.impact.summary, /impact unknown: .*ECONNREFUSED/);
  });
});
