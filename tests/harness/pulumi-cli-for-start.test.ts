import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { installedPulumiCli, supportsCliVersion } from "../../harness/pulumi-cli";
import { pulumiCliIfPresent } from "../support/pulumi-cli";

const ROOT = resolve(__dirname, "..", "..");

describe("the Pulumi CLI npm start runs", () => {
  describe("which installed versions it takes", () => {
    it("takes any 3.x at least as new as the @pulumi/pulumi that drives it", () => {
      assert.equal(supportsCliVersion("v3.248.0", "3.248.0"), true);
      assert.equal(supportsCliVersion("v3.276.0", "3.248.0"), true);
      assert.equal(supportsCliVersion("3.249.0\n", "3.248.0"), true);
    });

    it("refuses an older 3.x, another major, a pre-release and a CLI without a version stamp", () => {
      assert.equal(supportsCliVersion("v3.247.9", "3.248.0"), false);
      assert.equal(supportsCliVersion("v3.139.0", "3.248.0"), false);
      assert.equal(supportsCliVersion("v4.0.0", "3.248.0"), false);
      assert.equal(supportsCliVersion("v3.280.0-alpha.1", "3.248.0"), false);
      assert.equal(supportsCliVersion("", "3.248.0"), false);
    });
  });

  describe("with a real CLI installed on PATH", function () {
    this.timeout(120_000);
    let dir: string;

    before(function () {
      const cli = pulumiCliIfPresent();
      if (!cli) {
        console.log("    skipping: no Pulumi CLI here; run scripts/pulumi-cli");
        this.skip();
      }
      // An installation as Pulumi's installer lays it out: pulumi and the dynamic-provider plugin.
      dir = mkdtempSync(join(tmpdir(), "quickbi-installed-cli-"));
      mkdirSync(join(dir, "bin"));
      linkSync(realpathSync(join(cli.bin, "pulumi")), join(dir, "bin", "pulumi"));
      copyFileSync(
        join(cli.bin, "pulumi-resource-pulumi-nodejs"),
        join(dir, "bin", "pulumi-resource-pulumi-nodejs"),
      );
    });
    after(() => dir && rmSync(dir, { recursive: true, force: true }));

    it("uses it, obtaining and building nothing, though no pinned CLI is cached and no Go is on PATH", () => {
      const tools = join(dir, "empty-tools");
      mkdirSync(tools);
      const chosen = execFileSync(
        process.execPath,
        [
          ...["-r", "ts-node/register/transpile-only", "-e"],
          'console.log(require("./harness/pulumi-cli").pulumiCliForStart().bin)',
        ],
        {
          cwd: ROOT,
          encoding: "utf8",
          env: {
            ...process.env,
            PATH: [join(dir, "bin"), dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
            PULUMI_QUICKBI_TOOLS: tools,
          },
        },
      );
      assert.equal(chosen.trim(), join(dir, "bin"));
      assert.deepEqual(readdirSync(tools), [], "scripts/pulumi-cli was not run");
    });

    it("does not take a pulumi without the dynamic-provider plugin beside it", () => {
      rmSync(join(dir, "bin", "pulumi-resource-pulumi-nodejs"));
      assert.equal(installedPulumiCli(join(dir, "bin")), undefined);
    });
  });
});
