// A throwaway Pulumi project directory to run the provider host in. The host deserializes `__provider`
// with require-from-string, whose module paths are Module._nodeModulePaths(path.dirname("")), i.e.
// the host's working directory: a `require("pulumi-quickbi-offboarding/provider-runtime")` inside a
// serialized provider resolves against <project>/node_modules, exactly as in a user's project.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { assertDistFresh } from "./dist-freshness";
import { TEST_PROJECT } from "./engine-values";

/** The package name a user's program and a serialized provider require. */
export const PACKAGE_NAME = "pulumi-quickbi-offboarding";

/** Options of {@link makeHostProject}. */
export interface HostProjectOptions {
  /**
   * The directory linked as node_modules/pulumi-quickbi-offboarding, e.g. an unpacked tarball.
   * @default - this repository's root
   */
  readonly packageDir?: string;
  /**
   * The directory linked as node_modules/@pulumi/pulumi, the copy the launcher would find.
   * @default - the copy this repository resolves
   */
  readonly pulumiDir?: string;
  /**
   * The `name` in Pulumi.yaml and package.json.
   * @default "quickbi-test"
   */
  readonly name?: string;
}

/** A temporary Pulumi project directory. */
export interface HostProject {
  readonly dir: string;
  readonly name: string;
  /**
   * The `@pulumi/pulumi` directory resolved from `dir`, as the launcher's
   * `require.resolve('@pulumi/pulumi/cmd/dynamic-provider')` does (symlinks resolved).
   */
  readonly pulumiDir: string;
  /** Removes the directory (never the linked packages). */
  cleanup(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, "..");

/**
 * Creates a Pulumi project (Pulumi.yaml, package.json, node_modules links) in a temporary directory.
 * Throws, naming `npm run build`, when the linked package is this repository and its dist/ is stale.
 *
 * @example
 * const project = await makeHostProject();
 * const host = await startProviderHost({ cwd: project.dir, pulumiDir: project.pulumiDir });
 * // ...
 * await host.stop();
 * await project.cleanup();
 */
export async function makeHostProject(options: HostProjectOptions = {}): Promise<HostProject> {
  const name = options.name ?? TEST_PROJECT;
  const packageDir = resolve(options.packageDir ?? REPO_ROOT);
  // The host will run this repository's dist/: refuse to test a stale build.
  if (packageDir === REPO_ROOT) assertDistFresh();
  const linkedPulumiDir = resolve(
    options.pulumiDir ?? dirname(require.resolve("@pulumi/pulumi/package.json")),
  );
  const dir = await mkdtemp(join(tmpdir(), "quickbi-host-project-"));
  try {
    await writeFile(
      join(dir, "Pulumi.yaml"),
      `name: ${name}\nruntime: nodejs\ndescription: Temporary project for provider host tests\n`,
    );
    const packageJson = {
      name,
      private: true,
      dependencies: { [PACKAGE_NAME]: `file:${packageDir}`, "@pulumi/pulumi": `file:${linkedPulumiDir}` },
    };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
    await mkdir(join(dir, "node_modules", "@pulumi"), { recursive: true });
    await symlink(packageDir, join(dir, "node_modules", PACKAGE_NAME), "dir");
    await symlink(linkedPulumiDir, join(dir, "node_modules", "@pulumi", "pulumi"), "dir");
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const fromProject = createRequire(join(dir, "index.js"));
  return {
    dir,
    name,
    pulumiDir: dirname(fromProject.resolve("@pulumi/pulumi/package.json")),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
