import assert from "node:assert/strict";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { captureSignedRequest } from "./helpers/capture";
import { call, callFailing, clientFor } from "./helpers/client";
import { ALICE, REQUEST_ID } from "./helpers/fixtures";
import { sendRaw, signedRequest } from "./helpers/raw-http";

const MINUTE = 60_000;

function portOf(emulator: QuickBIEmulator): number {
  return Number(emulator.endpoint.split(":")[1]);
}

describe("emulator authentication", () => {
  let emulator: QuickBIEmulator;
  afterEach(async () => emulator?.stop());

  describe("with the real client's signature", () => {
    it("accepts a request signed by @alicloud/openapi-client", async () => {
      // given
      emulator = await startEmulator();
      // when
      const body = await call(clientFor(emulator), "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(body.Success, true);
      assert.equal(emulator.requests()[0]?.signatureVerified, true);
    });

    it("rejects the captured request once a query value is changed after signing", async () => {
      // given
      const captured = await captureSignedRequest("WithdrawAllUserGroups", { UserId: ALICE });
      emulator = captured.emulator;
      const tampered = { ...captured.request, url: captured.request.url.replace(ALICE, "someone-else") };
      // when
      const response = await sendRaw(portOf(emulator), tampered);
      // then
      assert.equal(response.status, 400);
      assert.equal(JSON.parse(response.body).Code, "SignatureDoesNotMatch");
      assert.equal(emulator.state().memberships.filter((m) => m.userId === ALICE).length, 2);
    });

    it("accepts the captured request unchanged, then rejects its replay as a reused nonce", async () => {
      // given
      const captured = await captureSignedRequest("CheckOrganizationMember", { UserId: ALICE });
      emulator = captured.emulator;
      // when
      const first = await sendRaw(portOf(emulator), captured.request);
      const replay = await sendRaw(portOf(emulator), captured.request);
      // then
      assert.equal(first.status, 200);
      assert.equal(replay.status, 400);
      assert.equal(JSON.parse(replay.body).Code, "SignatureNonceUsed");
    });

    it("rejects a body that does not match x-acs-content-sha256", async () => {
      // given
      const captured = await captureSignedRequest("CheckOrganizationMember", { UserId: ALICE });
      emulator = captured.emulator;
      const withBody = { ...captured.request, body: "UserId=other" };
      withBody.headers = { ...withBody.headers, "content-length": String(withBody.body.length) };
      // when
      const response = await sendRaw(portOf(emulator), withBody);
      // then
      assert.equal(JSON.parse(response.body).Code, "SignatureDoesNotMatch");
    });

    it("rejects an x-acs-* header that was added without being signed", async () => {
      // given
      const captured = await captureSignedRequest("CheckOrganizationMember", { UserId: ALICE });
      emulator = captured.emulator;
      const extra = { ...captured.request, headers: { ...captured.request.headers, "x-acs-extra": "1" } };
      // when
      const response = await sendRaw(portOf(emulator), extra);
      // then
      assert.match(JSON.parse(response.body).Message, /x-acs-extra must be listed in SignedHeaders/);
    });
  });

  describe("credentials", () => {
    it("answers 404 InvalidAccessKeyId.NotFound for an unknown AccessKeyId", async () => {
      // given
      emulator = await startEmulator();
      const stranger = clientFor(emulator, { accessKeyId: "LTUNKNOWNKEY", accessKeySecret: "whatever" });
      // when
      const error = await callFailing(stranger, "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(error.code, "InvalidAccessKeyId.NotFound");
      assert.equal(error.statusCode, 404);
    });

    it("answers SignatureDoesNotMatch for a known AccessKeyId signed with the wrong secret", async () => {
      // given
      emulator = await startEmulator();
      const wrongSecret = clientFor(emulator, { accessKeySecret: "not-the-secret" });
      // when
      const error = await callFailing(wrongSecret, "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(error.code, "SignatureDoesNotMatch");
      assert.equal(error.statusCode, 400);
    });

    it("accepts the STS pair with its security token", async () => {
      // given
      emulator = await startEmulator();
      // when
      const body = await call(clientFor(emulator, emulator.sts), "CheckOrganizationMember", {
        UserId: ALICE,
      });
      // then
      assert.equal(body.Result, true);
      assert.equal(emulator.requests()[0]?.accessKeyId, emulator.sts.accessKeyId);
    });

    it("rejects the STS pair with a wrong security token", async () => {
      // given
      emulator = await startEmulator();
      const wrongToken = clientFor(emulator, { ...emulator.sts, securityToken: "stolen-or-stale-token" });
      // when
      const error = await callFailing(wrongToken, "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(error.code, "InvalidSecurityToken.MismatchWithAccessKey");
    });

    it("rejects the STS pair without a security token", async () => {
      // given
      emulator = await startEmulator();
      const { accessKeyId, accessKeySecret } = emulator.sts;
      // when
      const error = await callFailing(
        clientFor(emulator, { accessKeyId, accessKeySecret }),
        "CheckOrganizationMember",
        {
          UserId: ALICE,
        },
      );
      // then
      assert.equal(error.code, "MissingSecurityToken");
    });

    it("answers MissingAuthorization to an unsigned request", async () => {
      // given
      emulator = await startEmulator();
      // when
      const response = await sendRaw(portOf(emulator), {
        method: "POST",
        url: `/?UserId=${ALICE}`,
        headers: { "x-acs-action": "WithdrawAllUserGroups", "x-acs-version": "2022-01-01" },
      });
      // then
      assert.equal(response.status, 400);
      assert.equal(JSON.parse(response.body).Code, "MissingAuthorization");
    });
  });

  describe("request date", () => {
    it("rejects a request dated more than 15 minutes from the emulator's clock", async () => {
      // given a server clock 16 minutes ahead of the client's
      emulator = await startEmulator({ clock: () => Date.now() + 16 * MINUTE });
      // when
      const error = await callFailing(clientFor(emulator), "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(error.code, "InvalidTimeStamp.Expired");
    });

    it("accepts a request dated 14 minutes from the emulator's clock", async () => {
      // given
      emulator = await startEmulator({ clock: () => Date.now() - 14 * MINUTE });
      // when
      const body = await call(clientFor(emulator), "CheckOrganizationMember", { UserId: ALICE });
      // then
      assert.equal(body.Success, true);
    });
  });

  describe("version and action", () => {
    it("answers InvalidVersion to another API version", async () => {
      // given
      emulator = await startEmulator();
      // when
      const error = await callFailing(
        clientFor(emulator),
        "WithdrawAllUserGroups",
        { UserId: ALICE },
        "2021-01-01",
      );
      // then
      assert.equal(error.code, "InvalidVersion");
      assert.equal(error.statusCode, 400);
    });

    it("answers 404 InvalidApi.NotFound to an unknown action", async () => {
      // given
      emulator = await startEmulator();
      // when
      const error = await callFailing(clientFor(emulator), "DeleteEverything", { UserId: ALICE });
      // then
      assert.equal(error.code, "InvalidApi.NotFound");
      assert.equal(error.statusCode, 404);
    });
  });

  describe("error responses", () => {
    it("carry Code, Message, RequestId, HostId and Recommend as application/json", async () => {
      // given
      emulator = await startEmulator();
      // when
      const response = await sendRaw(portOf(emulator), { method: "POST", url: "/", headers: {} });
      // then
      assert.match(String(response.headers["content-type"]), /^application\/json/);
      const body = JSON.parse(response.body);
      assert.deepEqual(Object.keys(body).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
      assert.match(body.RequestId, REQUEST_ID);
    });
  });

  describe("form-encoded body parameters", () => {
    it("accepts parameters in a signed form body", async () => {
      // given
      emulator = await startEmulator();
      const request = signedRequest({
        host: emulator.endpoint,
        action: "CheckOrganizationMember",
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
        form: { UserId: ALICE },
      });
      // when
      const response = await sendRaw(portOf(emulator), request);
      // then
      assert.equal(JSON.parse(response.body).Result, true);
      assert.deepEqual(emulator.requests()[0]?.params, { UserId: ALICE });
    });
  });
});
