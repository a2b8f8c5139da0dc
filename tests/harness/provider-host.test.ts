import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { startHostSession, type HostSession } from "../../harness/host-session";
import { secret, urnFor, UNKNOWN_VALUE, type ProviderCallError } from "../../harness/provider-host";
import { ECHO_TYPE, makeEchoLog, serializedEchoProvider, type EchoCall } from "./fixtures/echo";
import { HOST_RETURNS_READ_INPUTS } from "../support/pulumi-sdk";

const GRPC_UNKNOWN = 2;
const execFileAsync = promisify(execFile);
const urn = urnFor(ECHO_TYPE, "alice");

describe("the real dynamic-provider host, driven like the engine", () => {
  let session: HostSession;
  let calls: () => Promise<EchoCall[]>;

  beforeEach(async () => {
    const log = await makeEchoLog();
    calls = log.calls;
    session = await startHostSession({
      provider: await serializedEchoProvider(),
      config: {
        "alicloud:region": "cn-hangzhou",
        "quickbi-test:greeting": "hello",
        "quickbi:password": secret("s3cr3t"),
      },
      env: { ECHO_PROVIDER_LOG: log.file },
    });
  });

  afterEach(async () => {
    await session.stop();
  });

  const callsTo = async (method: string) => (await calls()).filter((c) => c.method === method);

  it("prints its port as the first stdout line and reports the SDK version", async () => {
    const info = await session.host.getPluginInfo();

    assert.equal(session.host.output().split("\n")[0], String(session.host.port));
    const pulumiPackage = JSON.parse(readFileSync(join(session.host.pulumiDir, "package.json"), "utf8"));
    assert.equal(info.version, pulumiPackage.version);
  });

  it("answers Configure with acceptSecrets=false and supportsPreview=false", async () => {
    const answer = await session.host.configure({ "alicloud:region": "cn-hangzhou" });

    assert.deepEqual(answer, { acceptSecrets: false, supportsPreview: false });
  });

  it("hands the stack config to the provider's configure() on the first resource call, secrets unwrapped", async () => {
    assert.deepEqual(await callsTo("configure"), [], "configure() waits for the first resource call");

    await session.host.check(urn, {}, session.props({ name: "Alice" }));

    const [configure] = await callsTo("configure");
    assert.deepEqual(configure?.args, { region: "cn-hangzhou", greeting: "hello", password: "s3cr3t" });
  });

  it("returns the inputs check() produced, with __provider put back, and its failures", async () => {
    const result = await session.host.check(urn, {}, session.props({ name: "Alice", fail: "name is taken" }));

    assert.deepEqual(result.failures, [{ property: "fail", reason: "name is taken" }]);
    assert.equal(result.inputs.checked, true);
    assert.equal(result.inputs.__provider, session.props().__provider);
  });

  it("passes an unknown value to check() as the engine's sentinel string during preview", async () => {
    await session.host.check(urn, {}, session.props({ name: UNKNOWN_VALUE }));

    const [check] = await callsTo("check");
    assert.deepEqual(check?.args.news, { __provider: "<provider>", name: UNKNOWN_VALUE });
  });

  it("maps diff() to changes, replaces and deleteBeforeReplace", async () => {
    const olds = session.props({ name: "Alice", created: true });

    const same = await session.host.diff(
      "echo-Alice",
      urn,
      olds,
      session.props({ name: "Alice", created: true }),
    );
    const replaced = await session.host.diff(
      "echo-Alice",
      urn,
      olds,
      session.props({ name: "Alicia", created: true, replaceOnChanges: ["name"], deleteBeforeReplace: true }),
    );
    const unknown = await session.host.diff("echo-Alice", urn, olds, session.props({ unknownDiff: true }));

    assert.deepEqual(same, { changes: "none", replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(replaced, { changes: "some", replaces: ["name"], deleteBeforeReplace: true });
    assert.deepEqual(unknown, { changes: "unknown", replaces: [], deleteBeforeReplace: false });
    const [first] = await callsTo("diff");
    assert.equal(first?.args.id, "echo-Alice");
  });

  it("returns the id and outputs of create(), carrying __provider into the outputs", async () => {
    const created = await session.host.create(urn, session.props({ name: "Alice" }));

    assert.equal(created.id, "echo-Alice");
    assert.deepEqual(created.properties, { ...session.props({ name: "Alice" }), created: true });
  });

  it("turns an error thrown by create() into gRPC UNKNOWN with the message as details", async () => {
    const creating = session.host.create(
      urn,
      session.props({ name: "Alice", throwMessage: "quota exceeded" }),
    );

    await assert.rejects(creating, (error: ProviderCallError) => {
      assert.equal(error.message, "quota exceeded");
      assert.equal(error.code, GRPC_UNKNOWN);
      assert.equal(error.initFailed, undefined);
      return true;
    });
  });

  it("sends ErrorResourceInitFailed details when the error carries an id", async () => {
    const creating = session.host.create(urn, session.props({ name: "Alice", initFailedId: "half-made" }));

    await assert.rejects(creating, (error: ProviderCallError) => {
      assert.equal(error.message, "created but not initialised");
      assert.deepEqual(error.initFailed, {
        id: "half-made",
        properties: { half: "done" },
        reasons: ["still starting"],
      });
      return true;
    });
  });

  it("fails the call with 'Unexpected struct type.' when an output is undefined", async () => {
    const creating = session.host.create(urn, session.props({ name: "Alice", undefinedOutput: true }));

    await assert.rejects(creating, (error: ProviderCallError) => {
      assert.equal(error.message, "Unexpected struct type.");
      assert.equal(error.code, GRPC_UNKNOWN);
      return true;
    });
    assert.equal((await callsTo("create")).length, 1, "the provider ran; only the answer failed");
  });

  it("passes a secret input to the provider still wrapped (the engine would have unwrapped it)", async () => {
    await session.host.create(urn, session.props({ name: "Alice", password: secret("s3cr3t") }));

    const [create] = await callsTo("create");
    assert.deepEqual((create?.args.inputs as Record<string, unknown>).password, secret("s3cr3t"));
  });

  it("calls read() with the state and returns its id, properties and inputs", async () => {
    const state = session.props({ name: "Alice", created: true });

    const read = await session.host.read("echo-Alice", urn, state, session.props({ name: "Alice" }));
    const gone = await session.host.read("echo-Alice", urn, session.props({ gone: true }));

    const returned = { id: "echo-Alice", properties: { ...state, refreshed: true } };
    // Older hosts do not pass on the inputs read returns (tests/support/pulumi-sdk.ts).
    assert.deepEqual(
      read,
      HOST_RETURNS_READ_INPUTS ? { ...returned, inputs: session.props({ name: "Alice" }) } : returned,
    );
    assert.equal(gone.id, "", "an empty id tells the engine the resource is gone");
    const [first] = await callsTo("read");
    assert.deepEqual(first?.args, {
      id: "echo-Alice",
      props: { __provider: "<provider>", name: "Alice", created: true },
    });
  });

  it("calls update() with the old state and the new inputs", async () => {
    const olds = session.props({ name: "Alice", created: true });

    const updated = await session.host.update("echo-Alice", urn, olds, session.props({ name: "Alicia" }));

    assert.deepEqual(updated.properties, session.props({ name: "Alicia", updated: true }));
    const [update] = await callsTo("update");
    assert.deepEqual(update?.args, {
      id: "echo-Alice",
      olds: { __provider: "<provider>", name: "Alice", created: true },
      news: { __provider: "<provider>", name: "Alicia" },
    });
  });

  it("calls delete() with the id and the state", async () => {
    await session.host.delete("echo-Alice", urn, session.props({ name: "Alice", created: true }));

    const [deleted] = await callsTo("delete");
    assert.deepEqual(deleted?.args, {
      id: "echo-Alice",
      props: { __provider: "<provider>", name: "Alice", created: true },
    });
  });

  it("runs delete() with the __provider stored in the state, not the program's", async () => {
    const oldProvider =
      'exports.handler = () => ({ delete: async () => { throw new Error("old code ran"); } });';

    const deleting = session.host.delete("echo-Alice", urn, { name: "Alice", __provider: oldProvider });

    await assert.rejects(deleting, (error: ProviderCallError) => {
      assert.equal(error.message, "old code ran");
      assert.equal(error.code, GRPC_UNKNOWN);
      return true;
    });
  });

  it("leaves no process behind after stop()", async () => {
    const { pid } = session.host;

    await session.host.stop();

    const exit = await session.host.exited;
    assert.ok(exit.code !== null || exit.signal !== null);
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" });
  });
});

describe("startProviderHost", () => {
  it("kills a host that was never stopped when the test process exits", async () => {
    const script = [
      `const { startProviderHost } = require(${JSON.stringify(require.resolve("../../harness/provider-host"))});`,
      `startProviderHost({ cwd: process.cwd() }).then((host) => { console.log(host.pid); process.exit(0); });`,
    ].join("\n");

    const { stdout } = await execFileAsync(process.execPath, [
      "-r",
      "ts-node/register/transpile-only",
      "-e",
      script,
    ]);

    const pid = Number(stdout.trim());
    assert.ok(Number.isInteger(pid) && pid > 0, `expected a pid, got ${JSON.stringify(stdout)}`);
    assert.equal(await isGone(pid), true, `provider host ${pid} outlived the process that started it`);
  });
});

/** Polls until `pid` no longer exists; a SIGKILLed process may need a moment to be reaped. */
async function isGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
