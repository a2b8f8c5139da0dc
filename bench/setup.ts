// What the benchmarks share: the stack config a user would set to point at the emulator, and a provider
// host started the way the engine starts it (in a Pulumi project whose node_modules has this package).
import type { QuickBIEmulator } from "../emulator";
import { makeHostProject, type HostProject } from "../harness/host-project";
import { startProviderHost, type ProviderHost } from "../harness/provider-host";
import { CANARY_ENV } from "../tests/support/canaries";

export const ALICE = "46e5374665ba4b679ee22e2a2927abcd";
export const ALICE_GROUPS = ["5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002", "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003"];

/** Endpoint and keys only: every other setting at the provider's defaults (quickbi:qps 10 among them). */
export function stackConfig(
  emulator: QuickBIEmulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    "quickbi:endpoint": emulator.url,
    "alicloud:accessKey": emulator.accessKeyId,
    "alicloud:secretKey": emulator.accessKeySecret,
    ...extra,
  };
}

/** Lifts the client-side rate limit out of the way, to see the provider's own cost. */
export const NO_LIMITER = { "quickbi:qps": "10000", "quickbi:concurrency": "256" } as const;

/** Puts alice back in her two groups, out of band, so every repetition withdraws real memberships. */
export function restoreAlice(emulator: QuickBIEmulator): void {
  for (const group of ALICE_GROUPS) emulator.addMembership(ALICE, group);
}

/** A host in `project`, with the canary credentials in its environment (the stack config wins). */
export function startHost(project: HostProject, callTimeoutMs = 120_000): Promise<ProviderHost> {
  return startProviderHost({
    cwd: project.dir,
    pulumiDir: project.pulumiDir,
    project: project.name,
    env: CANARY_ENV,
    callTimeoutMs,
  });
}

export { makeHostProject };
