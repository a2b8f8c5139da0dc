// A bulk offboarding by the real Pulumi CLI against an emulator with a QPS quota: the provider's shared
// limiter is what keeps hundreds of concurrent steps under the quota. Behaviours are asserted, never
// timings; the figures (requests, busiest second, throttled, duration) are printed.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { bulkSeed, bulkUserIds } from "../../harness/bulk-people";
import { LocalStack } from "../../harness/local-stack";
import type { PulumiCli } from "../../harness/pulumi-cli";
import { admitted, peakPerSecond, THROTTLED, throttled } from "../../harness/quota-use";
import { recordForCanaryScan } from "../support/canaries";
import { startCanaryEmulator } from "../support/configured-provider";
import { describeWithPulumiCli } from "../support/pulumi-cli";
import { REVOCATION_TYPE } from "../support/revocation-provider-text";

const REPO = resolve(__dirname, "..", "..");
const PROGRAM = resolve(__dirname, "fixtures", "bulk-offboarding.ts");
const PEOPLE = 200;
/**
 * 7 calls per new person: 3 in check (who, their groups, and the residual access's workspaces), 4 in
 * create (list, withdraw, verify, and the residual access read again).
 */
const CALLS = 7 * PEOPLE;
/** The emulator's quota: a request beyond it in any sliding second is answered Throttling.User. */
const QUOTA = 50;
/** The provider's limiter, below the quota as a user would set it, so that no request is throttled. */
const LIMITER_QPS = 40;
/**
 * The contrast's quota. Its calls could only stay under it by taking CALLS / LOW_QUOTA = 280 s, more
 * than this suite allows a run: an unpaced client exceeds it by construction, however loaded the
 * machine (a machine too slow for that fails on the timeout, loudly, never by passing).
 */
const LOW_QUOTA = 5;
const CONTRAST_TIMEOUT_MS = 150_000;

describeWithPulumiCli(`offboarding ${PEOPLE} people in one pulumi up against a quota`, (cli) => {
  let emulator: QuickBIEmulator;
  let stack: LocalStack | undefined;

  afterEach(async () => {
    await stack?.close();
    await emulator?.stop();
    stack = undefined;
  });

  it(`withdraws everyone with 0 failures and no second over quickbi:qps (${LIMITER_QPS}) under a quota of ${QUOTA}/s`, async function () {
    // 1,400 calls at 40/s: 35 s at the least, plus the CLI's own work.
    this.timeout(300_000);
    ({ emulator, stack } = await offboardingStack(cli(), QUOTA, { "quickbi:qps": String(LIMITER_QPS) }));
    const started = Date.now();

    const up = await stack.stack.up();

    const log = emulator.requests();
    report(
      `quickbi:qps ${LIMITER_QPS}, quota ${QUOTA}/s: ${log.length} requests, busiest second ${peakPerSecond(log)}, ` +
        `${throttled(log)} throttled, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    recordForCanaryScan("CLI output", "bulk pulumi up", up.stdout + up.stderr);
    assert.equal((await stack.resources(REVOCATION_TYPE)).length, PEOPLE, "one revocation per person");
    assert.equal(log.filter((r) => r.action === "WithdrawAllUserGroups" && r.status === 200).length, PEOPLE);
    const left = new Set(bulkUserIds(PEOPLE));
    assert.deepEqual(
      emulator.state().memberships.filter((m) => left.has(m.userId)),
      [],
      "every leaver is in no group",
    );
    assert.equal(admitted(log).length, CALLS, `${CALLS} calls: 7 per person, none retried`);
    assert.ok(peakPerSecond(log) <= LIMITER_QPS, `the busiest second held ${peakPerSecond(log)} requests`);
    assert.equal(throttled(log), 0);
  });

  it(`is throttled with the limit lifted, by a quota (${LOW_QUOTA}/s) an unpaced client exceeds by construction`, async function () {
    this.timeout(CONTRAST_TIMEOUT_MS);
    // One attempt per call: the first throttled call fails its person and the update stops there,
    // instead of retrying its way through the quota for minutes.
    ({ emulator, stack } = await offboardingStack(cli(), LOW_QUOTA, {
      "quickbi:qps": "10000",
      "quickbi:concurrency": "64",
      "quickbi:maxAttempts": "1",
    }));
    const started = Date.now();

    const failure = await stack.stack.up().then(
      () => undefined,
      (error: Error) => error,
    );

    const log = emulator.requests();
    report(
      `limit lifted, quota ${LOW_QUOTA}/s: ${log.length} requests, busiest second ${peakPerSecond(log)} admitted, ` +
        `${throttled(log)} throttled, up ${failure ? "failed" : "succeeded"}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.ok(throttled(log) > 0, "no request was throttled");
    assert.ok(failure, "pulumi up succeeded although Quick BI throttled it");
    assert.match(failure.message, new RegExp(THROTTLED.replace(".", "\\.")), "the failure names the code");
  });
});

/** A fresh emulator with the bulk people and `quota`, and a stack of the bulk program pointed at it. */
async function offboardingStack(
  cli: PulumiCli,
  quota: number,
  config: Record<string, string>,
): Promise<{ emulator: QuickBIEmulator; stack: LocalStack }> {
  const emulator = await startCanaryEmulator({
    seed: bulkSeed(PEOPLE),
    faults: { qps: quota },
    randomSeed: 7,
  });
  try {
    const stack = await LocalStack.open({
      cli,
      project: "quickbi-bulk-test",
      projectDir: REPO,
      main: PROGRAM,
      config: {
        "quickbi:endpoint": emulator.url,
        "alicloud:accessKey": emulator.accessKeyId,
        "alicloud:secretKey": { secret: emulator.accessKeySecret },
        "quickbi:maxRemovalsPerUpdate": String(PEOPLE),
        people: String(PEOPLE),
        ...config,
      },
    });
    return { emulator, stack };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

function report(line: string): void {
  console.log(`      ${line}`);
}
