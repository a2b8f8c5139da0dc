// What the release command checks in each artifact before anything can be uploaded: that it installs
// the way its users install it, reports the package's version and holds what it must. Each check
// throws, naming the artifact and what is wrong; each returns one line saying what it proved.
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { PluginArchive } from "./plugin-archives";
import { SEA_FUSE } from "./plugin-archives";
import type { PublicHome } from "../../scripts/generate/public-home";
import { executableName, hostTarget, platformOf } from "./targets";

/** A scratch directory for one check, removed afterwards. */
function inScratch<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "quickbi-release-check-"));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fail(artifact: string, problem: string): never {
  throw new Error(`${basename(artifact)}: ${problem}`);
}

/** The npm tarball: its manifest's version, no install-time script, the compiled plugin and schema. */
export function checkNpmTarball(tarball: string, home: PublicHome): string {
  return inScratch((dir) => {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    const manifest = JSON.parse(readFileSync(join(dir, "package", "package.json"), "utf8"));
    if (manifest.version !== home.version) fail(tarball, `version ${manifest.version}, not ${home.version}`);
    if (manifest.scripts?.prepare) fail(tarball, "its package.json still has a prepare script");
    const schema = JSON.parse(readFileSync(join(dir, "package", "schema.json"), "utf8"));
    checkSchema(tarball, schema, home);
    for (const file of [
      "dist/provider/index.js",
      "dist/provider/native/main.js",
      "bin/pulumi-resource-quickbi",
    ]) {
      readFileSync(join(dir, "package", file)); // throws ENOENT naming the missing file
    }
    // Installable, with its dependencies and peer, from npm's cache where it has them.
    execFileSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--prefix", dir, tarball],
      {
        stdio: "pipe",
      },
    );
    const loaded = execFileSync(
      process.execPath,
      ["-p", "Object.keys(require('pulumi-quickbi-offboarding')).length"],
      { cwd: dir, encoding: "utf8" },
    ).trim();
    return `npm install of it works, ${loaded} exports load; version ${home.version}, no prepare script`;
  });
}

/** One plugin archive: its entries, its executable's format and injected blob; run if it is this machine's. */
export function checkPluginArchive(archive: PluginArchive, home: PublicHome, pulumi: string): string {
  const { file, target } = archive;
  return inScratch((dir) => {
    const entries = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).trim().split("\n").sort();
    const expected = [executableName(target), "LICENSE"].sort();
    if (entries.join() !== expected.join())
      fail(file, `holds ${entries.join(", ")}, not ${expected.join(", ")}`);
    execFileSync("tar", ["-xzf", file, "-C", dir]);
    const executable = join(dir, executableName(target));
    const format = executableFormat(executable);
    if (format !== platformOf(target)) fail(file, `its executable is built for ${format}`);
    if (!readFileSync(executable).includes(`${SEA_FUSE}:1`))
      fail(file, "no single-executable blob was injected");
    if (target !== hostTarget()) return `${format} executable with the plugin injected (not run here)`;
    return ranOnThisMachine(file, dir, home, pulumi);
  });
}

/** Installs the archive with `pulumi plugin install --file` into a fresh PULUMI_HOME and asks it for its schema. */
function ranOnThisMachine(file: string, dir: string, home: PublicHome, pulumi: string): string {
  const env = {
    ...process.env,
    PATH: join(dir, "empty"), // nothing, Node.js least of all: the executable must run alone
    PULUMI_HOME: join(dir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  execFileSync(pulumi, ["plugin", "install", "resource", "quickbi", home.version, "--file", file], {
    env,
    stdio: "pipe",
  });
  const schema = JSON.parse(
    execFileSync(pulumi, ["package", "get-schema", `quickbi@${home.version}`], { env, encoding: "utf8" }),
  );
  checkSchema(file, schema, home);
  return `installed with pulumi plugin install --file, run without Node.js: serves the schema of ${home.version}`;
}

function checkSchema(artifact: string, schema: Record<string, unknown>, home: PublicHome): void {
  if (schema.version !== home.version) fail(artifact, `schema version ${String(schema.version)}`);
  if (schema.pluginDownloadURL !== home.pluginDownloadURL) {
    fail(
      artifact,
      `schema pluginDownloadURL ${String(schema.pluginDownloadURL)}, not ${home.pluginDownloadURL}`,
    );
  }
}

/** `linux-amd64` and so on, from the executable's header (ELF, Mach-O or PE). */
function executableFormat(file: string): string {
  const header = Buffer.alloc(4096);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.readUInt32BE(0) === 0x7f454c46) {
    const machine = header.readUInt16LE(18);
    return `linux-${{ 0x3e: "amd64", 0xb7: "arm64" }[machine] ?? `machine ${machine}`}`;
  }
  if (header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = header.readUInt32LE(4);
    return `darwin-${{ 0x01000007: "amd64", 0x0100000c: "arm64" }[cpu] ?? `cpu ${cpu}`}`;
  }
  if (header.toString("latin1", 0, 2) === "MZ") {
    const pe = header.readUInt32LE(0x3c);
    const machine = header.readUInt16LE(pe + 4);
    return `windows-${{ 0x8664: "amd64", 0xaa64: "arm64" }[machine] ?? `machine ${machine}`}`;
  }
  return "an unknown format";
}

/** The wheel, installed with pip --no-index into a fresh venv: its version and its pluginDownloadURL. */
export function checkWheel(wheel: string, home: PublicHome, python: string, wheelhouse: string): string {
  return inScratch((dir) => {
    execFileSync(python, ["-m", "venv", join(dir, "venv")]);
    const venvPython = join(dir, "venv", "bin", "python");
    execFileSync(
      venvPython,
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-index",
        "--find-links",
        wheelhouse,
        wheel,
      ],
      { stdio: "pipe" },
    );
    const [version, plugin] = execFileSync(
      venvPython,
      [
        "-c",
        "import importlib.metadata as m, importlib.resources as r; print(m.version('pulumi_quickbi')); " +
          "print(r.files('pulumi_quickbi').joinpath('pulumi-plugin.json').read_text().replace('\\n', ''))",
      ],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n");
    if (version !== home.version) fail(wheel, `installs version ${version}`);
    const { server } = JSON.parse(plugin ?? "{}") as { server?: string };
    if (server !== home.pluginDownloadURL) fail(wheel, `pulumi-plugin.json's server is ${server}`);
    return `pip install --no-index into a fresh venv works; version ${version}, plugin from ${server}`;
  });
}

/** The sdist: its version, and the package's sources with pulumi-plugin.json. */
export function checkSdist(sdist: string, home: PublicHome): string {
  const entries = execFileSync("tar", ["-tzf", sdist], { encoding: "utf8" }).split("\n");
  const root = `pulumi_quickbi-${home.version}`;
  for (const file of [
    "PKG-INFO",
    "pyproject.toml",
    "pulumi_quickbi/__init__.py",
    "pulumi_quickbi/pulumi-plugin.json",
  ]) {
    if (!entries.includes(`${root}/${file}`)) fail(sdist, `has no ${root}/${file}`);
  }
  const info = execFileSync("tar", ["-xzOf", sdist, `${root}/PKG-INFO`], { encoding: "utf8" });
  if (!info.includes(`\nVersion: ${home.version}\n`))
    fail(sdist, `PKG-INFO does not say Version: ${home.version}`);
  return `version ${home.version}, sources and pulumi-plugin.json present`;
}

/** The Go SDK is published by a tag, not a file: its go.mod must name the module that tag publishes. */
export function checkGoModule(goMod: string, home: PublicHome): string {
  const module = /^module (\S+)$/m.exec(readFileSync(goMod, "utf8"))?.[1];
  if (module !== home.goModule) fail(goMod, `module ${module}, not ${home.goModule} (run npm run gen-sdk)`);
  return `module ${module}, published by the tag ${home.goTag}`;
}
