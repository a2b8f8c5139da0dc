/**
 * What a Pulumi Registry listing shows about the `quickbi` package, besides what package.json already
 * says (version, license, repository): the one place this metadata is written. The repository URL, the
 * pluginDownloadURL and the Go import path come from package.json's `repository` (public-home.ts).
 */
export const REGISTRY_LISTING = {
  name: "quickbi",
  displayName: "Quick BI offboarding",
  description:
    "Declare employee offboarding from Alibaba Cloud Quick BI: WithdrawAllUserGroups with a preview of who leaves which groups, an audit record and drift detection.",
  keywords: ["pulumi", "alibaba-cloud", "quickbi", "offboarding", "category/utility", "kind/native"],
  homepage: "https://www.npmjs.com/package/pulumi-quickbi-offboarding",
  publisher: "pulumi-quickbi-offboarding",
  /** In the repository, so that it is served from the same place as the docs. */
  logoPath: "docs/logo.svg",
  /** The SDK packages' names and options for Pulumi's code generators. */
  language: {
    go: {
      respectSchemaVersion: true,
      generateExtraInputTypes: true,
    },
    python: {
      packageName: "pulumi_quickbi",
      respectSchemaVersion: true,
      pyproject: { enabled: true },
      requires: { pulumi: ">=3.142.0,<4.0.0" },
    },
  },
} as const;
