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

  it("rejects a missing userId and says what is allowed", () => {
    assert.match(reasonFor({}, "userId")!, /userId is required; allowed: the Quick BI UserId/);
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
