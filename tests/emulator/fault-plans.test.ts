// The emulator's fault plans beyond single rules: the QPS quota, and plans read from files.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type FaultRule, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor, type ClientError } from "./helpers/client";
import { ALICE, FINANCE, SALES } from "./helpers/fixtures";

describe("emulator fault plans", () => {
  let emulator: QuickBIEmulator;
  afterEach(async () => emulator?.stop());

  describe("QPS quota", () => {
    it("answers Throttling.User above the quota within one second", async () => {
      // given a frozen clock, so every request falls in the same window
      const frozen = Date.now();
      emulator = await startEmulator({ faults: { qps: 2 }, randomSeed: 7, clock: () => frozen });
      const client = clientFor(emulator);
      // when
      const outcomes = await Promise.all(
        [1, 2, 3].map(() =>
          call(client, "CheckOrganizationMember", { UserId: ALICE }).then(
            () => "ok",
            (e: ClientError) => e.code,
          ),
        ),
      );
      // then
      assert.deepEqual(outcomes.sort(), ["Throttling.User", "ok", "ok"]);
      assert.equal(emulator.requests().filter((r) => r.fault === "throttle").length, 1);
    });

    it("admits requests again once the window has slid past", async () => {
      // given a clock the test moves
      const start = Date.now();
      let now = start;
      emulator = await startEmulator({ faults: { qps: 1 }, clock: () => now });
      const client = clientFor(emulator);
      await call(client, "CheckOrganizationMember", { UserId: ALICE });
      const throttled = await callFailing(client, "CheckOrganizationMember", { UserId: ALICE });
      // when
      now = start + 1000;
      const admitted = await call(client, "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(throttled.code, "Throttling.User");
      assert.equal(admitted.Success, true);
    });
  });

  describe("plan files", () => {
    it("loads a fault plan from a JSON file", async () => {
      // given
      const file = join(tmpdir(), `faults-${process.pid}.json`);
      writeFileSync(file, JSON.stringify({ rules: [{ fault: "forbidden", action: "AddUserGroupMembers" }] }));
      emulator = await startEmulator({ faults: file, randomSeed: 7 });
      // when
      const error = await callFailing(clientFor(emulator), "AddUserGroupMembers", {
        UserId: ALICE,
        UserGroupIds: `${FINANCE},${SALES}`,
      });
      // then
      assert.equal(error.code, "Access.Forbidden");
    });

    it("rejects an unknown fault name, listing the allowed ones", async () => {
      await assert.rejects(
        startEmulator({ faults: { rules: [{ fault: "explode" as FaultRule["fault"] }] } }),
        /rules\[0\]\.fault must be one of throttle, unavailable, .*keepMembership; got "explode"/,
      );
    });
  });
});
