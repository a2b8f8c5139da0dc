// Offboarding as a reviewed list: everyone in people.yaml is withdrawn from every Quick BI user group
// once a change to the list is merged. A pull request shows who would leave which groups (`pulumi
// preview`); the merge applies it (`pulumi up`). See README.md beside this file.
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { QuickBIOffboarding } from "pulumi-quickbi-offboarding";

const config = new pulumi.Config();

// `pulumi up` runs the program with the project directory as its working directory, and this file is
// the project's main, so both resolve people.yaml alike. Resolving against this file keeps that true
// when another tool runs the program from elsewhere (the repository's `npm start -- gitops` does).
// `peopleFile` exists for that tool too; a GitOps repository just edits people.yaml.
const peopleFile = resolve(__dirname, config.get("peopleFile") ?? "people.yaml");

// An entry naming no Quick BI user fails the preview (a typo must not pass review); an entry may say
// `onMissingUser: succeed` for someone whose account was already deleted.
const leavers = new QuickBIOffboarding("leavers", { peopleFile });

/** Who was offboarded, with the RequestId of each WithdrawAllUserGroups call: the audit trail. */
export const offboarded = leavers.offboarded;
