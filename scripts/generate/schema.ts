import ts from "typescript";
import { Declarations, type SchemaProperty, type SchemaType } from "./declarations";
import { publicHome, type PackageManifest } from "./public-home";
import { REGISTRY_LISTING } from "./registry-listing";
import { SERVED, STACK_CONFIG } from "./served";

interface SchemaResource {
  isComponent?: true;
  description: string;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs?: string[];
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

/** The package schema the plugin serves and gen-sdk reads, from the declarations and the listing. */
export interface PackageSchema {
  name: string;
  version: string;
  config: { variables: Record<string, SchemaProperty> };
  types: Record<string, SchemaType>;
  resources: Record<string, SchemaResource>;
  [key: string]: unknown;
}

/** schema.json, made from the TypeScript declarations under `root`. */
export function packageSchema(root: string, manifest: PackageManifest): PackageSchema {
  const home = publicHome(manifest);
  const declarations = new Declarations(root);
  const resources: Record<string, SchemaResource> = {};
  for (const { token, args, resource } of SERVED) {
    const type = declarations.declaration(resource);
    const inputs = declarations.members(declarations.declaration(args), "inputs");
    const outputs = declarations.members(type, "outputs");
    resources[token] = {
      ...(ts.isClassDeclaration(type) && declarations.isComponent(type)
        ? { isComponent: true as const }
        : {}),
      description: declarations.summary(type),
      inputProperties: inputs.properties,
      ...(inputs.required.length ? { requiredInputs: inputs.required } : {}),
      properties: outputs.properties,
      ...(outputs.required.length ? { required: outputs.required } : {}),
    };
  }
  const config = declarations.members(declarations.declaration(STACK_CONFIG), "fields");
  const { language, logoPath, ...listing } = REGISTRY_LISTING;
  return {
    name: listing.name,
    displayName: listing.displayName,
    version: manifest.version,
    description: listing.description,
    keywords: [...listing.keywords],
    homepage: listing.homepage,
    license: manifest.license,
    repository: home.repositoryUrl,
    pluginDownloadURL: home.pluginDownloadURL,
    publisher: listing.publisher,
    logoUrl: `${home.repositoryUrl}/raw/HEAD/${logoPath}`,
    meta: { supportPack: true },
    config: { variables: config.properties },
    types: sortedByKey(declarations.types),
    resources,
    language: { ...language, go: { importBasePath: home.goImportPath, ...language.go } },
  };
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
