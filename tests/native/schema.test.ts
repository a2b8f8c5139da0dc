import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { KNOWN_CONFIG_KEYS } from "../../provider/config/known-config-keys";
import { Declarations } from "../../scripts/generate/declarations";
import { GENERATE, generatedFiles } from "../../scripts/generate/files";
import type { PackageSchema } from "../../scripts/generate/schema";
import { publicHome } from "../../scripts/generate/public-home";

/**
 * schema.json, the known config keys and the docs' tables are generated from the TypeScript
 * declarations (scripts/generate): each committed file must be what `npm run generate` writes now, so
 * that a declaration changed without regenerating fails here, naming the file. The SDKs generated from
 * schema.json are compared in sdk.test.ts.
 */
const ROOT = resolve(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("the files generated from the declarations", function () {
  this.timeout(120_000);
  let generated: Map<string, string>;
  before(async () => {
    generated = await generatedFiles(ROOT);
  });

  it("are schema.json, the known config keys and every page with a generated table", () => {
    const paths = [...generated.keys()];
    for (const path of [
      "schema.json",
      "provider/config/known-config-keys.ts",
      "docs/installation-configuration.md",
    ])
      assert.ok(paths.includes(path), `${path} is generated`);
  });

  it("are committed as npm run generate writes them", () => {
    for (const [path, text] of generated)
      assert.ok(read(path) === text, `${path} is stale: run ${GENERATE} (then commit what it rewrote)`);
  });

  it("type every input and output as its TypeScript declaration does", () => {
    const schema = JSON.parse(generated.get("schema.json")!) as PackageSchema;
    const revocation = schema.resources["quickbi:index:UserGroupRevocation"]!;
    assert.deepEqual(revocation.inputProperties.strictPreview?.type, "boolean");
    assert.deepEqual(revocation.inputProperties.onMissingUser?.$ref, "#/types/quickbi:index:OnMissingUser");
    assert.deepEqual(revocation.inputProperties.triggers?.items, { $ref: "pulumi.json#/Any" });
    assert.ok(!("requiredInputs" in revocation), "userId and account are each optional");
    assert.deepEqual(revocation.required, [
      "userId",
      "outcome",
      "onMissingUser",
      "requestId",
      "withdrawnAt",
      "groupsRemoved",
      "currentGroups",
      "checkedAt",
      "history",
      "region",
      "endpoint",
    ]);
    const offboarding = schema.resources["quickbi:index:Offboarding"]!;
    assert.equal(offboarding.isComponent, true);
    // A component input TypeScript takes without pulumi.Input is plain; one with it is not.
    assert.deepEqual(offboarding.inputProperties.people?.plain, true);
    assert.deepEqual(offboarding.inputProperties.people?.items, {
      $ref: "#/types/quickbi:index:Person",
      plain: true,
    });
    assert.equal(offboarding.inputProperties.maxRemovalsPerUpdate?.type, "integer");
    assert.equal(offboarding.inputProperties.region?.plain, undefined);
    assert.deepEqual(Object.keys(offboarding.properties), ["offboarded"], "child resources are not outputs");
  });

  it("put every quickbi:* key in the schema's config, strictPreview included, so that every SDK can read it", () => {
    const schema = JSON.parse(generated.get("schema.json")!) as PackageSchema;
    assert.equal(schema.config.variables.strictPreview?.type, "boolean");
    assert.equal(schema.config.variables.readTimeout?.type, "integer");
    assert.deepEqual(
      [...KNOWN_CONFIG_KEYS],
      Object.keys(schema.config.variables).map((key) => `quickbi:${key}`),
    );
  });

  it("describe each property with its TSDoc and its @default, and name types without the QuickBI prefix", () => {
    const schema = JSON.parse(generated.get("schema.json")!) as PackageSchema;
    const inputs = schema.resources["quickbi:index:UserGroupRevocation"]!.inputProperties;
    assert.equal(
      inputs.onMissingUser?.description,
      "What to do when Quick BI does not know the user (User.Not.In.Organization, ApiUser.Not.Exists): " +
        "`fail` reports it at preview and fails; `succeed` records the person as already offboarded. Default: `fail`.",
    );
    assert.match(inputs.userId!.description!, /Give this or `account`\.$/);
    assert.match(inputs.listedAt!.description!, /; Offboarding sets it\.$/);
  });

  it("refuses a property without TSDoc or a union that is no enum, naming it", () => {
    const root = mkdtempSync(join(tmpdir(), "quickbi-declarations-"));
    try {
      mkdirSync(join(root, "provider"));
      writeFileSync(
        join(root, "provider", "index.ts"),
        "/** Inputs. */\nexport interface QuickBIThingArgs {\n  readonly scope?: string;\n}\n" +
          '/** Inputs. */\nexport interface QuickBIOtherArgs {\n  /** Where. */\n  readonly where?: "a" | "b";\n}\n',
      );
      const declarations = new Declarations(root);
      assert.throws(
        () => declarations.members(declarations.declaration("QuickBIThingArgs"), "inputs"),
        /QuickBIThingArgs\.scope: no TSDoc/,
      );
      assert.throws(
        () => declarations.members(declarations.declaration("QuickBIOtherArgs"), "inputs"),
        /QuickBIOtherArgs\.where: a union .*declare an enum/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("names the package's version, which the plugin reports and gen-sdk writes into the SDKs", () => {
    const { version } = JSON.parse(read("package.json")) as { version: string };
    assert.equal((JSON.parse(read("schema.json")) as PackageSchema).version, version, `run ${GENERATE}`);
    for (const file of [
      "sdk/python/pulumi_quickbi/pulumi-plugin.json",
      "sdk/go/quickbi/pulumi-plugin.json",
    ]) {
      const plugin = JSON.parse(read(file)) as { name: string; version: string };
      assert.deepEqual([plugin.name, plugin.version], ["quickbi", version], `${file}: run ${GENERATE}`);
    }
    assert.match(read("sdk/python/pyproject.toml"), new RegExp(`version = "${version}"`));
  });

  it("names the public home of package.json's repository: the plugin's download URL and the Go module", () => {
    const home = publicHome();
    const schema = JSON.parse(read("schema.json")) as PackageSchema;
    assert.equal(schema.repository, home.repositoryUrl, `run ${GENERATE}`);
    assert.equal(schema.pluginDownloadURL, home.pluginDownloadURL, `run ${GENERATE}`);
    assert.equal(
      (schema.language as { go?: { importBasePath?: string } } | undefined)?.go?.importBasePath,
      home.goImportPath,
      `run ${GENERATE}`,
    );
    for (const file of [
      "sdk/python/pulumi_quickbi/pulumi-plugin.json",
      "sdk/go/quickbi/pulumi-plugin.json",
    ]) {
      const plugin = JSON.parse(read(file)) as { server?: string };
      assert.equal(plugin.server, home.pluginDownloadURL, `${file}: run ${GENERATE}`);
    }
    assert.match(read("sdk/go/go.mod"), new RegExp(`^module ${home.goModule}$`, "m"));
  });
});
