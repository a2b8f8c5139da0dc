import assert from "node:assert/strict";
import { createRemovalGuardProvider } from "../../provider/offboarding/removal-guard";

async function guard(stackConfig: Record<string, string> = {}) {
  const provider = createRemovalGuardProvider();
  await provider.configure({ config: { get: (key) => stackConfig[key] } });
  return provider;
}

const people = (n: number, prefix = "u") =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

describe("the removal guard", () => {
  it("lets a first list of up to 10 people through by default", async () => {
    assert.deepEqual((await (await guard()).check({}, { people: people(10) })).failures, []);
  });

  it("refuses an update that adds more than 10, saying how many and how to raise the limit", async () => {
    const { failures } = await (await guard()).check({}, { people: people(11) });
    assert.equal(failures[0]!.property, "people");
    assert.match(
      failures[0]!.reason,
      /this update would offboard 11 people \(u000, u001, u002, u003, u004, and 6 more\); the removal guard allows 10 per update \(the default\)/,
    );
    assert.match(failures[0]!.reason, /pulumi config set quickbi:maxRemovalsPerUpdate 11/);
  });

  it("counts only the people new since the last update", async () => {
    const before = people(100);
    const after = [...before, ...people(3, "new")];
    assert.deepEqual((await (await guard()).check({ people: before }, { people: after })).failures, []);
  });

  it("counts everyone whose steps a new stack default quickbi:scope changes", async () => {
    // given: 20 people offboarded with the groups alone
    const listed = people(20);
    const before = (await (await guard()).check({}, { people: listed })).inputs;
    // when: the stack default widens the scope for all of them
    const wide = await guard({ "quickbi:scope": "groups,account" });
    const { failures, inputs } = await wide.check(before, { people: listed });
    // then
    assert.match(
      failures[0]!.reason,
      /this update would offboard 0 new people and change the steps of 20 \(u000, u001, u002, u003, u004, and 15 more\)/,
    );
    assert.equal(inputs.effectiveScopes?.length, 20);
    assert.equal(inputs.effectiveScopes?.[0], "u000=groups,account");
  });

  it("counts a person whose own scope changes, and not the others", async () => {
    const listed = people(20);
    const before = (await (await guard()).check({}, { people: listed })).inputs;
    const { failures, inputs } = await (
      await guard()
    ).check(before, { people: listed, scopes: ["u003=groups,workspaces"], maxRemovalsPerUpdate: 0 });
    assert.match(failures[0]!.reason, /change the steps of 1 \(u003\)/);
    assert.deepEqual(inputs.effectiveScopes, ["u003=groups,workspaces"]);
  });

  it("records nothing new for the default scope: a list guarded before scope existed plans no change", async () => {
    const provider = await guard();
    const { inputs } = await provider.check({ people: people(3) }, { people: people(3) });
    assert.deepEqual(inputs, { people: people(3) });
    assert.equal((await provider.diff("removal-guard", { people: people(3) }, inputs)).changes, false);
  });

  it("takes the limit from stack config quickbi:maxRemovalsPerUpdate", async () => {
    const raised = await guard({ "quickbi:maxRemovalsPerUpdate": "200" });
    assert.deepEqual((await raised.check({}, { people: people(200) })).failures, []);
  });

  it("prefers the component's maxRemovalsPerUpdate and names it", async () => {
    const { failures } = await (
      await guard({ "quickbi:maxRemovalsPerUpdate": "200" })
    ).check({}, { people: people(3), maxRemovalsPerUpdate: 2 });
    assert.match(failures[0]!.reason, /allows 2 per update \(the component's maxRemovalsPerUpdate\)/);
  });

  it("rejects a limit that is not a whole number", async () => {
    const { failures } = await (
      await guard({ "quickbi:maxRemovalsPerUpdate": "many" })
    ).check({}, { people: people(1) });
    assert.equal(failures[0]!.property, "maxRemovalsPerUpdate");
    assert.match(
      failures[0]!.reason,
      /^the removal limit from stack config quickbi:maxRemovalsPerUpdate is "many"; allowed: a whole number, 0 or more\. Fix it with `pulumi config set quickbi:maxRemovalsPerUpdate <number>`/,
    );
  });

  it("records the new list on update so the next update counts from it", async () => {
    const provider = await guard();
    const { outs } = await provider.update("removal-guard", { people: people(5) }, { people: people(8) });
    assert.deepEqual(outs.people, people(8));
    // 10 more than the 8 recorded is within the default limit; counted from the earlier 5 it would be 13.
    const next = [...people(8), ...people(10, "new")];
    assert.deepEqual((await provider.check(outs, { people: next })).failures, []);
    assert.equal((await provider.check({ people: people(5) }, { people: next })).failures.length, 1);
  });

  it("sees no change for the same list", async () => {
    const provider = await guard();
    assert.equal(
      (await provider.diff("removal-guard", { people: people(5) }, { people: people(5) })).changes,
      false,
    );
  });
});
