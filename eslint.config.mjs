// Lint for mistakes, not style (prettier formats). typescript-eslint's recommended rules, without
// type information so that `npm test` stays fast on two cores.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // .matrix/ and .tools/ hold the support matrix's copies of this checkout and its Node.js binaries.
  // .release/ holds npm run release's artifacts (and, while it runs, the plugin's bundle).
  { ignores: ["dist/", "node_modules/", "**/*.d.ts", ".matrix/", ".tools/", ".release/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setImmediate: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
      },
    },
    rules: {
      // Unused names starting with "_" are deliberate (destructuring a key away, a parameter kept for its position).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // The dynamic provider's runtime requires the implementation at run time, on purpose (see provider/dynamic/runtime.ts).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["tests/**", "harness/**", "bench/**"],
    rules: {
      // Tests and the engine stand-in handle the engine's untyped property maps.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
