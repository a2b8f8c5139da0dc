// Where the project lives in public, and everything that follows from it. The repository URL is
// written by hand in one place, package.json's `repository` (npm's provenance check compares it with
// the repository the release workflow runs in); the schema's `repository` and `pluginDownloadURL`,
// the Go SDK's module path (and so its tags) and the install commands of the docs are derived here.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

/** What the package's public home determines. */
export interface PublicHome {
  /** `https://github.com/<owner>/<repo>`. */
  readonly repositoryUrl: string;
  /**
   * `github://api.github.com/<owner>/<repo>`: the Pulumi CLI downloads the plugin archive of a
   * version from that repository's GitHub release `v<version>` (CLI >= 3.35.3).
   */
  readonly pluginDownloadURL: string;
  /** The Go SDK's module, `github.com/<owner>/<repo>/sdk/go` (plus `/vN` from major version 2 on). */
  readonly goModule: string;
  /** The Go package programs import: the module plus `/quickbi`. */
  readonly goImportPath: string;
  /**
   * The tag that publishes the Go module of this version: Go wants a module in a subdirectory tagged
   * with that directory as prefix, `sdk/go/v<version>`.
   */
  readonly goTag: string;
  readonly version: string;
}

/** What package.json says that the generated files take. */
export interface PackageManifest {
  readonly version: string;
  readonly license: string;
  readonly repository?: string | { readonly url?: string };
}

/** The public home of the package described by `packageJson` (default: this repository's). */
export function publicHome(
  packageJson: PackageManifest = JSON.parse(
    readFileSync(join(ROOT, "package.json"), "utf8"),
  ) as PackageManifest,
): PublicHome {
  const declared =
    typeof packageJson.repository === "string" ? packageJson.repository : packageJson.repository?.url;
  const match = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(declared ?? "");
  if (!match) {
    throw new Error(
      `package.json's repository.url is ${JSON.stringify(declared)}; the plugin's releases need a GitHub ` +
        "repository: git+https://github.com/<owner>/<repo>.git",
    );
  }
  const [, owner, repo] = match;
  const { version } = packageJson;
  const major = Number(version.split(".")[0]);
  const goModule = `github.com/${owner}/${repo}/sdk/go${major >= 2 ? `/v${major}` : ""}`;
  return {
    repositoryUrl: `https://github.com/${owner}/${repo}`,
    pluginDownloadURL: `github://api.github.com/${owner}/${repo}`,
    goModule,
    goImportPath: `${goModule}/quickbi`,
    goTag: `sdk/go/v${version}`,
    version,
  };
}
