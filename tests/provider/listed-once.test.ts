// The same person listed twice under different keys (once by account, once by userId) is refused at
// preview, whichever of the two is new.
import assert from "node:assert/strict";
import {
  ALICE,
  checkAndCreate,
  configuredProvider,
  emulatorStackConfig,
  useEmulatorAndProvider,
} from "../support/configured-provider";

describe("one revocation per person", () => {
  const t = useEmulatorAndProvider();

  const byAccount = { account: "alice", listedAt: "people.yaml:3" };
  const byUserId = { userId: ALICE, listedAt: "people.yaml:9" };

  it("refuses the second of two new entries that resolve to the same user, naming both lines", async () => {
    assert.deepEqual((await t.provider.check!({}, byAccount)).failures, []);
    const { failures } = await t.provider.check!({}, byUserId);
    assert.equal(failures!.length, 1);
    assert.equal(failures![0]!.property, "userId");
    assert.equal(
      failures![0]!.reason,
      `people.yaml:9: userId "${ALICE}" and account "alice" (people.yaml:3) are the same Quick BI user, UserId "${ALICE}": ` +
        "offboarding them twice would keep two audit records that disagree. List each person once: remove one of the two entries.",
    );
  });

  it("refuses a new account entry for someone already offboarded by userId", async () => {
    // The entry on main: already done, so check reads nothing but still claims its UserId.
    assert.deepEqual((await t.provider.check!(byUserId, byUserId)).failures, []);
    const { failures } = await t.provider.check!({}, byAccount);
    assert.match(
      failures![0]!.reason,
      /^people\.yaml:3: account "alice" and userId ".*" \(people\.yaml:9\) are the same Quick BI user/,
    );
  });

  it("refuses, in diff, an account entry already offboarded once a new userId entry claimed the user", async () => {
    // Offboarded by account in an earlier run (another provider process).
    const earlier = await configuredProvider(emulatorStackConfig(t.emulator));
    const { id, outs } = await checkAndCreate(earlier, { account: "alice" });
    const fresh = await t.provider.check!({}, byUserId); // the pull request's new entry
    assert.deepEqual(fresh.failures, []);
    const checked = await t.provider.check!({ account: "alice" }, byAccount); // the entry on main
    assert.deepEqual(checked.failures, []);
    await assert.rejects(
      t.provider.diff!(id, outs, checked.inputs),
      /^Error: people\.yaml:3: account "alice" and userId ".*" \(people\.yaml:9\) are the same Quick BI user/,
    );
  });

  it("accepts the same entry checked twice in one process (a preview, then the update)", async () => {
    await t.provider.check!({}, byAccount);
    assert.deepEqual((await t.provider.check!({}, byAccount)).failures, []);
  });

  it("accepts an entry rewritten from account to userId (a replacement), which gives up the old claim", async () => {
    await t.provider.check!({}, byAccount);
    assert.deepEqual((await t.provider.check!({ account: "alice" }, byUserId)).failures, []);
  });
});
