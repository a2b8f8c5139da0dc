/**
 * The install commands of the docs (`<!-- generated: install -->`), from the schema (whose version,
 * repository and pluginDownloadURL come from package.json) and the release's targets: what works today
 * from a clone, beside what the first release publishes. A version bump or a move of the repository
 * rewrites them with `npm run generate`.
 */
import { archiveName, PLUGIN_NODE_VERSION, PLUGIN_TARGETS, platformOf } from "../../tools/release/targets";
import { publicHome } from "./public-home";
import type { PackageSchema } from "./schema";

export function installCommands(schema: PackageSchema): string {
  const home = publicHome({
    version: schema.version,
    license: String(schema.license),
    repository: String(schema.repository),
  });
  const { version } = home;
  const linux = PLUGIN_TARGETS.find((t) => platformOf(t) === "linux-amd64")!;
  const platforms = PLUGIN_TARGETS.map((t) => `\`${platformOf(t)}\``).join(", ");
  return `The plugin's archives, \`${archiveName(version, linux).replace("linux-amd64", "<os>-<arch>")}\` for ${platforms},
each hold one standalone executable: Node.js ${PLUGIN_NODE_VERSION} and the plugin in one file.

\`\`\`sh
# today, in a clone: build every artifact into .release/ and check it
npm ci && npm run tools && npm run release
pulumi plugin install resource quickbi ${version} --file .release/plugin/${archiveName(version, linux)}
\`\`\`

| | SDK, today (from the clone) | after the first release |
|---|---|---|
| Python | \`pip install .release/python/pulumi_quickbi-${version}-py3-none-any.whl\` | \`pip install pulumi_quickbi==${version}\` |
| Go | \`go mod edit -require=${home.goModule}@v${version} -replace=${home.goModule}=<clone>/sdk/go\`, then \`go mod tidy\` | \`go get ${home.goImportPath}@v${version}\` (the tag \`${home.goTag}\`) |
| YAML | none: the YAML host reads the schema from the plugin | none |

After the first release the SDKs fetch the plugin themselves: they name its download URL,
\`${home.pluginDownloadURL}\`, and the Pulumi CLI downloads the archive of the SDK's version from
that repository's GitHub release \`v${version}\` the first time a program uses the package. A YAML
project has no SDK to carry the URL; install the plugin ahead of time with
\`pulumi plugin install resource quickbi ${version} --server ${home.pluginDownloadURL}\`.
`;
}
