// The size benchmark's program: alice of the default emulator seed (2 user groups, 2 workspaces, an
// organisation admin) offboarded with the scope the stack config `scope` gives (a JSON list), else
// the default scope.
import * as pulumi from "@pulumi/pulumi";
import { QuickBIUserGroupRevocation, type QuickBIScopeStep } from "pulumi-quickbi-offboarding";
import { ALICE } from "../../tests/support/configured-provider";

new QuickBIUserGroupRevocation("offboard-alice", {
  userId: ALICE,
  scope: new pulumi.Config().getObject<QuickBIScopeStep[]>("scope"),
});
