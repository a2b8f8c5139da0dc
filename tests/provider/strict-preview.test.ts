// A strict preview (the default) fails when it cannot read the impact, saying why and what to fix.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { UNKNOWN } from "../../provider/revocation/inputs";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("strict preview", () => {
  const t = useEmulatorAndProvider();

  /** A provider whose stack config points at the emulator, with one attempt per call. */
  const providerWith = (config: Record<string, string>) =>
    configuredProvider({ "quickbi:maxAttempts": "1", ...config });

  const withoutCredentials = () => providerWith({ "quickbi:endpoint": t.emulator.url });

  it("is on by default: a preview without credentials fails, naming credentials and the fix", async () => {
    const { failures } = await (await withoutCredentials()).check!({}, { userId: ALICE });
    assert.equal(failures!.length, 1);
    assert.equal(failures![0]!.property, "userId");
    assert.match(
      failures![0]!.reason,
      /^strict preview: Quick BI could not be read \(credentials\), so nobody can review whom this offboarding removes from which groups; nothing was withdrawn\.\nQueryUserInfoByUserId for Quick BI user "46e5374665ba4b679ee22e2a2927abcd" failed: CredentialsUnavailable: no Alibaba Cloud credentials were found\. .*pulumi config set --secret quickbi:accessKey .* OIDC\/RRSA.*\n.*Only if this stack's previews are meant to run without read access to Quick BI: pulumi config set quickbi:strictPreview false\.\nLooked in:\n {2}stack config: no quickbi:accessKey\/quickbi:secretKey, no alicloud:accessKey\/alicloud:secretKey\n/,
    );
  });

  it("names a missing permission, with the Quick BI code, the RequestId and the read operations to allow", async () => {
    t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "ListUserGroupsByUserId" }] });
    const { failures } = await t.provider.check!({}, { userId: ALICE });
    assert.match(
      failures![0]!.reason,
      /\(permission\).*ListUserGroupsByUserId for Quick BI user ".*" failed: Access\.Forbidden \(HTTP 400, RequestId [0-9A-F-]{36}\).*quickbi-public:QueryUserInfoByUserId, QueryUserInfoByAccount, ListUserGroupsByUserId and ListWorkspaceUserRolesByUserId/s,
    );
  });

  it("names an unreachable endpoint", async () => {
    const elsewhere = await startEmulator();
    const url = elsewhere.url;
    await elsewhere.stop();
    const unreachable = await providerWith({ ...emulatorStackConfig(t.emulator), "quickbi:endpoint": url });
    const { failures } = await unreachable.check!({}, { userId: ALICE });
    assert.match(
      failures![0]!.reason,
      /\(endpoint\).*ECONNREFUSED.*Check quickbi:endpoint, quickbi:region and quickbi:network.*run the command again/s,
    );
    assert.doesNotMatch(failures![0]!.reason, /strictPreview/, "an outage is no reason to weaken the check");
  });

  it("says when Quick BI kept failing within the retry budget", async () => {
    t.emulator.setFaults({ rules: [{ fault: "unavailable" }] });
    const flaky = await providerWith(emulatorStackConfig(t.emulator));
    const { failures } = await flaky.check!({}, { userId: ALICE });
    assert.match(failures![0]!.reason, /\(Quick BI\).*ServiceUnavailable.*raise quickbi:maxAttempts/s);
    assert.doesNotMatch(
      failures![0]!.reason,
      /strictPreview/,
      "a transient fault is no reason to weaken the check",
    );
  });

  it("lets the preview pass unread with quickbi:strictPreview false, saying the impact is unknown", async () => {
    const lenient = await providerWith({
      "quickbi:endpoint": t.emulator.url,
      "quickbi:strictPreview": "false",
    });
    const { inputs, failures } = await lenient.check!({}, { userId: ALICE });
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "unknown");
    assert.equal(inputs.impact.code, "CredentialsUnavailable");
  });

  it("takes the resource's strictPreview over the stack config, both ways", async () => {
    const lenientStack = await providerWith({
      "quickbi:endpoint": t.emulator.url,
      "quickbi:strictPreview": "false",
    });
    const strictStack = await withoutCredentials();
    assert.equal((await lenientStack.check!({}, { userId: ALICE, strictPreview: true })).failures!.length, 1);
    assert.deepEqual((await strictStack.check!({}, { userId: ALICE, strictPreview: false })).failures, []);
  });

  it("does not fail for a user not known until apply: that is no misconfiguration, and up previews first", async () => {
    const { inputs, failures } = await (await withoutCredentials()).check!({}, { userId: UNKNOWN });
    assert.deepEqual(failures, []);
    assert.equal(inputs.impact.status, "unknown");
  });

  it("does not fail when only the workspaces cannot be read: residual access never blocks", async () => {
    t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "ListWorkspaceUserRolesByUserId" }] });
    const { failures } = await t.provider.check!({}, { userId: ALICE });
    assert.deepEqual(failures, []);
  });

  it("rejects a quickbi:strictPreview that is not true or false, naming the key", async () => {
    const typo = await providerWith({ ...emulatorStackConfig(t.emulator), "quickbi:strictPreview": "yes" });
    const { failures } = await typo.check!({}, { userId: ALICE });
    // No property: the program did not set strictPreview, so the engine's "property strictPreview value
    // {<nil>}" prefix would say nothing true; the reason names the stack config key.
    assert.deepEqual(
      failures!.map((f) => f.property),
      [""],
    );
    assert.match(failures![0]!.reason, /Stack config quickbi:strictPreview is "yes"; allowed: true or false/);
  });

  it("rejects a strictPreview input that is not a boolean, before any call", async () => {
    const { failures } = await t.provider.check!({}, { userId: ALICE, strictPreview: "no" });
    assert.match(failures![0]!.reason, /strictPreview must be true or false; received the string "no"/);
    assert.equal(t.emulator.requests().length, 0);
  });

  it("starts a failure with the people-file line when the resource has one", async () => {
    const { failures } = await (
      await withoutCredentials()
    ).check!({}, { userId: ALICE, listedAt: "people.yaml:7" });
    assert.match(failures![0]!.reason, /^people\.yaml:7: strict preview: /);
  });

  it("names the people-file line of a person Quick BI does not know", async () => {
    const { failures } = await t.provider.check!({}, { account: "user99", listedAt: "people.yaml:12" });
    assert.equal(failures![0]!.property, "account");
    assert.match(
      failures![0]!.reason,
      /^people\.yaml:12: Quick BI has no user with account "user99" \(User\.Not\.In\.Organization, RequestId [0-9A-F-]{36}\)/,
    );
  });
});
