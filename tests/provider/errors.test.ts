import assert from "node:assert/strict";
import {
  ALICE,
  configuredProvider,
  emulatorStackConfig,
  requestsFor,
  useEmulatorAndProvider,
} from "../support/configured-provider";

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => assert.fail("expected a failure"),
    (e: Error) => e,
  );
}

describe("final errors", () => {
  const t = useEmulatorAndProvider();

  it("names operation, user, code, HTTP status and RequestId, then how to fix it", async () => {
    t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "WithdrawAllUserGroups" }] });
    const error = await failureOf(t.provider.create({ userId: ALICE }));
    const requestId = requestsFor(t.emulator, "WithdrawAllUserGroups")[0]!.requestId;
    assert.match(
      error.message,
      new RegExp(
        `^WithdrawAllUserGroups for Quick BI user "${ALICE}" failed: Access\\.Forbidden \\(HTTP 400, RequestId ${requestId}\\): .+\\. The Quick BI edition or the AccessKey may not call WithdrawAllUserGroups`,
      ),
    );
  });

  it("does not retry a final error", async () => {
    t.emulator.setFaults({ rules: [{ fault: "forbidden", action: "WithdrawAllUserGroups" }] });
    await assert.rejects(t.provider.create({ userId: ALICE }));
    assert.equal(requestsFor(t.emulator, "WithdrawAllUserGroups").length, 1);
  });

  it("reports a wrong secret as SignatureDoesNotMatch without showing the secret or the key id", async () => {
    const wrongSecret = "wrong-secret-value-for-this-test";
    const wrong = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "alicloud:secretKey": wrongSecret,
    });
    const error = await failureOf(wrong.create({ userId: ALICE }));
    assert.match(error.message, /SignatureDoesNotMatch .*check alicloud:secretKey/);
    const everything = `${error.message} ${String((error as { cause?: Error }).cause?.message)} ${error.stack}`;
    assert.doesNotMatch(everything, new RegExp(wrongSecret));
    assert.doesNotMatch(everything, new RegExp(t.emulator.accessKeyId));
  });

  it("reports an unknown AccessKey with a hint", async () => {
    const unknown = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "alicloud:accessKey": "NOSUCHKEY1234",
    });
    await assert.rejects(
      unknown.create({ userId: ALICE }),
      /InvalidAccessKeyId\.NotFound .*check alicloud:accessKey/,
    );
  });

  it("says how to configure credentials when none can be found, and sends nothing", async () => {
    const anonymous = await configuredProvider({
      "quickbi:endpoint": t.emulator.url,
      "quickbi:maxAttempts": "1",
    });
    await assert.rejects(anonymous.create({ userId: ALICE }), /CredentialsUnavailable: .*quickbi:accessKey/);
    assert.equal(t.emulator.requests().length, 0);
  });

  it("fails create with the region problem when check was skipped", async () => {
    const noEndpoint = await configuredProvider({ "alicloud:region": "cn-beijing" });
    await assert.rejects(
      noEndpoint.create({ userId: ALICE }),
      /region "cn-beijing" \(from stack config alicloud:region\) has no Quick BI OpenAPI endpoint/,
    );
  });

  it("reports a wrong secret with one period between Quick BI's message and the hint", async () => {
    const wrong = await configuredProvider({
      ...emulatorStackConfig(t.emulator),
      "alicloud:secretKey": "not-it-1234",
    });
    const error = await failureOf(wrong.create({ userId: ALICE }));
    assert.match(error.message, /the signature you provided\. The AccessKey secret does not match/);
    assert.doesNotMatch(error.message, /\.\./);
  });

  it("hints at something re-adding the user when memberships survive every withdrawal", async () => {
    t.emulator.setFaults({ rules: [{ fault: "keepMembership" }] });
    const error = await failureOf(t.provider.create({ userId: ALICE }));
    assert.match(
      error.message,
      /Verify\.GroupsRemain .*Quick BI answered success but still lists the memberships: .*group sync/,
    );
    assert.doesNotMatch(error.message, /error code list/);
  });

  it("names an account lookup by its account and hints at the account, not at userId", async () => {
    const error = await failureOf(t.provider.create({ account: "nobody" }));
    assert.match(
      error.message,
      /^QueryUserInfoByAccount for account "nobody" failed: User\.Not\.In\.Organization \(HTTP 400, RequestId [0-9A-F-]{36}\): .*Check that account is the Alibaba Cloud account name/,
    );
    assert.doesNotMatch(error.message, /userId|Quick BI user/);
  });
});
