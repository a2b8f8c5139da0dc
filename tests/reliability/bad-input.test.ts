// The bad-input corpus: every case goes through the REAL dynamic-provider host's Check, as `pulumi
// preview` / `up` would send it, against an emulator whose request log must stay empty. A case passes
// when Check answers a failure naming the expected property (with a reason) and Quick BI heard nothing.
// Malformed people files, which the program reads, are in bad-people-files.test.ts.
import assert from "node:assert/strict";
import type { QuickBIEmulator } from "../../emulator";
import { startHostSession, type HostSession } from "../../harness/host-session";
import { UNKNOWN_VALUE, urnFor } from "../../harness/provider-host";
import { CANARY_ENV } from "../support/canaries";
import { ALICE, emulatorStackConfig, startCanaryEmulator } from "../support/configured-provider";
import { REVOCATION_TYPE, revocationProviderText } from "../support/revocation-provider-text";

const URN = urnFor(REVOCATION_TYPE, "bad-input");
/** Replaced by the emulator's URL in a case's inputs. */
const EMULATOR = "<emulator>";

interface Case {
  readonly title: string;
  readonly inputs: Record<string, unknown>;
  /** The property the failure must name. */
  readonly property: string;
}

const CYRILLIC_A = "\u0430";
const userIdCases: Case[] = [
  ["empty", ""],
  ["only spaces", "   "],
  ["only a tab", "\t"],
  ["a NUL character", "46e5374665ba4b679ee22e2a2927abc\u0000"],
  ["a line feed", "46e5374665ba4b67\n9ee22e2a2927abcd"],
  ["a DEL character", "46e5374665ba4b679ee22e2a2927abcd\u007f"],
  ["a C1 control (NEL)", "\u008546e5374665ba4b679ee22e2a2927abcd"],
  ["a Cyrillic а look-alike", `46e5374665b${CYRILLIC_A}4b679ee22e2a2927abcd`],
  ["fullwidth digits", "\uff14\uff16e5374665ba4b679ee22e2a2927abcd"],
  ["a zero-width space", "46e5374665ba4b679ee22e2a2927\u200babcd"],
  ["a right-to-left override", "46e5374665ba4b679ee22e2a\u202e2927abcd"],
  ["leading and trailing spaces", ` ${ALICE} `],
  ["65 characters (over the 64 allowed)", "a".repeat(65)],
  ["100,000 characters", "a".repeat(100_000)],
  ["an injected query parameter (&UserId=)", `${ALICE}&UserId=7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02`],
  ["an injected assignment (=)", `${ALICE}=1`],
  ["a percent-encoded injection (%26)", `${ALICE}%26UserId%3Dvictim`],
  ["a path traversal (../)", `../../${ALICE}`],
  ["a double quote", `${ALICE}"`],
  ["a single quote", `${ALICE}'`],
  ["a CRLF header injection", `${ALICE}\r\nX-Acs-Action: DeleteUser`],
  ["an SQL-ish payload", "1' OR '1'='1"],
  ["an SQL-ish comment and statement", `${ALICE};DROP TABLE users;--`],
  ["a number", 4611686018427387904],
  ["an object", { id: ALICE }],
  ["an array", [ALICE]],
  ["a boolean", true],
  ["null", null],
].map(([what, userId]) => ({
  title: `userId: ${what}`,
  inputs: { userId, endpoint: EMULATOR },
  property: "userId",
}));

const otherCases: Case[] = [
  // Who: exactly one of userId and account, each well-formed.
  // A property the program did not set is left out of the failure, so that the engine does not print
  // `property userId value {<nil>}`: the reason names both properties instead.
  { title: "neither userId nor account", inputs: { endpoint: EMULATOR }, property: "" },
  {
    title: "both userId and account",
    inputs: { userId: ALICE, account: "alice", endpoint: EMULATOR },
    property: "account",
  },
  { title: "account: empty", inputs: { account: "", endpoint: EMULATOR }, property: "account" },
  {
    title: "account: a space inside",
    inputs: { account: "alice bob", endpoint: EMULATOR },
    property: "account",
  },
  {
    title: "account: an injected query parameter",
    inputs: { account: "alice&Account=bob", endpoint: EMULATOR },
    property: "account",
  },
  {
    title: "account: a Cyrillic а look-alike",
    inputs: { account: `${CYRILLIC_A}lice`, endpoint: EMULATOR },
    property: "account",
  },
  {
    title: "account: 129 characters",
    inputs: { account: "a".repeat(129), endpoint: EMULATOR },
    property: "account",
  },
  { title: "account: a number", inputs: { account: 42, endpoint: EMULATOR }, property: "account" },
  {
    title: "parentAccountName without account",
    inputs: { userId: ALICE, parentAccountName: "corp", endpoint: EMULATOR },
    property: "parentAccountName",
  },
  {
    title: "parentAccountName: a path traversal",
    inputs: { account: "alice", parentAccountName: "../corp", endpoint: EMULATOR },
    property: "parentAccountName",
  },
  // Where: regions and endpoints.
  {
    title: "region: cn-beijing, which has no Quick BI endpoint, without an endpoint",
    inputs: { userId: ALICE, region: "cn-beijing" },
    property: "region",
  },
  {
    title: "region: garbage",
    inputs: { userId: ALICE, region: "not a region!" },
    property: "region",
  },
  {
    title: "region: upper case",
    inputs: { userId: ALICE, region: "CN-HANGZHOU", endpoint: EMULATOR },
    property: "region",
  },
  {
    title: "region: a trailing line feed",
    inputs: { userId: ALICE, region: "cn-hangzhou\n", endpoint: EMULATOR },
    property: "region",
  },
  { title: "region: a number", inputs: { userId: ALICE, region: 7 }, property: "region" },
  {
    title: "endpoint: an ftp:// URL",
    inputs: { userId: ALICE, endpoint: "ftp://127.0.0.1:21" },
    property: "endpoint",
  },
  {
    title: "endpoint: a URL with a path",
    inputs: { userId: ALICE, endpoint: "http://127.0.0.1:8080/api" },
    property: "endpoint",
  },
  {
    title: "endpoint: a URL with user information",
    inputs: { userId: ALICE, endpoint: "http://admin:hunter2@127.0.0.1:8080" },
    property: "endpoint",
  },
  {
    title: "endpoint: spaces",
    inputs: { userId: ALICE, endpoint: "http://127.0.0.1 :8080" },
    property: "endpoint",
  },
  {
    title: "endpoint: port 99999",
    inputs: { userId: ALICE, endpoint: "http://127.0.0.1:99999" },
    property: "endpoint",
  },
  {
    title: "endpoint: a javascript: pseudo-URL",
    inputs: { userId: ALICE, endpoint: "javascript:alert(1)" },
    property: "endpoint",
  },
  {
    title: "endpoint: an object",
    inputs: { userId: ALICE, endpoint: { host: "127.0.0.1" } },
    property: "endpoint",
  },
  // Audit notes and options.
  {
    title: "reason: two lines",
    inputs: { userId: ALICE, reason: "left\nthe company", endpoint: EMULATOR },
    property: "reason",
  },
  {
    title: "reason: 257 characters",
    inputs: { userId: ALICE, reason: "x".repeat(257), endpoint: EMULATOR },
    property: "reason",
  },
  {
    title: "reason: a number",
    inputs: { userId: ALICE, reason: 5, endpoint: EMULATOR },
    property: "reason",
  },
  {
    title: "ticket: a CRLF",
    inputs: { userId: ALICE, ticket: "HR-1\r\nApproved: yes", endpoint: EMULATOR },
    property: "ticket",
  },
  {
    title: "ticket: an array",
    inputs: { userId: ALICE, ticket: ["HR-1"], endpoint: EMULATOR },
    property: "ticket",
  },
  {
    title: "onMissingUser: an unknown mode",
    inputs: { userId: ALICE, onMissingUser: "ignore", endpoint: EMULATOR },
    property: "onMissingUser",
  },
  {
    title: "onMissingUser: a boolean",
    inputs: { userId: ALICE, onMissingUser: true, endpoint: EMULATOR },
    property: "onMissingUser",
  },
  {
    title: "triggers: not a list",
    inputs: { userId: ALICE, triggers: "rerun", endpoint: EMULATOR },
    property: "triggers",
  },
  // The scope: a list of known steps, each once.
  ...(
    [
      ["a string, not a list", "workspaces"],
      ["an unknown step", ["groups", "workspace"]],
      ["a step in another letter case", ["Account"]],
      ["a step twice", ["account", "account"]],
      ["a number in the list", [1]],
      ["null in the list", [null]],
      ["an object", { workspaces: true }],
      ["a step with a trailing space", ["account "]],
      ["DeleteUser, which is never done", ["groups", "deleteUser"]],
    ] as const
  ).map(([what, scope]) => ({
    title: `scope: ${what}`,
    inputs: { userId: ALICE, scope, endpoint: EMULATOR },
    property: "scope",
  })),
  // restore: a mapping of ticket and/or reason, each one line; never on a revocation not done yet.
  ...(
    [
      ["a string, not a mapping", "HR-4712"],
      ["a list", ["HR-4712"]],
      ["empty", {}],
      ["an unknown key", { ticket: "HR-4712", approvedBy: "bob" }],
      ["a two-line reason", { reason: "mistake\nrm -rf /" }],
      ["a ticket that is a number", { ticket: 4712 }],
      ["on a revocation not done yet", { ticket: "HR-4712" }],
    ] as const
  ).map(([what, restore]) => ({
    title: `restore: ${what}`,
    inputs: { userId: ALICE, restore, endpoint: EMULATOR },
    property: "restore",
  })),
  {
    title: "unknown userId with an unknown step in scope",
    inputs: { userId: UNKNOWN_VALUE, scope: ["groups", "everything"], endpoint: EMULATOR },
    property: "scope",
  },
  // Unknown values at preview are not judged, but what is known is.
  {
    title: "unknown userId with a two-line reason",
    inputs: { userId: UNKNOWN_VALUE, reason: "a\nb", endpoint: EMULATOR },
    property: "reason",
  },
  {
    title: "unknown userId with a garbage region",
    inputs: { userId: UNKNOWN_VALUE, region: "not a region!", endpoint: EMULATOR },
    property: "region",
  },
  {
    title: "unknown account with a userId as well",
    inputs: { userId: ALICE, account: UNKNOWN_VALUE, endpoint: EMULATOR },
    property: "account",
  },
  {
    title: "unknown endpoint with a control character in userId",
    inputs: { userId: "alice\u0000", endpoint: UNKNOWN_VALUE },
    property: "userId",
  },
  {
    title: "unknown region with an ftp:// endpoint",
    inputs: { userId: ALICE, region: UNKNOWN_VALUE, endpoint: "ftp://127.0.0.1:21" },
    property: "endpoint",
  },
  {
    title: "unknown endpoint with a garbage region",
    inputs: { userId: ALICE, region: "not a region!", endpoint: UNKNOWN_VALUE },
    property: "region",
  },
];

describe("the bad-input corpus, through the real provider host's Check", function () {
  this.timeout(120_000);
  let emulator: QuickBIEmulator;
  let session: HostSession;

  before(async () => {
    emulator = await startCanaryEmulator({ randomSeed: 6 });
    // No quickbi:endpoint in the stack: the region cases need the regional default to be at stake.
    const { "quickbi:endpoint": _endpoint, ...config } = emulatorStackConfig(emulator);
    session = await startHostSession({ provider: await revocationProviderText(), config, env: CANARY_ENV });
  });
  after(async () => {
    await session?.stop();
    await emulator?.stop();
  });
  beforeEach(() => emulator.clearLog());

  const withEmulator = (inputs: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v === EMULATOR ? emulator.url : v]));

  it("(control) a valid input passes Check and reads Quick BI for the preview", async () => {
    const checked = await session.host.check(
      URN,
      {},
      session.props(withEmulator({ userId: ALICE, endpoint: EMULATOR })),
    );
    assert.deepEqual(checked.failures, []);
    assert.ok(emulator.requests().length > 0);
  });

  it("(control) an unknown userId passes Check unjudged, with the impact unknown and no request", async () => {
    const checked = await session.host.check(
      URN,
      {},
      session.props(withEmulator({ userId: UNKNOWN_VALUE, endpoint: EMULATOR })),
    );
    assert.deepEqual(checked.failures, []);
    assert.equal((checked.inputs.impact as { status: string }).status, "unknown");
    assert.equal(emulator.requests().length, 0);
  });

  for (const c of [...userIdCases, ...otherCases]) {
    it(`rejects ${c.title} as a failure of ${c.property || "no single property"}, sending nothing`, async () => {
      const checked = await session.host.check(URN, {}, session.props(withEmulator(c.inputs)));
      const failure = checked.failures.find((f) => f.property === c.property);
      assert.ok(failure, `expected a failure of ${c.property}; got ${JSON.stringify(checked.failures)}`);
      assert.ok(failure.reason.length > 0);
      assert.equal(emulator.requests().length, 0, "requests reached Quick BI");
    });
  }
});
