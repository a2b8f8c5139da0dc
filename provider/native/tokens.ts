/** The package and type tokens of the plugin, as schema.json declares them. */
export const PACKAGE = "quickbi";

export const TOKENS = {
  revocation: "quickbi:index:UserGroupRevocation",
  removalGuard: "quickbi:index:RemovalGuard",
  offboarding: "quickbi:index:Offboarding",
} as const;

/** The type token in a URN: `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`. */
export function typeOfUrn(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}
