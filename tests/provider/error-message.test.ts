import assert from "node:assert/strict";
import { QuickBIRequestError, type QuickBIFailure } from "../../provider/quickbi/errors";

/** A failure of ListUserGroupsByUserId with a code this package has no hint of its own for. */
const FAILURE: QuickBIFailure = {
  operation: "ListUserGroupsByUserId",
  user: { userId: "46e5374665ba4b679ee22e2a2927abcd" },
  code: "Some.Future.Code",
  httpStatus: 400,
  requestId: "2B1E0C4A-0000-4000-8000-000000000001",
  attempts: 1,
  detail: "Something Quick BI said.",
};

/** The same failure when nothing answered: no HTTP status, no RequestId. */
const UNANSWERED: QuickBIFailure = { ...FAILURE, httpStatus: undefined, requestId: undefined };

describe("a Quick BI error's message", () => {
  it("names the operation that failed in the fallback hint, not WithdrawAllUserGroups", () => {
    assert.equal(
      new QuickBIRequestError(FAILURE).message,
      'ListUserGroupsByUserId for Quick BI user "46e5374665ba4b679ee22e2a2927abcd" failed: Some.Future.Code ' +
        "(HTTP 400, RequestId 2B1E0C4A-0000-4000-8000-000000000001): Something Quick BI said. " +
        "See the Quick BI error code list for ListUserGroupsByUserId.",
    );
  });

  it("asks to check the account, not userId, when an account lookup's parameter is rejected", () => {
    const { message } = new QuickBIRequestError({
      ...FAILURE,
      operation: "QueryUserInfoByAccount",
      user: { account: "alice" },
      code: "Invalid.Parameter",
    });
    assert.match(message, /^QueryUserInfoByAccount for account "alice" failed: Invalid\.Parameter /);
    assert.match(
      message,
      /Quick BI rejected a parameter of QueryUserInfoByAccount: check account and parentAccountName\.$/,
    );
  });

  it("leaves out the HTTP status and RequestId when there were none, instead of saying none", () => {
    const { message } = new QuickBIRequestError({
      ...UNANSWERED,
      code: "ECONNREFUSED",
      attempts: 3,
      detail: "connect ECONNREFUSED 127.0.0.1:1 (POST http://127.0.0.1:1/)",
    });
    assert.match(message, /failed: ECONNREFUSED \(after 3 attempts\): connect ECONNREFUSED/);
    assert.doesNotMatch(message, /none/);
  });

  it("has no parentheses at all when there is nothing to put in them", () => {
    const { message } = new QuickBIRequestError({
      ...UNANSWERED,
      code: "CredentialsUnavailable",
      detail: "no Alibaba Cloud credentials were found",
    });
    assert.match(
      message,
      /failed: CredentialsUnavailable: no Alibaba Cloud credentials were found\. Give the stack/,
    );
  });
});
