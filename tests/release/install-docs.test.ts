import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { publicHome } from "../../scripts/generate/public-home";
import {
  archiveName,
  hostTarget,
  platformOf,
  PLUGIN_NODE_VERSION,
  PLUGIN_TARGETS,
} from "../../tools/release/targets";

const ROOT = resolve(__dirname, "..", "..");
const PAGE = "docs/installation-configuration.md";
/** Markdown's line breaks inside a paragraph are spaces to a reader. */
const read = (file: string) => readFileSync(join(ROOT, file), "utf8").replace(/\s*\n\s*/g, " ");

/**
 * The install commands are generated into the installation page (`<!-- generated: install -->`,
 * scripts/generate/install-commands.ts; schema.test.ts checks the page is what `npm run generate`
 * writes). Here: that the page holds them, with the command tests/release/installed-release.test.ts
 * proves, and that no page sends anyone to an install that fails today.
 */
describe("the install instructions", () => {
  it("are generated into the installation page: the tested plugin install, every platform, the Node.js", () => {
    const page = read(PAGE);
    const { version, pluginDownloadURL } = publicHome();
    assert.match(page, /<!-- generated: install --> \S/, "the install region is filled");
    for (const expected of [
      `pulumi plugin install resource quickbi ${version} --file .release/plugin/${archiveName(version, hostTarget()!)}`,
      `pip install .release/python/pulumi_quickbi-${version}-py3-none-any.whl`,
      `--server ${pluginDownloadURL}`,
      `Node.js ${PLUGIN_NODE_VERSION}`,
      ...PLUGIN_TARGETS.map(platformOf),
    ])
      assert.ok(page.includes(expected), `${PAGE} says: ${expected}`);
  });

  it("send no one to an install that fails today", () => {
    const docs = readdirSync(join(ROOT, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`);
    for (const file of [
      "README.md",
      "CONTRIBUTING.md",
      ...docs,
      "examples/yaml/Pulumi.yaml",
      "examples/python/Pulumi.yaml",
      "examples/go/Pulumi.yaml",
      "examples/python/requirements.txt",
    ]) {
      const content = read(file);
      assert.doesNotMatch(
        content,
        /npm install -g pulumi-quickbi-offboarding/,
        `${file}: the npm package is not published`,
      );
      assert.doesNotMatch(content, /pip install "?git\+/, `${file}: the repository is not published`);
    }
  });

  it("name this version wherever they name a file or command of a release", () => {
    const { version } = publicHome();
    // How the pages name a release's artifacts and installs; the changelog and the upgrade notes name
    // earlier releases on purpose, and are not among these patterns.
    const patterns = [
      /pulumi-quickbi-offboarding-(\d+\.\d+\.\d+)\.tgz/g,
      /pulumi_quickbi-(\d+\.\d+\.\d+)-py3/g,
      /pulumi_quickbi==(\d+\.\d+\.\d+)/g,
      /pulumi-resource-quickbi-v(\d+\.\d+\.\d+)-/g,
      /resource-quickbi-v(\d+\.\d+\.\d+)/g,
      /plugin install resource quickbi (\d+\.\d+\.\d+)/g,
      /sdk\/go@v(\d+\.\d+\.\d+)/g,
    ];
    const docs = readdirSync(join(ROOT, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`);
    let seen = 0;
    for (const file of ["README.md", "CONTRIBUTING.md", ...docs]) {
      const content = read(file);
      for (const pattern of patterns)
        for (const [text, named] of content.matchAll(pattern)) {
          seen++;
          assert.equal(named, version, `${file}: "${text}" names ${named}, not this version (package.json)`);
        }
    }
    assert.ok(seen >= 5, `the pages name a release's files ${seen} times: the patterns no longer match them`);
  });
});
