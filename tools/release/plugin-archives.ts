// The `quickbi` plugin as Pulumi users install it: per OS/arch, one standalone executable that needs no
// Node.js on their machine, in pulumi-resource-quickbi-v<version>-<os>-<arch>.tar.gz.
//
// How: esbuild bundles dist/provider/native/main.js (the compiled plugin npm ships) and everything it
// requires into one CommonJS file; the Node.js of PLUGIN_NODE_VERSION that runs on this machine turns
// it into a single-executable-application blob (`node --experimental-sea-config`; the blob holds no
// code cache or snapshot, so one blob fits every platform of that version); postject injects the blob
// into a copy of each target's Node.js executable, as Node.js's SEA documentation does.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { nodeBinaryFor } from "./node-binaries";
import {
  archiveName,
  executableName,
  hostTarget,
  platformOf,
  PLUGIN_NODE_VERSION,
  type PluginTarget,
} from "./targets";

const ROOT = resolve(__dirname, "..", "..");

/** The fuse Node.js checks to know a blob was injected (from Node.js's SEA documentation). */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** postject's command line (its API, run in this process, keeps every executable it read in memory). */
const POSTJECT = require.resolve("postject/dist/cli.js");

/** One built archive. */
export interface PluginArchive {
  readonly target: PluginTarget;
  readonly file: string;
}

/**
 * Builds the archive of each of `targets` into `outDir` from the current dist/ (run `npm run build`
 * first), fetching the Node.js executables it lacks into `toolsDir`.
 */
export function buildPluginArchives(options: {
  readonly version: string;
  readonly targets: readonly PluginTarget[];
  readonly outDir: string;
  readonly toolsDir: string;
}): PluginArchive[] {
  const work = mkdtempSync(join(options.outDir, ".plugin-"));
  try {
    const blob = seaBlob(work, options.toolsDir);
    const archives: PluginArchive[] = [];
    for (const target of options.targets) {
      const dir = join(work, platformOf(target));
      mkdirSync(dir);
      const executable = join(dir, executableName(target));
      copyFileSync(nodeBinaryFor(target, options.toolsDir), executable);
      chmodSync(executable, 0o755);
      inject(executable, blob, target);
      copyFileSync(join(ROOT, "LICENSE"), join(dir, "LICENSE"));
      const file = join(options.outDir, archiveName(options.version, target));
      // The executable at the archive's root, where `pulumi plugin install` looks for it; owner and
      // times fixed so that the archive depends only on its contents.
      execFileSync("tar", [
        ...["--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "--sort=name"],
        ...["-czf", file, "-C", dir, executableName(target), "LICENSE"],
      ]);
      archives.push({ target, file });
    }
    return archives;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The plugin bundled and prepared as a SEA blob by the Node.js that will run it. */
function seaBlob(work: string, toolsDir: string): string {
  const bundle = join(work, "pulumi-resource-quickbi.js");
  buildSync({
    entryPoints: [join(ROOT, "dist", "provider", "native", "main.js")],
    bundle: true,
    minify: true,
    platform: "node",
    target: `node${PLUGIN_NODE_VERSION}`,
    format: "cjs",
    outfile: bundle,
    logLevel: "error",
  });
  const host = hostTarget();
  if (!host)
    throw new Error(`no plugin target runs on ${process.platform}-${process.arch} to prepare the blob`);
  const config = join(work, "sea-config.json");
  const blob = join(work, "sea-prep.blob");
  writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
  execFileSync(nodeBinaryFor(host, toolsDir), ["--experimental-sea-config", config], { stdio: "ignore" });
  return blob;
}

/**
 * Injects the blob into the executable with postject, as Node.js's SEA documentation does, in a process
 * of its own: LIEF (which postject runs as WebAssembly) holds each 120 MB executable it reads until its
 * process ends. Its stderr is shown only on a failure: it warns about the ELF notes of every Node.js
 * binary and the Authenticode signature of the Windows one, which the injection invalidates.
 */
function inject(executable: string, blob: string, target: PluginTarget): void {
  execFileSync(
    process.execPath,
    [
      ...[POSTJECT, executable, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE],
      ...(target.os === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : []),
    ],
    { stdio: "pipe" },
  );
}
