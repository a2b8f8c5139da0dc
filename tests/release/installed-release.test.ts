import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { QuickBIEmulator } from "../../emulator";
import { ExampleStack, findExampleTools } from "../../harness/example-stack";
import { installRelease, missingForRelease, type InstalledRelease } from "../../harness/installed-release";
import { CANARY } from "../support/canaries";
import { requestsFor, startCanaryEmulator } from "../support/configured-provider";

const ROOT = resolve(__dirname, "..", "..");
const ALICE = "alice (Alice Wang) will leave 2 user groups: Finance, Sales";

/**
 * The done-when of the release: in a fresh directory with a fresh PULUMI_HOME, the linux-amd64 plugin
 * archive installed with `pulumi plugin install --file` and the wheel installed with `pip install
 * --no-index` are all that a YAML project and a Python program need to offboard someone from the
 * emulator through the real CLI. PATH holds the CLI's directory (pulumi and the YAML host) and the venv:
 * no Node.js, no plugin, and the YAML project names no plugin path.
 */
describe("the release, installed as a user installs it", function () {
  this.timeout(900_000);
  let release: InstalledRelease;
  let emulator: QuickBIEmulator | undefined;
  /** An emulator seeded as the example of `language` is. */
  const emulatorFor = async (language: "yaml" | "python") => {
    emulator = await startCanaryEmulator({ seed: join(ROOT, "examples", language, "seed.yaml") });
    return emulator;
  };

  before(async function () {
    const tools = findExampleTools("yaml");
    const missing = "missing" in tools ? tools.missing : missingForRelease();
    if (missing || "missing" in tools) {
      console.log(`    skipping: no ${missing}; run npm run tools`);
      this.skip();
    }
    release = await installRelease(tools);
  });
  after(() => release?.close());
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it("installs the plugin archive into PULUMI_HOME with pulumi plugin install --file", async () => {
    assert.match(release.installOutput, new RegExp(`quickbi-${release.version}\\] installing`));
    const { stdout } = await promisify(execFile)(
      join(release.tools.cli.bin, "pulumi"),
      ["plugin", "ls", "--json"],
      { env: { ...process.env, PULUMI_HOME: release.pulumiHome, PULUMI_SKIP_UPDATE_CHECK: "true" } },
    );
    const plugins = (JSON.parse(stdout) as { name: string; kind: string; version: string }[]).map(
      ({ name, kind, version }) => ({ name, kind, version }),
    );
    assert.deepEqual(plugins, [{ name: "quickbi", kind: "resource", version: release.version }]);
  });

  it("leaves neither Node.js nor the plugin on the stacks' PATH", async () => {
    const found = await promisify(execFile)(
      "/bin/sh",
      ["-c", "command -v node; command -v pulumi-resource-quickbi; command -v pulumi"],
      { env: { PATH: release.path } },
    ).catch((error: { stdout: string }) => error);
    assert.equal(found.stdout.trim(), join(release.tools.cli.bin, "pulumi"), "only pulumi is found");
  });

  it("offboards the people of a YAML project, its Pulumi.yaml naming no plugin path", async () => {
    const emulator = await emulatorFor("yaml");
    const stack = await ExampleStack.open({
      language: "yaml",
      tools: release.tools,
      installedPlugin: { pulumiHome: release.pulumiHome },
      config: {
        "quickbi:endpoint": emulator.url,
        "quickbi:retryBaseDelay": "1",
        "alicloud:accessKey": CANARY.accessKeyId,
        "alicloud:secretKey": { secret: CANARY.accessKeySecret },
      },
    });
    try {
      const preview = await stack.run("preview");
      assert.ok(preview.output.includes(ALICE), "the preview says who leaves which groups");
      // An installed plugin is loaded without the warning a plugin found on PATH gets.
      assert.doesNotMatch(preview.output, /using pulumi-resource-quickbi from \$PATH/);
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 0);
      await stack.run("up");
      assert.equal(requestsFor(emulator, "WithdrawAllUserGroups").length, 3, "alice, bob and carol");
      const revocations = (await stack.resources()).filter(
        (r) => r.type === "quickbi:index:UserGroupRevocation",
      );
      assert.equal(revocations.length, 3);
    } finally {
      stack.close();
    }
  });

  it("offboards a person from a Python program with the SDK installed from the wheel", async () => {
    const emulator = await emulatorFor("python");
    const stack = await ExampleStack.open({
      language: "python",
      tools: release.tools,
      installedPlugin: { pulumiHome: release.pulumiHome },
      config: { "quickbi:endpoint": emulator.url, "quickbi:retryBaseDelay": "1" },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId },
    });
    try {
      const up = await stack.run("up");
      assert.equal(up.changes.create, 2, "the stack and alice's revocation");
      const withdrawals = requestsFor(emulator, "WithdrawAllUserGroups");
      assert.equal(withdrawals.length, 1);
      const [revocation] = (await stack.resources()).filter(
        (r) => r.type === "quickbi:index:UserGroupRevocation",
      );
      assert.equal(revocation?.outputs?.requestId, withdrawals[0]!.requestId);
    } finally {
      stack.close();
    }
  });
});
