/**
 * The provider implementations, one of each per provider-host process: `configure` stores the stack
 * config that every resource's calls in that process use. Required at run time by the `*-runtime.ts`
 * modules, which are what Pulumi serializes.
 */
import { createRemovalGuardProvider } from "../offboarding/removal-guard";
import { createRevocationProvider } from "../revocation/provider";

export const revocationProvider = createRevocationProvider();
export const removalGuardProvider = createRemovalGuardProvider();
