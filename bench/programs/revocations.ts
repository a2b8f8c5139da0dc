// The benchmarks' program of many people: one QuickBIUserGroupRevocation per bulk person
// (harness/bulk-people.ts), as many as the stack config `people` says. Plain resources, no component
// and no removal guard, so that the preview benchmark compares it with the same number of trivial
// dynamic resources (trivial.ts) and nothing else.
import * as pulumi from "@pulumi/pulumi";
import { QuickBIUserGroupRevocation } from "pulumi-quickbi-offboarding";
import { bulkUserIds } from "../../harness/bulk-people";

for (const userId of bulkUserIds(new pulumi.Config().requireNumber("people"))) {
  new QuickBIUserGroupRevocation(`offboard-${userId}`, { userId });
}
