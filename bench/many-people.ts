// The stacks the preview and refresh benchmarks share, set up once (not timed): N people already
// offboarded, as a long-running GitOps stack holds them, and N trivial dynamic resources beside them,
// both in state by the same CLI against one emulator, both from this checkout. (An installed project's
// program must run in a process of its own, harness/installed-stack.ts, out of reach of the timings.)
import { openBenchStack } from "./cli-stack";
import { stateOnDisk } from "./state-on-disk";
import { startCanaryEmulator } from "../tests/support/configured-provider";
import { REVOCATION_TYPE } from "../tests/support/revocation-provider-text";
import type { QuickBIEmulator } from "../emulator";
import { bulkUserIds } from "../harness/bulk-people";
import { LARGE_ORGANIZATION, organizationSeed, type OrganizationShape } from "../harness/organization-seed";
import type { LocalStack } from "../harness/local-stack";

/** The limiter lifted for the setup, which is not what is measured: 5 calls per person, thousands. */
const SETUP_LIMITS = { "quickbi:qps": "10000", "quickbi:concurrency": "64" } as const;

export interface ManyPeople {
  readonly people: number;
  /** The emulated organisation around them (one more person than the stack holds, for the next up). */
  readonly organization: OrganizationShape;
  readonly emulator: QuickBIEmulator;
  /** `people` QuickBIUserGroupRevocation resources, all withdrawn. */
  readonly revocations: LocalStack;
  /** As many trivial dynamic resources (bench/programs/trivial.ts). */
  readonly trivial: LocalStack;
  /** How long the two setup `pulumi up`s took, in seconds (for the notes). */
  readonly setupSeconds: { readonly revocations: number; readonly trivial: number };
  close(): Promise<void>;
}

/** Opens both stacks and runs `pulumi up` on each; afterwards the revocations' stack has
 * `quickbi:qps` `qps` and the default `quickbi:concurrency`. */
export async function setUpManyPeople(people: number, qps: number): Promise<ManyPeople> {
  // The organisation, or as many users as the people need: the people are its first users.
  const organization = {
    ...LARGE_ORGANIZATION,
    people: people + 1,
    users: Math.max(LARGE_ORGANIZATION.users, people + 1),
  };
  const emulator = await startCanaryEmulator({ seed: organizationSeed(organization), randomSeed: 5 });
  const opened: LocalStack[] = [];
  const close = async () => {
    for (const stack of opened) await stack.close();
    await emulator.stop();
  };
  try {
    const revocations = await openBenchStack("revocations", emulator, {
      people: String(people),
      ...SETUP_LIMITS,
    });
    opened.push(revocations);
    const trivial = await openBenchStack("trivial", emulator, { resources: String(people) });
    opened.push(trivial);
    const started = Date.now();
    await upWithoutCheckpoints(revocations);
    const revocationSeconds = (Date.now() - started) / 1000;
    const done = stateOnDisk(revocations).resources.filter((r) => r.type === REVOCATION_TYPE).length;
    if (done !== people) throw new Error(`setup: the stack holds ${done} revocations, not ${people}`);
    const offboarded = new Set(bulkUserIds(people));
    const left = emulator.state().memberships.filter((m) => offboarded.has(m.userId)).length;
    if (left !== 0) throw new Error(`setup: ${left} memberships of the people remain after pulumi up`);
    await upWithoutCheckpoints(trivial);
    const trivialSeconds = (Date.now() - started) / 1000 - revocationSeconds;
    await revocations.setConfig({ "quickbi:qps": String(qps) });
    await revocations.stack.removeConfig("quickbi:concurrency");
    // `pulumi refresh` configures the provider from the state (the default provider's inputs as the
    // last `up` recorded them), not from the stack config: a new quickbi:qps reaches a refresh only
    // after an `up` (a no-op here: every revocation is done, so it calls nothing).
    emulator.clearLog();
    await upWithoutCheckpoints(revocations);
    if (emulator.requests().length !== 0)
      throw new Error(`setup: the no-op up made ${emulator.requests().length} Quick BI calls`);
    return {
      people,
      organization,
      emulator,
      revocations,
      trivial,
      setupSeconds: { revocations: revocationSeconds, trivial: trivialSeconds },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * `pulumi up` with PULUMI_SKIP_CHECKPOINTS: the file backend otherwise rewrites the whole state after
 * every step, which is quadratic in the stack's size (minutes at 1,000 people, every state write
 * several MB). Only the setup skips them; what is measured runs as a user's stack does.
 */
async function upWithoutCheckpoints(local: LocalStack): Promise<void> {
  const env = local.stack.workspace.envVars;
  env.PULUMI_SKIP_CHECKPOINTS = "true";
  try {
    await local.stack.up();
  } finally {
    delete env.PULUMI_SKIP_CHECKPOINTS;
  }
}
