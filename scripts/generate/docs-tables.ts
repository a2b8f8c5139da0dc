/**
 * The docs' input, output and config tables, made from the schema. A page holds each table between
 * `<!-- generated: <table> -->` and `<!-- /generated -->`, where <table> is `inputs <Resource>`,
 * `outputs <Resource>`, `types`, `config` or `install` (install-commands.ts); `npm run generate` rewrites
 * what is between the markers.
 */
import type { SchemaProperty } from "./declarations";
import { installCommands } from "./install-commands";
import type { PackageSchema } from "./schema";

const REGION = /(<!-- generated: ([^>]+?) -->\n)[\s\S]*?(<!-- \/generated -->)/g;

/** `text` with every generated region rewritten from `schema`; an unknown table name is an error. */
export function withTables(text: string, file: string, schema: PackageSchema): string {
  return text.replace(REGION, (_all, open: string, name: string, close: string) => {
    return `${open}${table(name, file, schema)}${close}`;
  });
}

function table(name: string, file: string, schema: PackageSchema): string {
  const [kind, resource] = name.split(" ");
  if (kind === "config")
    return rows(
      "Key",
      Object.entries(schema.config.variables).map(([key, p]) => [`quickbi:${key}`, p, false]),
      schema,
    );
  if (kind === "types") return typeTables(schema);
  if (kind === "install") return installCommands(schema);
  const served = resource && schema.resources[`quickbi:index:${resource}`];
  if (!served || (kind !== "inputs" && kind !== "outputs"))
    throw new Error(
      `${file}: no generated table "${name}" (inputs|outputs <Resource>, types, config, install)`,
    );
  const [properties, required] =
    kind === "inputs"
      ? [served.inputProperties, served.requiredInputs ?? []]
      : [served.properties, served.required ?? []];
  return rows(
    kind === "inputs" ? "Input" : "Output",
    Object.entries(properties).map(([key, p]) => [key, p, required.includes(key)]),
    schema,
  );
}

function typeTables(schema: PackageSchema): string {
  return Object.entries(schema.types)
    .map(([token, type]) => {
      const heading = `#### ${token.split(":").pop()}\n\n${oneLine(type.description)}\n\n`;
      if (type.enum)
        return `${heading}${type.enum.map((e) => `- \`${e.value}\`: ${oneLine(e.description)}`).join("\n")}\n`;
      const required = type.required ?? [];
      return `${heading}${rows(
        "Field",
        Object.entries(type.properties ?? {}).map(([key, p]) => [key, p, required.includes(key)]),
        schema,
      )}`;
    })
    .join("\n");
}

function rows(what: string, entries: [string, SchemaProperty, boolean][], schema: PackageSchema): string {
  const lines = entries.map(
    ([key, p, required]) =>
      `| \`${key}\` | ${typeName(p, schema)}${required ? " (required)" : ""} | ${cell(p.description ?? "")} |`,
  );
  return [`| ${what} | Type | Description |`, "| --- | --- | --- |", ...lines].join("\n") + "\n";
}

/** The schema type as the docs say it: `string`, `GroupRecord[]`, `"fail" \| "succeed"`. */
function typeName(property: SchemaProperty, schema: PackageSchema): string {
  if (property.$ref === "pulumi.json#/Any") return "`any`";
  if (property.$ref) {
    const token = property.$ref.replace("#/types/", "");
    const values = schema.types[token]?.enum;
    if (values) return values.map((e) => `\`"${e.value}"\``).join(" \\| ");
    return `\`${token.split(":").pop()}\``;
  }
  if (property.type === "array")
    return `${typeName(property.items ?? {}, schema)}[]`.replace(/`\[\]$/, "[]`");
  return `\`${property.type}\``;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, "\\|");
}
