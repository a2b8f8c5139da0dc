import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { publicHome } from "../../tools/release/public-home";

/**
 * schema.json is written by hand; this keeps it in step with the TypeScript API it serves to other
 * languages. For each resource and component, the TypeScript `…Args` interface must match the schema's
 * inputProperties, and the class's `pulumi.Output` properties its properties: the same names, types
 * (nested objects and enums compared field by field), optionality, `plain` where TypeScript takes no
 * `pulumi.Input`, and each schema description must begin with the property's TSDoc. Changing either
 * side alone fails here, naming the property.
 */
const ROOT = resolve(__dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "schema.json"), "utf8")) as Schema;

interface SchemaProperty {
  type?: string;
  items?: SchemaProperty;
  $ref?: string;
  plain?: boolean;
  description?: string;
}
interface SchemaObject {
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  enum?: { value: string }[];
  type?: string;
}
interface SchemaResource {
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs?: string[];
  properties: Record<string, SchemaProperty>;
  required?: string[];
}
interface Schema {
  version: string;
  repository?: string;
  pluginDownloadURL?: string;
  language?: { go?: { importBasePath?: string } };
  types: Record<string, SchemaObject>;
  resources: Record<string, SchemaResource>;
}

/** One property, described the same way from either side. */
interface Described {
  readonly shape: string;
  readonly optional: boolean;
  readonly plain: boolean;
  readonly doc: string;
}

const program = ts.createProgram([join(ROOT, "provider", "index.ts")], {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

function declarationOf(name: string): ts.InterfaceDeclaration | ts.ClassDeclaration {
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(join(ROOT, "provider"))) continue;
    for (const statement of file.statements) {
      if (
        (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name?.text === name
      )
        return statement;
    }
  }
  throw new Error(`no interface or class ${name} under provider/`);
}

/** `pulumi.Input<T>` / `pulumi.Output<T>` → T, saying which wrapper it had. */
function unwrap(node: ts.TypeNode, wrapper: "Input" | "Output"): ts.TypeNode | undefined {
  if (ts.isTypeReferenceNode(node) && node.typeName.getText().endsWith(wrapper) && node.typeArguments?.[0])
    return node.typeArguments[0];
  return undefined;
}

function shapeOfNode(node: ts.TypeNode): { shape: string; optional: boolean } {
  if (ts.isUnionTypeNode(node)) {
    const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    const optional = parts.length < node.types.length;
    if (parts.every((t) => ts.isLiteralTypeNode(t)))
      return {
        shape: `enum(${parts
          .map((t) => (t as ts.LiteralTypeNode).literal.getText().slice(1, -1))
          .sort()
          .join("|")})`,
        optional,
      };
    assert.equal(parts.length, 1, `unsupported union ${node.getText()}`);
    return { shape: shapeOfNode(parts[0]!).shape, optional };
  }
  if (ts.isTypeOperatorNode(node)) return shapeOfNode(node.type);
  if (ts.isArrayTypeNode(node))
    return { shape: `array<${shapeOfNode(node.elementType).shape}>`, optional: false };
  if (ts.isTypeReferenceNode(node)) {
    const inner = unwrap(node, "Input");
    if (inner) return shapeOfNode(inner);
    const symbol = checker.getSymbolAtLocation(node.typeName);
    const target =
      symbol && (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
    const declaration = target?.declarations?.[0];
    if (declaration && ts.isTypeAliasDeclaration(declaration)) return shapeOfNode(declaration.type);
    if (declaration && ts.isInterfaceDeclaration(declaration))
      return { shape: objectShape(membersOf(declaration)), optional: false };
    throw new Error(`unsupported type ${node.getText()}`);
  }
  const keywords: Partial<Record<ts.SyntaxKind, string>> = {
    [ts.SyntaxKind.StringKeyword]: "string",
    [ts.SyntaxKind.NumberKeyword]: "number",
    [ts.SyntaxKind.BooleanKeyword]: "boolean",
    [ts.SyntaxKind.UnknownKeyword]: "any",
  };
  const keyword = keywords[node.kind];
  if (!keyword) throw new Error(`unsupported type ${node.getText()}`);
  return { shape: keyword, optional: false };
}

/** The properties of an interface, or the `pulumi.Output` properties of a class. */
function membersOf(declaration: ts.InterfaceDeclaration | ts.ClassDeclaration): Record<string, Described> {
  const described: Record<string, Described> = {};
  for (const member of declaration.members) {
    if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.type) continue;
    let node = member.type;
    if (ts.isClassDeclaration(declaration)) {
      const inner = unwrap(node, "Output");
      if (!inner) continue; // child resources and the like are not outputs
      node = inner;
    }
    const name = member.name.getText();
    const { shape, optional } = shapeOfNode(node);
    const symbol = checker.getSymbolAtLocation(member.name);
    described[name] = {
      shape,
      optional: optional || member.questionToken !== undefined,
      plain: ts.isInterfaceDeclaration(declaration) && unwrap(member.type, "Input") === undefined,
      doc: normalize(ts.displayPartsToString(symbol?.getDocumentationComment(checker))),
    };
  }
  return described;
}

function objectShape(members: Record<string, Described>): string {
  const fields = Object.entries(members)
    .map(([name, m]) => `${name}${m.optional ? "?" : ""}:${m.shape}`)
    .sort();
  return `object{${fields.join(",")}}`;
}

function schemaShape(property: SchemaProperty): string {
  if (property.$ref === "pulumi.json#/Any") return "any";
  if (property.$ref) {
    const type = schema.types[property.$ref.replace("#/types/", "")];
    assert.ok(type, `schema.json has no type ${property.$ref}`);
    if (type.enum)
      return `enum(${type.enum
        .map((e) => e.value)
        .sort()
        .join("|")})`;
    return objectShape(schemaMembers(type.properties ?? {}, type.required ?? []));
  }
  if (property.type === "array") return `array<${schemaShape(property.items ?? {})}>`;
  if (property.type === "integer") return "number";
  return property.type ?? "unknown";
}

function schemaMembers(
  properties: Record<string, SchemaProperty>,
  required: string[],
): Record<string, Described> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, p]) => [
      name,
      {
        shape: schemaShape(p),
        optional: !required.includes(name),
        plain: p.plain === true,
        doc: normalize(p.description ?? ""),
      },
    ]),
  );
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function assertInStep(
  what: string,
  typescript: Record<string, Described>,
  fromSchema: Record<string, Described>,
  compare: { plain: boolean },
) {
  assert.deepEqual(Object.keys(fromSchema).sort(), Object.keys(typescript).sort(), `${what}: property names`);
  for (const [name, ts] of Object.entries(typescript)) {
    const s = fromSchema[name]!;
    assert.equal(s.shape, ts.shape, `${what}.${name}: type`);
    assert.equal(
      s.optional,
      ts.optional,
      `${what}.${name}: optional in TypeScript, not required in schema.json`,
    );
    if (compare.plain)
      assert.equal(
        s.plain,
        ts.plain,
        `${what}.${name}: plain in schema.json exactly when TypeScript takes no pulumi.Input`,
      );
    assert.notEqual(s.doc, "", `${what}.${name}: schema.json needs a description`);
    assert.ok(
      s.doc.startsWith(ts.doc),
      `${what}.${name}: the description must begin with the TSDoc "${ts.doc}"; it is "${s.doc}"`,
    );
  }
}

const SERVED = [
  {
    token: "quickbi:index:UserGroupRevocation",
    args: "QuickBIUserGroupRevocationArgs",
    resource: "QuickBIUserGroupRevocation",
  },
  { token: "quickbi:index:RemovalGuard", args: "QuickBIRemovalGuardArgs", resource: "QuickBIRemovalGuard" },
  { token: "quickbi:index:Offboarding", args: "QuickBIOffboardingArgs", resource: "QuickBIOffboarding" },
] as const;

describe("schema.json in step with the TypeScript API", () => {
  for (const { token, args, resource } of SERVED) {
    const served = () => {
      const entry = schema.resources[token];
      assert.ok(entry, `schema.json has no resource ${token}`);
      return entry;
    };

    it(`${token} inputs are ${args}`, () => {
      const { inputProperties, requiredInputs = [] } = served();
      assertInStep(token, membersOf(declarationOf(args)), schemaMembers(inputProperties, requiredInputs), {
        plain: true,
      });
    });

    it(`${token} outputs are the pulumi.Output properties of ${resource}`, () => {
      const { properties, required = [] } = served();
      assertInStep(token, membersOf(declarationOf(resource)), schemaMembers(properties, required), {
        plain: false,
      });
    });
  }

  it("names the package's version, which the plugin reports and gen-sdk writes into the SDKs", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(
      schema.version,
      version,
      "run npm run gen-sdk: it writes package.json's version into schema.json",
    );
    for (const file of [
      "sdk/python/pulumi_quickbi/pulumi-plugin.json",
      "sdk/go/quickbi/pulumi-plugin.json",
    ]) {
      const plugin = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as { name: string; version: string };
      assert.deepEqual([plugin.name, plugin.version], ["quickbi", version], file);
    }
    assert.match(
      readFileSync(join(ROOT, "sdk/python/pyproject.toml"), "utf8"),
      new RegExp(`version = "${version}"`),
    );
  });

  it("names the public home of package.json's repository: the plugin's download URL and the Go module", () => {
    const home = publicHome();
    const fix = "run npm run gen-sdk: it writes what package.json's repository determines into schema.json";
    assert.equal(schema.repository, home.repositoryUrl, fix);
    assert.equal(schema.pluginDownloadURL, home.pluginDownloadURL, fix);
    assert.equal(schema.language?.go?.importBasePath, home.goImportPath, fix);
    for (const file of [
      "sdk/python/pulumi_quickbi/pulumi-plugin.json",
      "sdk/go/quickbi/pulumi-plugin.json",
    ]) {
      const plugin = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as { server?: string };
      assert.equal(plugin.server, home.pluginDownloadURL, file);
    }
    assert.match(
      readFileSync(join(ROOT, "sdk/go/go.mod"), "utf8"),
      new RegExp(`^module ${home.goModule}$`, "m"),
    );
  });
});
