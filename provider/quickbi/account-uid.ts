/**
 * An Alibaba Cloud account id (UID) is 16 digits (`1234567890123401`); a Quick BI UserId is a
 * 32-character hexadecimal id. Both are "the user's id" to a person copying one from a console, so a
 * UID given as `userId` is the likeliest reason Quick BI does not know the user: `account` takes it.
 */
const ACCOUNT_UID = /^\d{16}$/;

/** Whether `id` has the form of an Alibaba Cloud account UID rather than a Quick BI UserId. */
export function isAccountUid(id: string): boolean {
  return ACCOUNT_UID.test(id);
}

/** What to say about a `userId` that is an Alibaba Cloud account UID. */
export function accountUidAdvice(id: string): string {
  return (
    `userId ${JSON.stringify(id)} has the form of an Alibaba Cloud account UID (16 digits), not of a Quick BI UserId ` +
    `(32 hexadecimal characters): give it as \`account: "${id}"\` instead, which looks the user up by account name or UID.`
  );
}
