// Offboard one person from Quick BI, to zero access. The Pulumi.yaml at the repository root runs this
// program; with the emulator (`npm run emulator`) and `quickbi:endpoint` set to its URL it runs with no
// cloud account.
import * as pulumi from "@pulumi/pulumi";
import { QuickBIUserGroupRevocation, type QuickBIRestore } from "pulumi-quickbi-offboarding";

const alice = new QuickBIUserGroupRevocation("offboard-alice", {
  // The Quick BI UserId (member management, or QueryUserInfoByAccount), not the Alibaba Cloud UID.
  userId: "46e5374665ba4b679ee22e2a2927abcd",
  // Beyond the user groups: out of every workspace, no organisation admin role, the account
  // deactivated. Each step is previewed, and recorded below with the RequestId of each write.
  scope: ["groups", "workspaces", "organizationRoles", "account"],
  // Offboarded by mistake? `pulumi config set restore '{"ticket":"HR-4712","reason":"…"}'` gives back
  // what the record says was taken; `pulumi config rm restore` offboards her again.
  restore: new pulumi.Config().getObject<QuickBIRestore>("restore"),
});

export const aliceRequestId = alice.requestId;
export const aliceWithdrawnAt = alice.withdrawnAt;
/** What `pulumi up` took away beyond the groups, with the RequestId of each write. */
export const aliceSteps = alice.steps;
/** What is left: nothing, once every step is done. */
export const aliceAccessLeft = alice.residualAccess.apply((access) => access?.summary ?? "unknown");
