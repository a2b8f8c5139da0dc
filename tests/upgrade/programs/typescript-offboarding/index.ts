// Everyone in a people file, as examples/gitops has it: one QuickBIOffboarding and its removal guard.
// The file is named relative to the project directory, as a user's program names it.
import { QuickBIOffboarding } from "pulumi-quickbi-offboarding";

const leavers = new QuickBIOffboarding("leavers", { peopleFile: "people.yaml" });

export const offboarded = leavers.offboarded;
