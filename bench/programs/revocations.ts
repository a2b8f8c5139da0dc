// The benchmarks' program of many people: one QuickBIUserGroupRevocation per bulk person
// (harness/bulk-people.ts), as many as the stack config `people` says. Plain resources, no component
// and no removal guard, so that the preview benchmark compares it with the same number of trivial
// dynamic resources (trivial.ts) and nothing else.
//
// The package is required from the Pulumi project's node_modules (stack config `projectDir`), as a
// program in that directory would require it: a project that installed the tarball gives the installed
// layout (what users run), this repository the checkout layout. The inline program itself runs here.
import { createRequire } from "node:module";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as offboarding from "pulumi-quickbi-offboarding";
import { bulkUserIds } from "../../harness/bulk-people";

const config = new pulumi.Config();
// A require of a module in the project, not require.resolve's `paths`: from inside this repository,
// Node resolves the package's own name to itself first (a package self-reference).
const fromProject = createRequire(join(config.require("projectDir"), "index.js"));
const { QuickBIUserGroupRevocation }: typeof offboarding = fromProject("pulumi-quickbi-offboarding");

for (const userId of bulkUserIds(config.requireNumber("people"))) {
  new QuickBIUserGroupRevocation(`offboard-${userId}`, { userId });
}
