import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { archiveName } from "../../tools/release/plugin-archives";
import { publicHome } from "../../tools/release/public-home";
import { hostTarget, platformOf, PLUGIN_NODE_VERSION, PLUGIN_TARGETS } from "../../tools/release/targets";

const ROOT = resolve(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
/** Markdown's line breaks inside a paragraph are spaces to a reader. */
const text = README.replace(/\s*\n\s*/g, " ");

/**
 * The install section says what package.json and tools/release determine (version, public home,
 * platforms, Node.js), so a version bump or a move of the repository that leaves it behind fails here.
 */
describe("the README's install section", () => {
  const home = publicHome();
  const { version } = home;

  it("installs the plugin archive and the SDKs of package.json's version, as the release builds them", () => {
    for (const command of [
      `pulumi plugin install resource quickbi ${version} --file .release/plugin/${archiveName(version, hostTarget()!)}`,
      `pip install .release/python/pulumi_quickbi-${version}-py3-none-any.whl`,
      `pip install pulumi_quickbi==${version}`,
      `go mod edit -require=${home.goModule}@v${version} -replace=${home.goModule}=<clone>/sdk/go`,
      `go get ${home.goImportPath}@v${version}`,
      `the tag \`${home.goTag}\``,
      `pulumi plugin install resource quickbi ${version} --server ${home.pluginDownloadURL}`,
    ]) {
      assert.ok(text.includes(command), `README says: ${command}`);
    }
  });

  it("names the platforms built and the Node.js they embed", () => {
    for (const target of PLUGIN_TARGETS) assert.ok(text.includes(platformOf(target)), platformOf(target));
    assert.ok(text.includes(`Node.js ${PLUGIN_NODE_VERSION}`));
  });

  it("sends no one to an install that fails today", () => {
    for (const file of [
      "README.md",
      "examples/yaml/Pulumi.yaml",
      "examples/python/Pulumi.yaml",
      "examples/go/Pulumi.yaml",
    ]) {
      const content = readFileSync(join(ROOT, file), "utf8");
      assert.doesNotMatch(content, /npm install -g/, `${file}: the npm package is not published`);
      assert.doesNotMatch(content, /pip install "?git\+/, `${file}: the repository is not published`);
    }
  });
});
