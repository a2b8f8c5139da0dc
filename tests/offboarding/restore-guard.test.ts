// The removal guard counts restores as removals: restoring many people at once is as much a mass
// change of who has access as removing them, and so is offboarding many restored people again.
import assert from "node:assert/strict";
import { createRemovalGuardProvider } from "../../provider/offboarding/removal-guard";

async function guard(stackConfig: Record<string, string> = {}) {
  const provider = createRemovalGuardProvider();
  await provider.configure({ config: { get: (key) => stackConfig[key] } });
  return provider;
}

const people = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, "0")}`);

describe("the removal guard on restores", () => {
  const listed = people(40);

  it("refuses a change restoring 30 people like one removing 30, with the same way to raise the limit", async () => {
    const { failures } = await (
      await guard()
    ).check({ people: listed }, { people: listed, restores: people(30) });

    assert.equal(failures[0]?.property, "restores");
    assert.match(
      failures[0]!.reason,
      /this update would restore 30 people \(u000, u001, u002, u003, u004, and 25 more\); the removal guard counts restores, and offboarding a restored person again, as removals and allows 10 per update \(the default\)/,
    );
    assert.match(failures[0]!.reason, /pulumi config set quickbi:maxRemovalsPerUpdate 30/);
  });

  it("counts restores and new people together", async () => {
    const { failures } = await (
      await guard()
    ).check(
      { people: listed },
      { people: [...listed, ...["n1", "n2", "n3", "n4", "n5", "n6"]], restores: people(5) },
    );

    assert.match(failures[0]!.reason, /this update would offboard 6 people and restore 5 people/);
  });

  it("counts a restore once, in the update that asks for it", async () => {
    const { failures } = await (
      await guard()
    ).check({ people: listed, restores: people(30) }, { people: listed, restores: people(32) });

    assert.deepEqual(failures, []);
  });

  it("counts offboarding restored people again as removals", async () => {
    const { failures } = await (
      await guard()
    ).check({ people: listed, restores: people(12) }, { people: listed });

    assert.match(failures[0]!.reason, /this update would offboard 12 people/);
  });

  it("lets the limit raised for the update through", async () => {
    const raised = await guard({ "quickbi:maxRemovalsPerUpdate": "30" });
    const { failures } = await raised.check({ people: listed }, { people: listed, restores: people(30) });

    assert.deepEqual(failures, []);
  });
});
