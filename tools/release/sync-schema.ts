// Writes what package.json determines into schema.json: the version, the repository, the
// pluginDownloadURL and the Go import path. scripts/gen-sdk runs it before generating the SDKs, which
// carry them on (pulumi-plugin.json, pyproject.toml, go.mod); tests/native/schema.test.ts checks that
// schema.json agrees with package.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { format } from "prettier";
import { publicHome } from "./public-home";

const SCHEMA = join(resolve(__dirname, "..", ".."), "schema.json");

interface Schema {
  [key: string]: unknown;
  language: { go: Record<string, unknown> };
}

async function syncSchema(): Promise<void> {
  const home = publicHome();
  const text = readFileSync(SCHEMA, "utf8");
  const schema = JSON.parse(text) as Schema;
  const derived = {
    version: home.version,
    repository: home.repositoryUrl,
    pluginDownloadURL: home.pluginDownloadURL,
  };
  // Each key where it stands, pluginDownloadURL right after the repository.
  const entries = Object.entries({ ...schema, ...derived }).filter(([key]) => key !== "pluginDownloadURL");
  entries.splice(entries.findIndex(([key]) => key === "repository") + 1, 0, [
    "pluginDownloadURL",
    derived.pluginDownloadURL,
  ]);
  const next = Object.fromEntries(entries) as Schema;
  next.language.go.importBasePath = home.goImportPath;
  // As the file was written: two-space JSON with non-ASCII escaped, formatted by prettier.
  const json = JSON.stringify(next, null, 2).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const written = await format(json, { filepath: SCHEMA });
  if (written !== text) {
    writeFileSync(SCHEMA, written);
    console.error(`schema.json: version, repository, pluginDownloadURL and Go import path from package.json`);
  }
}

syncSchema().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
