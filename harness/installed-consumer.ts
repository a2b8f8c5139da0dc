// A Pulumi project made the way `pulumi new typescript` makes one (harness/pulumi-new-project.ts),
// whose program is the README's quick start (examples/offboard-one/index.ts), with this package
// installed from its npm tarball, offline: `npm pack`, a package-lock derived from this repository's
// (so `npm install --offline` needs only the npm cache, and installs the versions the suite ran
// with), `npm install`. The program is compiled with the project's own tsc and run in the project's
// own node process under setMocks, so the serializer sees the package inside node_modules, as in a
// user's project. Used by tests/packaging and by the benchmarks.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { consumerLock, type ConsumerRoot } from "./consumer-lock";
import { assertDistFresh } from "./dist-freshness";
import {
  TEMPLATE_TSCONFIG,
  packageJson,
  pulumiYaml,
  tsconfigFor,
  type ResolutionMode,
} from "./pulumi-new-project";

const REPO = resolve(__dirname, "..");
const PROJECT = "consumer";
/** The quick start of the README: one QuickBIUserGroupRevocation. */
const PROGRAM = join(REPO, "examples", "offboard-one", "index.ts");

export interface InstalledConsumer {
  readonly dir: string;
  readonly pulumiDir: string;
  /** Everything `npm install` printed, stdout and stderr. */
  readonly installOutput: string;
  /** The package.json inside the tarball, as npm installed it. */
  readonly installedManifest: { scripts?: Record<string, string> } & Record<string, unknown>;
  /** `__provider` of the program's QuickBIUserGroupRevocation, serialized in the consumer's process. */
  readonly provider: string;
  /** The type token the installed package registered. */
  readonly type: string;
  /** Runs the project's tsc on index.ts and `files` (relative to `dir`) under `mode`; never throws. */
  typecheck(
    mode: ResolutionMode,
    files: readonly string[],
  ): { readonly ok: boolean; readonly output: string };
  cleanup(): void;
}

/** Registers the mocks, then runs the compiled program; prints each resource's type and `__provider`. */
const CAPTURE_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => {
    process.stdout.write(JSON.stringify({ type: args.type, provider: args.inputs.__provider }) + "\\n");
    return { id: args.name + "-id", state: args.inputs };
  },
  call: () => ({}),
}, ${JSON.stringify(PROJECT)}, "dev", false);
require("./bin/index.js");
`;

/** Packs this checkout (`npm pack` builds dist/ first, in prepack), as a release does. */
export function installConsumer(): InstalledConsumer {
  assertDistFresh();
  const dir = mkdtempSync(join(tmpdir(), "quickbi-consumer-"));
  try {
    const tarball = pack(dir);
    const root = consumerRoot(tarball);
    writeFileSync(join(dir, "Pulumi.yaml"), pulumiYaml(PROJECT));
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify(packageJson(PROJECT, root.dependencies, root.devDependencies), null, 2),
    );
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 4));
    copyFileSync(PROGRAM, join(dir, "index.ts"));
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lockFor(dir, tarball, root), null, 2));
    const installOutput = npmInstall(dir);
    const tsc = join(dir, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, stdio: "pipe" });
    writeFileSync(join(dir, "capture.js"), CAPTURE_PROGRAM);
    const captured = JSON.parse(
      execFileSync(process.execPath, ["capture.js"], { cwd: dir, encoding: "utf8" }).trim(),
    );
    const packageDir = join(dir, "node_modules", "pulumi-quickbi-offboarding");
    return {
      dir,
      pulumiDir: join(dir, "node_modules", "@pulumi", "pulumi"),
      installOutput,
      installedManifest: JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")),
      provider: captured.provider as string,
      type: captured.type as string,
      typecheck: (mode, files) => {
        const config = `tsconfig.${mode.moduleResolution}.json`;
        writeFileSync(join(dir, config), JSON.stringify(tsconfigFor(mode, ["index.ts", ...files])));
        const run = spawnSync(process.execPath, [tsc, "-p", config, "--pretty", "false"], {
          cwd: dir,
          encoding: "utf8",
        });
        return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
      },
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** `npm pack` runs the prepack/postpack scripts that keep `prepare` out of the tarball, as a release does. */
function pack(dir: string): string {
  return execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
}

/** The versions this repository's suite ran with, so the install needs nothing but the npm cache. */
function consumerRoot(tarball: string): ConsumerRoot {
  const installed = (name: string) => require(`${name}/package.json`).version as string;
  return {
    name: PROJECT,
    dependencies: {
      "@pulumi/pulumi": installed("@pulumi/pulumi"),
      "pulumi-quickbi-offboarding": `file:${tarball}`,
    },
    devDependencies: { "@types/node": installed("@types/node"), typescript: installed("typescript") },
  };
}

function lockFor(dir: string, tarball: string, root: ConsumerRoot): object {
  const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
  const integrity = `sha512-${createHash("sha512")
    .update(readFileSync(join(dir, tarball)))
    .digest("base64")}`;
  return consumerLock(
    join(REPO, "package-lock.json"),
    root,
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
}

/** `npm install` at npm's default log level, so that its warnings are in what it returns. */
function npmInstall(dir: string): string {
  const run = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund"], {
    cwd: dir,
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm install of the tarball failed (exit ${run.status}):\n${output}`);
  return output;
}
