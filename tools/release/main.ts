// `npm run release`: builds every artifact of a release from this checkout into .release/ and checks
// each, so that the tag workflow (.github/workflows/release.yml) only uploads what passed here:
//   npm/        the npm tarball (npm pack, which builds dist/ first)
//   plugin/     pulumi-resource-quickbi-v<version>-<os>-<arch>.tar.gz for every target (targets.ts)
//   python/     the Python SDK's wheel and sdist
//   SHA256SUMS  the checksums of all of them, by file name (`sha256sum -c --ignore-missing SHA256SUMS`)
// The Go SDK is released by the tag sdk/go/v<version> on the same commit; its go.mod is checked here.
// Needs `npm ci` and `npm run tools` (the CLI, the tools venv and its wheelhouse); fetches the Node.js
// executables of the other targets into $PULUMI_QUICKBI_TOOLS once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { nativeToolchainPaths } from "../../harness/example-stack";
import { obtainPulumiCli } from "../../harness/pulumi-cli";
import { checkGoModule, checkNpmTarball, checkPluginArchive, checkSdist, checkWheel } from "./checks";
import { toolsDir } from "./node-binaries";
import { buildPluginArchives } from "./plugin-archives";
import { publicHome } from "../../scripts/generate/public-home";
import { buildPythonSdk } from "./python-sdk";
import { PLUGIN_TARGETS } from "./targets";

const ROOT = resolve(__dirname, "..", "..");
const OUT = join(ROOT, ".release");

/** Runs `work` and prints what it proved and how long it took. */
async function step<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  const said = typeof result === "string" ? `: ${result}` : "";
  console.log(`release: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${said}`);
  return result;
}

async function release(): Promise<void> {
  const home = publicHome();
  const { python, wheelhouse } = nativeToolchainPaths();
  if (!python || !existsSync(python) || !wheelhouse || !existsSync(wheelhouse)) {
    throw new Error(`no tools venv or wheelhouse (${python}, ${wheelhouse}): run npm run tools first`);
  }
  const pulumi = join(obtainPulumiCli().bin, "pulumi");
  rmSync(OUT, { recursive: true, force: true });
  for (const dir of ["npm", "plugin", "python"]) mkdirSync(join(OUT, dir), { recursive: true });

  const tarball = await step("npm pack", () => {
    const printed = execFileSync("npm", ["pack", "--silent", "--pack-destination", join(OUT, "npm")], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return join(OUT, "npm", printed.trim().split("\n").pop()!);
  });
  const archives = await step("plugin archives", () =>
    buildPluginArchives({
      version: home.version,
      targets: PLUGIN_TARGETS,
      outDir: join(OUT, "plugin"),
      toolsDir: toolsDir(),
    }),
  );
  const { wheel, sdist } = await step("Python wheel and sdist", () =>
    buildPythonSdk({ python, outDir: join(OUT, "python"), version: home.version }),
  );

  await step(`check ${basename(tarball)}`, () => checkNpmTarball(tarball, home));
  for (const archive of archives) {
    await step(`check ${basename(archive.file)}`, () => checkPluginArchive(archive, home, pulumi));
  }
  await step(`check ${basename(wheel)}`, () => checkWheel(wheel, home, python, wheelhouse));
  await step(`check ${basename(sdist)}`, () => checkSdist(sdist, home));
  await step("check sdk/go/go.mod", () => checkGoModule(join(ROOT, "sdk", "go", "go.mod"), home));

  const files = [tarball, ...archives.map((a) => a.file), wheel, sdist];
  const sums = files.map(
    (file) => `${createHash("sha256").update(readFileSync(file)).digest("hex")}  ${basename(file)}`,
  );
  writeFileSync(join(OUT, "SHA256SUMS"), `${sums.join("\n")}\n`);
  for (const file of files) {
    console.log(`  ${(statSync(file).size / 1e6).toFixed(1).padStart(6)} MB  ${file.slice(ROOT.length + 1)}`);
  }
  console.log(`release: ${home.version} built and checked in ${OUT} (${readdirSync(OUT).length} entries)`);
}

release().catch((error: unknown) => {
  console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.cause) console.error(error.cause);
  process.exit(1);
});
