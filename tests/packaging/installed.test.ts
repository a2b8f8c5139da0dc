// Layer 4: the package as a user gets it. `npm pack`, install the tarball into a fresh project, capture
// `__provider` in that project's own node process (no ts-node), and run the provider host from that
// project's @pulumi/pulumi against the emulator.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator, type QuickBIEmulator } from "../../emulator";
import { consumerLock } from "../../harness/consumer-lock";
import { startProviderHost, urnFor, type ProviderHost } from "../../harness/provider-host";
import { ALICE, emulatorStackConfig, requestsFor } from "../support/configured-provider";
import { REVOCATION_TYPE } from "../support/revocation-provider-text";

const REPO = resolve(__dirname, "..", "..");
/** Installed from npm, `__provider` is one require; this is its budget (it is in the state twice per resource). */
const INSTALLED_PROVIDER_BUDGET_BYTES = 512;

const CAPTURE_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => {
    process.stdout.write(JSON.stringify({ type: args.type, provider: args.inputs.__provider }) + "\\n");
    return { id: args.name + "-id", state: args.inputs };
  },
  call: () => ({}),
}, "consumer", "dev", false);
const { QuickBIUserGroupRevocation } = require("pulumi-quickbi-offboarding");
new QuickBIUserGroupRevocation("offboard-alice", { userId: "${ALICE}" });
`;

describe("the package installed from its npm tarball", function () {
  this.timeout(300_000);
  let consumer: string;
  let captured: { type: string; provider: string };
  let emulator: QuickBIEmulator;
  let host: ProviderHost;

  before(() => {
    consumer = mkdtempSync(join(tmpdir(), "quickbi-consumer-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", consumer], {
      cwd: REPO,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
    const dependencies = {
      "pulumi-quickbi-offboarding": `file:${tarball}`,
      "@pulumi/pulumi": require("@pulumi/pulumi/package.json").version as string,
    };
    writeFileSync(
      join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, dependencies }),
    );
    const integrity = `sha512-${createHash("sha512")
      .update(readFileSync(join(consumer, tarball)))
      .digest("base64")}`;
    const lock = consumerLock(
      join(REPO, "package-lock.json"),
      dependencies,
      {
        "node_modules/pulumi-quickbi-offboarding": {
          version: manifest.version,
          resolved: `file:${tarball}`,
          integrity,
          dependencies: manifest.dependencies,
          peerDependencies: manifest.peerDependencies,
        },
      },
      execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim(),
    );
    writeFileSync(join(consumer, "package-lock.json"), JSON.stringify(lock, null, 2));
    // From the npm cache only: the lock pins what the suite ran with, and no registry is needed.
    execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: consumer,
      stdio: "pipe",
    });
    writeFileSync(join(consumer, "capture.js"), CAPTURE_PROGRAM);
    captured = JSON.parse(
      execFileSync(process.execPath, ["capture.js"], { cwd: consumer, encoding: "utf8" }).trim(),
    );
  });
  after(async () => {
    await host?.stop();
    await emulator?.stop();
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it("registers the resource type from the installed package", () => {
    assert.equal(captured.type, REVOCATION_TYPE);
  });

  it("serializes __provider as a single require of the installed package", () => {
    assert.match(captured.provider, /require\("pulumi-quickbi-offboarding\/provider-runtime"\)/);
  });

  it(`keeps __provider within ${INSTALLED_PROVIDER_BUDGET_BYTES} bytes`, () => {
    const bytes = Buffer.byteLength(captured.provider);
    assert.ok(bytes <= INSTALLED_PROVIDER_BUDGET_BYTES, `${bytes} bytes`);
  });

  it("creates and deletes through the consumer's own provider host", async () => {
    emulator = await startEmulator();
    const pulumiDir = join(consumer, "node_modules", "@pulumi", "pulumi");
    host = await startProviderHost({ cwd: consumer, pulumiDir, project: "consumer" });
    await host.configure(emulatorStackConfig(emulator));
    const urn = urnFor(REVOCATION_TYPE, "offboard-alice", "consumer");
    const props = { userId: ALICE, __provider: captured.provider };

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
