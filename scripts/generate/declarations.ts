/**
 * Reads the declarations of the package's resources and stack config (the TypeScript `…Args`
 * interfaces, the resource classes' `pulumi.Output` properties, the interfaces and enums they use, and
 * QuickBIStackConfig) with the TypeScript compiler, and says them as Pulumi schema: the one place the
 * shape of each resource is written is its TypeScript declaration, with its TSDoc as the description.
 *
 * How TypeScript maps to the schema: `pulumi.Input<T>` is T (an input without it is `plain`), `T?` or
 * `T | undefined` is optional, `Integer` (provider/integer.ts) is `integer`, `unknown` is Any, an
 * interface is an object type and a const object with a type of the same name (`OnMissingUser`) an
 * enum, both named by their TypeScript name without the `QuickBI` prefix. `@default` is appended as
 * "Default: …". A property without TSDoc is an error: the description is what every language shows.
 */
import { join } from "node:path";
import ts from "typescript";

export interface SchemaProperty {
  type?: string;
  items?: SchemaProperty;
  $ref?: string;
  plain?: boolean;
  /** From the `@secret` TSDoc tag: the SDKs mark the value secret. */
  secret?: boolean;
  description?: string;
}

export interface SchemaType {
  type: "object" | "string";
  description: string;
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  enum?: { name: string; value: string; description: string }[];
}

/** Properties with the names of those that are not optional. */
export interface Members {
  readonly properties: Record<string, SchemaProperty>;
  readonly required: string[];
}

const PACKAGE = "quickbi";
const ANY = "pulumi.json#/Any";

/** A TypeScript name as the schema says it: `QuickBIOffboarding` is `Offboarding` in every language. */
export function schemaName(text: string): string {
  return text.replace(/\bQuickBI(?=[A-Z])/g, "");
}

export class Declarations {
  /** The object and enum types met so far, by token. */
  readonly types: Record<string, SchemaType> = {};
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(private readonly root: string) {
    this.program = ts.createProgram(
      [join(root, "provider", "index.ts"), join(root, "provider", "config", "quickbi-config.ts")],
      { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true },
    );
    this.checker = this.program.getTypeChecker();
  }

  /** The interface or class `name` declared under provider/. */
  declaration(name: string): ts.InterfaceDeclaration | ts.ClassDeclaration {
    for (const file of this.program.getSourceFiles()) {
      if (!file.fileName.startsWith(join(this.root, "provider"))) continue;
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

  /** The TSDoc of a declaration, without its tags: a resource's or a type's description. */
  summary(declaration: ts.InterfaceDeclaration | ts.ClassDeclaration): string {
    const symbol = declaration.name && this.checker.getSymbolAtLocation(declaration.name);
    const text = symbol ? this.text(symbol.getDocumentationComment(this.checker)) : "";
    if (!text) throw new Error(`${declaration.name?.text}: no TSDoc, which the schema's description needs`);
    return text;
  }

  isComponent(declaration: ts.ClassDeclaration): boolean {
    return (declaration.heritageClauses ?? []).some((clause) =>
      clause.types.some((type) => type.expression.getText().endsWith("ComponentResource")),
    );
  }

  /**
   * The properties of `declaration`: a resource's inputs (`plain` where TypeScript takes no
   * `pulumi.Input`), a class's `pulumi.Output` properties, or the fields of an object type or config.
   */
  members(
    declaration: ts.InterfaceDeclaration | ts.ClassDeclaration,
    kind: "inputs" | "outputs" | "fields",
  ): Members {
    const properties: Record<string, SchemaProperty> = {};
    const required: string[] = [];
    for (const member of declaration.members) {
      if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || !member.type) continue;
      let node = member.type;
      if (kind === "outputs") {
        const inner = unwrap(node, "Output");
        if (!inner) continue; // child resources and the like are not outputs
        node = inner;
      }
      const name = member.name.getText();
      const where = `${declaration.name?.text}.${name}`;
      const { property, optional } = this.property(node, where);
      if (kind === "inputs" && unwrap(member.type, "Input") === undefined) {
        property.plain = true;
        if (property.items) property.items.plain = true;
      }
      const symbol = this.checker.getSymbolAtLocation(member.name);
      property.description = this.describe(symbol, where);
      if (symbol?.getJsDocTags(this.checker).some((tag) => tag.name === "secret")) property.secret = true;
      properties[name] = property;
      if (!optional && member.questionToken === undefined) required.push(name);
    }
    return { properties, required };
  }

  private property(node: ts.TypeNode, where: string): { property: SchemaProperty; optional: boolean } {
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (parts.length !== 1)
        throw new Error(`${where}: a union (${node.getText()}); declare an enum (see OnMissingUser)`);
      return {
        property: this.property(parts[0]!, where).property,
        optional: parts.length < node.types.length,
      };
    }
    if (ts.isTypeOperatorNode(node)) return this.property(node.type, where);
    if (ts.isArrayTypeNode(node))
      return {
        property: { type: "array", items: this.property(node.elementType, where).property },
        optional: false,
      };
    if (ts.isTypeReferenceNode(node)) {
      const inner = unwrap(node, "Input");
      if (inner) return this.property(inner, where);
      if (node.typeName.getText() === "Integer") return { property: { type: "integer" }, optional: false };
      return { property: { $ref: this.typeRef(node, where) }, optional: false };
    }
    const keywords: Partial<Record<ts.SyntaxKind, SchemaProperty>> = {
      [ts.SyntaxKind.StringKeyword]: { type: "string" },
      [ts.SyntaxKind.NumberKeyword]: { type: "number" },
      [ts.SyntaxKind.BooleanKeyword]: { type: "boolean" },
      [ts.SyntaxKind.UnknownKeyword]: { $ref: ANY },
    };
    const keyword = keywords[node.kind];
    if (!keyword) throw new Error(`${where}: no schema type for ${node.getText()}`);
    return { property: { ...keyword }, optional: false };
  }

  /** `#/types/quickbi:index:<Name>` for an interface or an enum, declaring it on first use. */
  private typeRef(node: ts.TypeReferenceNode, where: string): string {
    const symbol = this.checker.getSymbolAtLocation(node.typeName);
    const target =
      symbol && (symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol);
    const declarations = target?.declarations ?? [];
    const iface = declarations.find(ts.isInterfaceDeclaration);
    const enumValues = declarations.find(ts.isVariableDeclaration);
    const alias = declarations.find(ts.isTypeAliasDeclaration);
    if (!target || (!iface && !(enumValues && alias))) {
      if (alias) throw new Error(`${where}: type ${node.getText()} is neither an interface nor an enum`);
      throw new Error(`${where}: no schema type for ${node.getText()}`);
    }
    const token = `${PACKAGE}:index:${schemaName(target.name)}`;
    if (!this.types[token]) {
      if (iface) {
        const description = this.summary(iface);
        this.types[token] = { type: "object", description }; // declared before its members: recursion
        const { properties, required } = this.members(iface, "fields");
        this.types[token] = {
          type: "object",
          description,
          properties,
          ...(required.length ? { required } : {}),
        };
      } else {
        this.types[token] = this.enumType(target, enumValues!);
      }
    }
    return `#/types/${token}`;
  }

  private enumType(symbol: ts.Symbol, declaration: ts.VariableDeclaration): SchemaType {
    let literal = declaration.initializer;
    while (literal && (ts.isAsExpression(literal) || ts.isSatisfiesExpression(literal)))
      literal = literal.expression;
    if (!literal || !ts.isObjectLiteralExpression(literal))
      throw new Error(`${symbol.name}: an enum is a const object literal of its values`);
    const values = literal.properties.map((member) => {
      if (!ts.isPropertyAssignment(member) || !ts.isStringLiteral(member.initializer))
        throw new Error(`${symbol.name}: every enum member is Name: "value"`);
      const name = member.name.getText();
      return {
        name,
        value: member.initializer.text,
        description: this.describe(this.checker.getSymbolAtLocation(member.name), `${symbol.name}.${name}`),
      };
    });
    const description = this.text(symbol.getDocumentationComment(this.checker));
    if (!description) throw new Error(`${symbol.name}: no TSDoc, which the schema's description needs`);
    return { type: "string", description, enum: values };
  }

  /** TSDoc, then "Default: …" from `@default` unless it is `- none` (`- none; <what instead>` says that). */
  private describe(symbol: ts.Symbol | undefined, where: string): string {
    const text = symbol ? this.text(symbol.getDocumentationComment(this.checker)) : "";
    if (!text) throw new Error(`${where}: no TSDoc, which the schema's description needs`);
    const tag = symbol?.getJsDocTags(this.checker).find((t) => t.name === "default");
    const value = tag?.text ? this.text(tag.text) : undefined;
    if (value === undefined || value === "- none") return text;
    // `@default - none; give this or \`account\`` says what to do instead of a default.
    const instead = /^- none; (.+)$/.exec(value)?.[1];
    if (instead) return `${text} ${instead[0]!.toUpperCase()}${instead.slice(1)}.`;
    const said = value.startsWith("- ") ? value.slice(2) : `\`${value.replace(/^"(.*)"$/, "$1")}\``;
    return `${text} Default: ${said}${said.endsWith(".") ? "" : "."}`;
  }

  /** Display parts as text: `{@link X}` is X, paragraphs kept, other whitespace collapsed. */
  private text(parts: readonly ts.SymbolDisplayPart[]): string {
    const raw = parts.map((part) => (part.kind === "link" ? "" : part.text)).join("");
    return schemaName(
      raw
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
        .filter(Boolean)
        .join("\n\n"),
    );
  }
}

/** `pulumi.Input<T>` / `pulumi.Output<T>` → T. */
function unwrap(node: ts.TypeNode, wrapper: "Input" | "Output"): ts.TypeNode | undefined {
  if (ts.isTypeReferenceNode(node) && node.typeName.getText().endsWith(wrapper) && node.typeArguments?.[0])
    return node.typeArguments[0];
  return undefined;
}
