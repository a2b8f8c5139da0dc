import assert from "node:assert/strict";
import { startEmulator, type FaultPlan, type FaultRule, type QuickBIEmulator } from "../../emulator";
import { call, callFailing, clientFor, type ClientError } from "./helpers/client";
import { ALICE, BOB } from "./helpers/fixtures";
import { sendRaw, signedRequest } from "./helpers/raw-http";

describe("emulator faults", () => {
  let emulator: QuickBIEmulator;
  afterEach(async () => emulator?.stop());

  async function withFaults(faults: FaultPlan | string, clock?: () => number): Promise<QuickBIEmulator> {
    emulator = await startEmulator({ faults, randomSeed: 7, ...(clock ? { clock } : {}) });
    return emulator;
  }

  const withdrawAlice = () => call(clientFor(emulator), "WithdrawAllUserGroups", { UserId: ALICE });
  const withdrawAliceFailing = () =>
    callFailing(clientFor(emulator), "WithdrawAllUserGroups", { UserId: ALICE });
  const aliceGroups = () => emulator.state().memberships.filter((m) => m.userId === ALICE).length;
  const rule = (fault: FaultRule["fault"], extra: Partial<FaultRule> = {}): FaultPlan => ({
    rules: [{ fault, ...extra }],
  });

  describe("each fault kind", () => {
    const errorFaults = [
      { fault: "throttle", code: "Throttling.User", status: 400 },
      { fault: "unavailable", code: "ServiceUnavailable", status: 503 },
      { fault: "internal", code: "Internal.System.Error", status: 400 },
      { fault: "forbidden", code: "Access.Forbidden", status: 400 },
    ] as const;
    for (const { fault, code, status } of errorFaults) {
      it(`"${fault}" answers ${status} ${code} and changes nothing`, async () => {
        // given
        await withFaults(rule(fault));
        // when
        const error = await withdrawAliceFailing();
        // then
        assert.equal(error.code, code);
        assert.equal(error.statusCode, status);
        assert.equal(aliceGroups(), 2);
      });
    }

    for (const [fault, status] of [
      ["html502", 502],
      ["html503", 503],
    ] as const) {
      it(`"${fault}" answers an HTML ${status} page that the client cannot parse as JSON`, async () => {
        // given
        await withFaults(rule(fault));
        // when
        const error = await withdrawAliceFailing();
        // then
        assert.ok(
          error instanceof SyntaxError,
          `expected a SyntaxError, got ${error.name}: ${error.message}`,
        );
        assert.equal(emulator.requests()[0]?.status, status);
      });

      it(`"${fault}" sends content-type text/html`, async () => {
        // given
        await withFaults(rule(fault));
        const request = signedRequest({
          host: emulator.endpoint,
          action: "WithdrawAllUserGroups",
          accessKeyId: emulator.accessKeyId,
          accessKeySecret: emulator.accessKeySecret,
          query: { UserId: ALICE },
        });
        // when
        const response = await sendRaw(Number(emulator.endpoint.split(":")[1]), request);
        // then
        assert.equal(response.status, status);
        assert.equal(response.headers["content-type"], "text/html");
        assert.match(response.body, /<html>/);
      });
    }

    it('"latency" answers normally after the delay and logs the fault', async () => {
      // given
      await withFaults(rule("latency", { latencyMs: 20 }));
      // when
      const body = await withdrawAlice();
      // then
      assert.equal(body.Result, true);
      assert.equal(aliceGroups(), 0);
      assert.equal(emulator.requests()[0]?.fault, "latency");
    });

    it('"reset" destroys the connection without an answer', async () => {
      // given
      await withFaults(rule("reset"));
      // when
      const error = await withdrawAliceFailing();
      // then
      assert.match(
        `${(error as ClientError & { code?: string }).code} ${error.message}`,
        /ECONNRESET|socket hang up/,
      );
      assert.equal(emulator.requests()[0]?.status, 0);
    });

    it('"hang" never answers, so the client times out, and stop() still returns', async () => {
      // given
      await withFaults(rule("hang"));
      const impatient = clientFor(emulator, { readTimeout: 200 });
      // when
      const error = await callFailing(impatient, "WithdrawAllUserGroups", { UserId: ALICE });
      // then
      assert.match(error.name + error.message, /Timeout/i);
      await emulator.stop();
    });

    it('"hang" does not keep stop() waiting for a client that is still waiting', async () => {
      // given a client that would wait far longer than the test
      await withFaults(rule("hang"));
      const pending = callFailing(clientFor(emulator, { readTimeout: 600_000 }), "WithdrawAllUserGroups", {
        UserId: ALICE,
      });
      while (emulator.requests().length === 0) await new Promise((r) => setImmediate(r));
      // when
      await emulator.stop();
      // then the client sees its connection end
      const error = await pending;
      assert.match(error.message, /socket hang up|ECONNRESET/);
    });

    it('"resultFalse" answers 200 with Success true and Result false, and changes nothing', async () => {
      // given
      await withFaults(rule("resultFalse"));
      // when
      const body = await withdrawAlice();
      // then
      assert.deepEqual({ Success: body.Success, Result: body.Result }, { Success: true, Result: false });
      assert.equal(aliceGroups(), 2);
    });

    it('"keepMembership" answers success but leaves the memberships in place', async () => {
      // given
      await withFaults(rule("keepMembership"));
      // when
      const body = await withdrawAlice();
      // then
      assert.equal(body.Result, true);
      assert.equal(aliceGroups(), 2);
    });
  });

  describe("rule matching", () => {
    it("fires a rule at most `times` times", async () => {
      // given
      await withFaults(rule("throttle", { times: 2 }));
      // when
      const first = await withdrawAliceFailing();
      const second = await withdrawAliceFailing();
      const third = await withdrawAlice();
      // then
      assert.deepEqual([first.code, second.code, third.Result], ["Throttling.User", "Throttling.User", true]);
    });

    it("fires only for the rule's userId", async () => {
      // given
      await withFaults(rule("forbidden", { userId: BOB }));
      // when
      const alice = await withdrawAlice();
      const bob = await callFailing(clientFor(emulator), "WithdrawAllUserGroups", { UserId: BOB });
      // then
      assert.equal(alice.Result, true);
      assert.equal(bob.code, "Access.Forbidden");
    });

    it("fires only for the rule's action", async () => {
      // given
      await withFaults(rule("internal", { action: "ListUserGroupsByUserId" }));
      // when
      const withdrawal = await withdrawAlice();
      const listing = await callFailing(clientFor(emulator), "ListUserGroupsByUserId", { UserId: ALICE });
      // then
      assert.equal(withdrawal.Result, true);
      assert.equal(listing.code, "Internal.System.Error");
    });

    it("uses the first matching rule that still has budget", async () => {
      // given
      await withFaults({ rules: [{ fault: "internal", times: 1 }, { fault: "forbidden" }] });
      // when
      const first = await withdrawAliceFailing();
      const second = await withdrawAliceFailing();
      // then
      assert.deepEqual([first.code, second.code], ["Internal.System.Error", "Access.Forbidden"]);
    });

    it("never fires a rule with probability 0", async () => {
      // given
      await withFaults(rule("throttle", { probability: 0 }));
      // when
      const body = await withdrawAlice();
      // then
      assert.equal(body.Result, true);
    });

    it("draws probabilistic faults reproducibly from randomSeed", async () => {
      // given two emulators with the same seed and plan
      const pattern = async (): Promise<string[]> => {
        const e = await startEmulator({ randomSeed: 42, faults: rule("internal", { probability: 0.5 }) });
        const client = clientFor(e);
        const outcomes: string[] = [];
        for (let i = 0; i < 12; i++) {
          outcomes.push(
            await call(client, "CheckOrganizationMember", { UserId: ALICE }).then(
              () => "ok",
              (error: ClientError) => error.code ?? "?",
            ),
          );
        }
        await e.stop();
        return outcomes;
      };
      // when
      const [first, second] = [await pattern(), await pattern()];
      // then
      assert.deepEqual(first, second);
      assert.ok(first.includes("ok") && first.includes("Internal.System.Error"), first.join(","));
    });

    it("checks the signature before any fault", async () => {
      // given
      await withFaults(rule("throttle"));
      // when
      const error = await callFailing(
        clientFor(emulator, { accessKeySecret: "wrong" }),
        "WithdrawAllUserGroups",
        {
          UserId: ALICE,
        },
      );
      // then
      assert.equal(error.code, "SignatureDoesNotMatch");
    });

    it("replaces the plan and its budgets with setFaults", async () => {
      // given
      await withFaults(rule("throttle"));
      // when
      emulator.setFaults({});
      // then
      assert.equal((await withdrawAlice()).Result, true);
    });
  });
});
