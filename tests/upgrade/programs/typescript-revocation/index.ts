// Two people offboarded one by one, as the README's quick start writes them: alice by her Quick BI
// userId (the capture adds her back to a group and enforces again, so her record has a history),
// bob by his account, looked up at preview.
import { QuickBIUserGroupRevocation } from "pulumi-quickbi-offboarding";

const alice = new QuickBIUserGroupRevocation("alice", {
  userId: "46e5374665ba4b679ee22e2a2927abcd",
  reason: "Left the company on 2026-11-30",
  ticket: "HR-4711",
});
const bob = new QuickBIUserGroupRevocation("bob", { account: "bob", ticket: "HR-4712" });

export const aliceRequestId = alice.requestId;
export const bobRequestId = bob.requestId;
