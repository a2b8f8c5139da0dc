import assert from "node:assert/strict";
import { readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { makeHostProject, type HostProject } from "../../harness/host-project";
import { startProviderHost, urnFor, type ProviderHost } from "../../harness/provider-host";

const REPO_ROOT = resolve(__dirname, "..", "..");

// Resolves a module the way code inside a deserialized `__provider` does, and returns the path.
const RESOLVING_PROVIDER = [
  "exports.handler = () => ({",
  "  create: async (inputs) => ({ id: require.resolve(inputs.request), outs: {} }),",
  "});",
].join("\n");

describe("makeHostProject", () => {
  let project: HostProject;
  let host: ProviderHost | undefined;

  beforeEach(async () => {
    project = await makeHostProject();
  });

  afterEach(async () => {
    await host?.stop();
    host = undefined;
    await project.cleanup();
  });

  it("writes a nodejs Pulumi project", async () => {
    const pulumiYaml = await readFile(join(project.dir, "Pulumi.yaml"), "utf8");

    assert.match(pulumiYaml, /^name: quickbi-test$/m);
    assert.match(pulumiYaml, /^runtime: nodejs$/m);
  });

  it("lets the launcher's lookup find @pulumi/pulumi from the project", async () => {
    assert.equal(project.pulumiDir, await realpath(join(REPO_ROOT, "node_modules", "@pulumi", "pulumi")));
  });

  it("makes require('pulumi-quickbi-offboarding/...') inside __provider resolve to this repository", async () => {
    host = await startProviderHost({ cwd: project.dir, pulumiDir: project.pulumiDir });
    await host.configure({});

    const { id } = await host.create(urnFor("pulumi-nodejs:dynamic:Resource", "probe"), {
      __provider: RESOLVING_PROVIDER,
      request: "pulumi-quickbi-offboarding/package.json",
    });

    assert.equal(id, join(REPO_ROOT, "package.json"));
  });

  it("removes the directory on cleanup but leaves the linked repository alone", async () => {
    await project.cleanup();

    await assert.rejects(stat(project.dir), { code: "ENOENT" });
    assert.ok((await stat(join(REPO_ROOT, "package.json"))).isFile());
  });
});
