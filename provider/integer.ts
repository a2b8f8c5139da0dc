/**
 * A whole number. TypeScript has only `number`; this alias is how a declaration says "integer", so
 * that the generated schema.json (scripts/generate) types it `integer`: `int` in Python and Go.
 */
export type Integer = number;
