/**
 * The provider implementation, one per provider-host process: `configure` stores the stack config
 * that every resource's calls in that process use. Required at run time by `runtime.ts`.
 */
import { createRevocationProvider } from "../revocation/provider";

export const revocationProvider = createRevocationProvider();
