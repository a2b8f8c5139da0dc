// The fault-injection soak of restores with a fixed seed, small enough for CI (60 people). Counts, not
// timings, are asserted.
import assert from "node:assert/strict";
import { runRestoreSoak, type RestoreSoakResult } from "./soak-restores";

describe("the fault-injection soak of restores (fixed seed, through the real provider host)", function () {
  this.timeout(300_000);
  let result: RestoreSoakResult;

  before(async () => {
    result = await runRestoreSoak({ people: 60, seed: 20261206 });
    console.log(
      `      restore soak: ${JSON.stringify(result.verdicts)}, faults ${JSON.stringify(result.faultsFired)}`,
    );
  });

  it("never records as given back what Quick BI does not show (0 false done)", () => {
    assert.equal(result.verdicts["false done"], 0, JSON.stringify(result.examples["false done"]));
  });

  it("never gives back what the record does not say, and finishes every partial restore on the next up (0 lost)", () => {
    assert.equal(result.verdicts["record lost"], 0, JSON.stringify(result.examples["record lost"]));
    assert.equal(result.verdicts.lost, 0, JSON.stringify(result.examples.lost));
    assert.equal(result.verdicts.hang, 0, JSON.stringify(result.examples.hang));
  });

  it("ends each restore done, finished by the next up, or refused at preview; exercising both paths", () => {
    const { verdicts } = result;
    assert.equal(
      verdicts.done + verdicts["finished on the next up"] + verdicts["refused at preview"],
      result.people,
      JSON.stringify(result.examples),
    );
    assert.ok(verdicts.done > 0 && verdicts["finished on the next up"] > 0, JSON.stringify(verdicts));
  });

  it("names the group deleted since in the record of everyone who was in it, and shows no credential", () => {
    assert.ok(result.inDeletedGroup > 0);
    assert.equal(result.namedDeletedGroup, result.inDeletedGroup);
    for (const fault of ["throttle", "keepMembership", "forbidden", "latency"])
      assert.ok(result.faultsFired[fault], `${fault} never fired`);
    assert.equal(result.canarySightings, 0);
  });
});
