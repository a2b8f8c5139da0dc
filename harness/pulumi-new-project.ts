// The files `pulumi new typescript` writes, so the packaging test installs the package where a user
// would. Taken from the template's source (github.com/pulumi/templates, typescript/): since March
// 2026 its tsconfig says `module`/`moduleResolution` "nodenext"; from 2019 until then it said
// "commonjs"/"node", which projects made in those years still have. Both are checked, and "bundler"
// for projects that moved on. The template's other files are name substitutions and index.ts.

/** A TypeScript module resolution a consumer project may use, with the compiler options that select it. */
export interface ResolutionMode {
  readonly name: string;
  readonly module: string;
  readonly moduleResolution: string;
}

/** What `pulumi new typescript` writes into tsconfig.json (today). */
export const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "nodenext",
    moduleResolution: "nodenext",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

export const RESOLUTION_MODES: readonly ResolutionMode[] = [
  { name: "nodenext (pulumi new typescript today)", module: "nodenext", moduleResolution: "nodenext" },
  { name: "node (pulumi new typescript, 2019 to March 2026)", module: "commonjs", moduleResolution: "node" },
  { name: "bundler", module: "preserve", moduleResolution: "bundler" },
];

/** The template's Pulumi.yaml, with the project name filled in. */
export function pulumiYaml(project: string): string {
  return `name: ${project}\ndescription: A consumer of pulumi-quickbi-offboarding\nruntime: nodejs\n`;
}

/** The template's package.json: `main` is index.ts; typescript and @types/node as devDependencies. */
export function packageJson(
  project: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string>,
): object {
  return { name: project, main: "index.ts", devDependencies, dependencies };
}

/**
 * A tsconfig that type-checks `files` under `mode` without emitting, on top of the template's.
 * `module: preserve` (bundler) needs TypeScript 5.4 or later.
 */
export function tsconfigFor(mode: ResolutionMode, files: readonly string[]): object {
  return {
    extends: "./tsconfig.json",
    compilerOptions: { module: mode.module, moduleResolution: mode.moduleResolution, noEmit: true },
    files,
  };
}
