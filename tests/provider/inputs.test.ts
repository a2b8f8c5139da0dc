import assert from "node:assert/strict";
import { UNKNOWN, validateInputs } from "../../provider/revocation/inputs";

const VALID_USER_ID = "46e5374665ba4b679ee22e2a2927abcd";

function reasonFor(news: Record<string, unknown>, property: string): string | undefined {
  return validateInputs(news).find((f) => f.property === property)?.reason;
}

describe("validateInputs", () => {
  it("accepts a Quick BI UserId", () => {
    assert.deepEqual(validateInputs({ userId: VALID_USER_ID }), []);
  });

  it("does not judge a userId that is unknown at preview", () => {
    assert.deepEqual(validateInputs({ userId: UNKNOWN }), []);
  });

  it("rejects inputs with neither userId nor account and says what is allowed", () => {
    assert.match(
      reasonFor({}, "userId")!,
      /one of userId or account is required; received neither; allowed: the Quick BI UserId/,
    );
  });

  it("rejects inputs with both userId and account", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, account: "alice" }, "account")!,
      /either userId or account, not both/,
    );
  });

  it("accepts an account name or a numeric UID instead of a userId", () => {
    assert.deepEqual(validateInputs({ account: "alice" }), []);
    assert.deepEqual(validateInputs({ account: "1234567890123401" }), []);
    assert.deepEqual(validateInputs({ account: "alice@example.onaliyun.com" }), []);
  });

  it("rejects an account with characters no account name has", () => {
    assert.match(reasonFor({ account: "alice;drop" }, "account")!, /contains ";" \(U\+003B\)/);
  });

  it("rejects parentAccountName without account", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, parentAccountName: "corp" }, "parentAccountName")!,
      /only goes with account/,
    );
  });

  it("rejects a reason with a line break", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, reason: "left\nrehired" }, "reason")!,
      /control characters or line breaks/,
    );
  });

  it("rejects a ticket longer than 256 characters", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, ticket: "T".repeat(257) }, "ticket")!,
      /257 characters long/,
    );
  });

  it("rejects an onMissingUser other than fail or succeed", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, onMissingUser: "ignore" }, "onMissingUser")!,
      /allowed: "fail" \(default\) or "succeed"/,
    );
  });

  it("rejects an empty userId", () => {
    assert.match(reasonFor({ userId: "" }, "userId")!, /empty or only whitespace \(received ""\)/);
  });

  it("rejects a whitespace-only userId", () => {
    assert.match(reasonFor({ userId: " \t " }, "userId")!, /empty or only whitespace/);
  });

  it("rejects control characters and shows them escaped", () => {
    assert.match(reasonFor({ userId: "abc\ndef" }, "userId")!, /control characters \(received "abc\\ndef"\)/);
  });

  it("rejects a userId longer than 64 characters, saying how long it was", () => {
    assert.match(reasonFor({ userId: "a".repeat(65) }, "userId")!, /is 65 characters long/);
  });

  it("accepts a userId of exactly 64 characters", () => {
    assert.equal(reasonFor({ userId: "a".repeat(64) }, "userId"), undefined);
  });

  it("rejects leading or trailing whitespace instead of trimming an identity silently", () => {
    assert.match(reasonFor({ userId: ` ${VALID_USER_ID}` }, "userId")!, /leading or trailing whitespace/);
  });

  it("names a look-alike character by its code point", () => {
    const cyrillicA = "\u0430";
    assert.match(reasonFor({ userId: `46e5${cyrillicA}bcd` }, "userId")!, /"а" \(U\+0430\)/);
  });

  it("rejects query-string injection in a userId", () => {
    assert.match(reasonFor({ userId: "abc&UserId=other" }, "userId")!, /contains "&" \(U\+0026\)/);
  });

  it("rejects a userId that is not a string", () => {
    assert.match(reasonFor({ userId: 42 }, "userId")!, /must be a string; received number 42/);
  });

  it("rejects a region that is not a string", () => {
    assert.match(
      reasonFor({ userId: VALID_USER_ID, region: ["cn-hangzhou"] }, "region")!,
      /received an array/,
    );
  });

  it("rejects triggers that are not an array", () => {
    assert.match(reasonFor({ userId: VALID_USER_ID, triggers: "x" }, "triggers")!, /must be an array/);
  });
});
