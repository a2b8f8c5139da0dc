// Layer 4: the package as a user gets it. `npm pack`, `npm install` of the tarball into a project made
// the way `pulumi new typescript` makes one, the README's quick start compiled by that project's tsc
// and run in its own node process (no ts-node), and the provider host from that project's
// @pulumi/pulumi creating a revocation against the emulator. Run under each row of the support matrix
// (tests/matrix), this is the check that the row's Node and @pulumi/pulumi work for a user.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { installConsumer, type InstalledConsumer } from "../../harness/installed-consumer";
import { RESOLUTION_MODES } from "../../harness/pulumi-new-project";
import { startProviderHost, urnFor, type ProviderHost } from "../../harness/provider-host";
import { ALICE, emulatorStackConfig, requestsFor } from "../support/configured-provider";
import { REVOCATION_TYPE } from "../support/revocation-provider-text";

/** Installed from npm, `__provider` is one require; this is its budget (it is in the state twice per resource). */
const INSTALLED_PROVIDER_BUDGET_BYTES = 96;
/** The scripts npm runs, or lists in its install-scripts warning, when it installs a tarball. */
const INSTALL_TIME_SCRIPTS = ["preinstall", "install", "postinstall", "prepare"];
const SUBPATHS_FIXTURE = "consumer-subpaths.ts";

describe("the package installed from its npm tarball", function () {
  this.timeout(300_000);
  let consumer: InstalledConsumer;
  let emulator: QuickBIEmulator;
  let host: ProviderHost;

  before(() => {
    // npm test builds dist/ first; the tarball packs it as it is.
    consumer = installConsumer();
    copyFileSync(join(__dirname, "fixtures", SUBPATHS_FIXTURE), join(consumer.dir, SUBPATHS_FIXTURE));
  });
  after(async () => {
    await host?.stop();
    await emulator?.stop();
    consumer?.cleanup();
  });

  it("ships no script that npm runs at install time", () => {
    const scripts = Object.keys(consumer.installedManifest.scripts ?? {});
    assert.deepEqual(
      scripts.filter((name) => INSTALL_TIME_SCRIPTS.includes(name)),
      [],
    );
  });

  it("installs without npm's install-script warning naming it", () => {
    const warned = consumer.installOutput
      .split("\n")
      .filter((line) => line.includes("install-scripts") && line.includes("pulumi-quickbi-offboarding"));
    assert.deepEqual(warned, [], consumer.installOutput);
  });

  for (const mode of RESOLUTION_MODES) {
    it(`type-checks the quick start and every subpath export under moduleResolution ${mode.name}`, () => {
      const result = consumer.typecheck(mode, [SUBPATHS_FIXTURE]);
      assert.ok(result.ok, result.output);
    });
  }

  it("registers the resource type from the installed package", () => {
    assert.equal(consumer.type, REVOCATION_TYPE);
  });

  it("serializes __provider as a single require of the installed package", () => {
    assert.match(consumer.provider, /require\("pulumi-quickbi-offboarding\/provider-runtime"\)/);
  });

  it(`keeps __provider within ${INSTALLED_PROVIDER_BUDGET_BYTES} bytes`, () => {
    const bytes = Buffer.byteLength(consumer.provider);
    assert.ok(bytes <= INSTALLED_PROVIDER_BUDGET_BYTES, `${bytes} bytes`);
  });

  it("exports to a program only what it can use: the three resources, no internals", () => {
    const probe = [
      'const exported = Object.keys(require("pulumi-quickbi-offboarding")).sort();',
      "let internal;",
      'try { require("pulumi-quickbi-offboarding/dist/provider/quickbi/client.js"); internal = "loaded"; }',
      "catch (error) { internal = error.code; }",
      "console.log(JSON.stringify({ exported, internal }));",
    ].join("\n");
    const seen = JSON.parse(
      execFileSync(process.execPath, ["-e", probe], { cwd: consumer.dir, encoding: "utf8" }),
    );
    assert.deepEqual(seen, {
      exported: ["QuickBIOffboarding", "QuickBIRemovalGuard", "QuickBIUserGroupRevocation"],
      internal: "ERR_PACKAGE_PATH_NOT_EXPORTED",
    });
  });

  it("creates and deletes through the consumer's own provider host", async () => {
    emulator = await startEmulator();
    host = await startProviderHost({ cwd: consumer.dir, pulumiDir: consumer.pulumiDir, project: "consumer" });
    await host.configure(emulatorStackConfig(emulator));
    const urn = urnFor(REVOCATION_TYPE, "offboard-alice", "consumer");
    const props = { userId: ALICE, __provider: consumer.provider };

    const checked = await host.check(urn, {}, props);
    assert.deepEqual(checked.failures, []);
    const created = await host.create(urn, checked.inputs);
    assert.equal(created.properties.requestId, requestsFor(emulator, "WithdrawAllUserGroups")[0]!.requestId);
    const before = emulator.requests().length;
    await host.delete(created.id, urn, created.properties);
    assert.equal(emulator.requests().length, before);
    assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 1);
  });
});
