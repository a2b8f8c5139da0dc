// The fault-injection soak with a fixed seed, small enough for CI (about 150 revocations). The long run
// (1,000 and more) is `npm run bench -- --full`. Counts, not timings, are asserted.
import assert from "node:assert/strict";
import { runSoak, type SoakResult } from "./soak";

describe("the fault-injection soak (fixed seed, through the real provider host)", function () {
  this.timeout(180_000);
  let result: SoakResult;

  before(async () => {
    result = await runSoak({ revocations: 150, seed: 20261128 });
    const { verdicts, failedAfterWithdrawing, seconds } = result;
    console.log(
      `      soak: ${JSON.stringify(verdicts)}, ${failedAfterWithdrawing} failed after withdrawing, ${seconds.toFixed(1)} s`,
    );
  });

  it("never records a withdrawal that did not happen (0 false done)", () => {
    assert.equal(result.verdicts["false done"], 0, JSON.stringify(result.examples["false done"]));
  });

  it("ends every revocation as done or as a failure (0 lost)", () => {
    assert.equal(result.verdicts.lost, 0, JSON.stringify(result.examples.lost));
    assert.equal(
      result.verdicts["done"] + result.verdicts["failed clearly"] + result.verdicts["failed unclearly"],
      result.revocations,
    );
  });

  it("names the operation, the user and the Quick BI code in every failure", () => {
    assert.deepEqual(result.examples["failed unclearly"] ?? [], []);
    assert.equal(result.verdicts["failed unclearly"], 0);
  });

  it("records nothing for a failed revocation (no partially created resource)", () => {
    assert.equal(
      result.verdicts["failed but recorded"],
      0,
      JSON.stringify(result.examples["failed but recorded"]),
    );
  });

  it("bounds every call: no Check or Create outlives its timeout", () => {
    assert.equal(result.verdicts.hang, 0, JSON.stringify(result.examples.hang));
  });

  it("exercised every fault kind, and both outcomes", () => {
    for (const fault of ["throttle", "unavailable", "html502", "html503", "reset", "hang", "internal"]) {
      assert.ok(result.faultsFired[fault], `${fault} never fired`);
    }
    for (const fault of ["resultFalse", "keepMembership", "forbidden", "latency"]) {
      assert.ok(result.faultsFired[fault], `${fault} never fired`);
    }
    assert.ok(result.verdicts.done > 0 && result.verdicts["failed clearly"] > 0);
  });

  it("shows no canary credential in any output, error or host output", () => {
    assert.equal(result.canarySightings, 0);
  });
});

describe("the fault-injection soak of the multi-step offboarding (scope beyond the groups)", function () {
  this.timeout(300_000);
  let result: SoakResult;

  before(async () => {
    result = await runSoak({
      revocations: 60,
      seed: 20261205,
      scope: ["groups", "workspaces", "organizationRoles", "account"],
    });
    const { verdicts, seconds, requests } = result;
    console.log(
      `      scoped soak: ${JSON.stringify(verdicts)}, ${requests} requests, ${seconds.toFixed(1)} s`,
    );
  });

  it("never records a step as done that Quick BI did not do (0 false done)", () => {
    assert.equal(result.verdicts["false done"], 0, JSON.stringify(result.examples["false done"]));
  });

  it("never loses the record of access Quick BI took away (0 records lost)", () => {
    assert.equal(result.verdicts["record lost"], 0, JSON.stringify(result.examples["record lost"]));
    assert.equal(result.verdicts.lost, 0, JSON.stringify(result.examples.lost));
  });

  it("ends each person done, failed before anything was taken, or with a partial record the next up finishes", () => {
    const { verdicts } = result;
    assert.equal(
      verdicts["done"] + verdicts["failed clearly"] + verdicts["recorded partial"],
      result.revocations,
      JSON.stringify(result.examples),
    );
    assert.ok(verdicts["done"] > 0 && verdicts["recorded partial"] > 0);
  });

  it("bounds every call, and shows no canary credential", () => {
    assert.equal(result.verdicts.hang, 0, JSON.stringify(result.examples.hang));
    assert.equal(result.canarySightings, 0);
  });
});
