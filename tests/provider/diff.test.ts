import assert from "node:assert/strict";
import { ALICE, useEmulatorAndProvider } from "../support/configured-provider";

describe("diff", () => {
  const t = useEmulatorAndProvider();
  const olds = {
    userId: ALICE,
    outcome: "withdrawn",
    onMissingUser: "fail",
    requestId: "R",
    withdrawnAt: "T",
    groupsRemoved: [],
    currentGroups: [],
    checkedAt: "T",
    history: [],
    region: "cn-hangzhou",
    endpoint: "https://quickbi-public.cn-hangzhou.aliyuncs.com",
  };
  const NO_CHANGES = { changes: false, replaces: [], deleteBeforeReplace: false };

  it("sees no change for identical inputs", async () => {
    assert.deepEqual(await t.provider.diff!(ALICE, olds, { userId: ALICE }), NO_CHANGES);
  });

  it("ignores the impact check added", async () => {
    assert.deepEqual(
      await t.provider.diff!(ALICE, olds, { userId: ALICE, impact: { status: "known" } }),
      NO_CHANGES,
    );
  });

  it("replaces on a new userId", async () => {
    assert.deepEqual((await t.provider.diff!(ALICE, olds, { userId: "other" })).replaces, ["userId"]);
  });

  it("replaces on a new account", async () => {
    const byAccount = { ...olds, account: "alice" };
    assert.deepEqual((await t.provider.diff!(ALICE, byAccount, { account: "bob" })).replaces, ["account"]);
  });

  it("sees no change for the same account (the resolved userId is an output)", async () => {
    const byAccount = { ...olds, account: "alice" };
    assert.deepEqual(await t.provider.diff!(ALICE, byAccount, { account: "alice" }), NO_CHANGES);
  });

  it("replaces on an explicit region other than the one used", async () => {
    assert.deepEqual(
      (await t.provider.diff!(ALICE, olds, { userId: ALICE, region: "eu-central-1" })).replaces,
      ["region"],
    );
  });

  it("sees no change when the explicit region is the one the default resolved to", async () => {
    assert.equal(
      (await t.provider.diff!(ALICE, olds, { userId: ALICE, region: "cn-hangzhou" })).changes,
      false,
    );
  });

  it("replaces on changed triggers", async () => {
    assert.deepEqual(
      (await t.provider.diff!(ALICE, { ...olds, triggers: [1] }, { userId: ALICE, triggers: [2] })).replaces,
      ["triggers"],
    );
  });

  it("sees the same triggers with their keys in another order as unchanged", async () => {
    const before = { ...olds, triggers: [{ ticket: "HR-1", round: 2 }] };
    assert.deepEqual(
      await t.provider.diff!(ALICE, before, { userId: ALICE, triggers: [{ round: 2, ticket: "HR-1" }] }),
      NO_CHANGES,
    );
  });

  it("sees no change for an endpoint change alone, and calls nothing", async () => {
    assert.equal(
      (await t.provider.diff!(ALICE, olds, { userId: ALICE, endpoint: "http://127.0.0.1:1" })).changes,
      false,
    );
    assert.equal(t.emulator.requests().length, 0);
  });

  it("updates without replacing when the ticket changes", async () => {
    assert.deepEqual(await t.provider.diff!(ALICE, olds, { userId: ALICE, ticket: "HR-1" }), {
      ...NO_CHANGES,
      changes: true,
    });
  });

  it("asks for a new withdrawal when a refresh found the user back in a group", async () => {
    const drifted = { ...olds, currentGroups: [{ id: "g", name: "Finance", path: "g" }] };
    assert.deepEqual(await t.provider.diff!(ALICE, drifted, { userId: ALICE }), {
      ...NO_CHANGES,
      changes: true,
    });
  });
});
