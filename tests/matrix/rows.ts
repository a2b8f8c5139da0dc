// The support matrix: each row is a Node.js release and an @pulumi/pulumi version the whole suite runs
// on (`npm run matrix -- <row>`). Every row's real-CLI layer uses the one CLI this repository pins
// (tools/pulumi-cli, the newest): users upgrade the CLI independently of their projects' SDK, so an
// older SDK under the newest CLI is the pairing met in the field.
// The README's "Supported versions" section and package.json's engines and peerDependencies say the
// same; change them together.

/** One row of the support matrix. */
export interface MatrixRow {
  readonly name: string;
  /** Why this row is in the matrix. */
  readonly why: string;
  /** An exact Node.js version, installed from the npm package node-<platform>-<arch>. */
  readonly node: string;
  /** An exact @pulumi/pulumi version, installed as the devDependency of a copy of the repository. */
  readonly pulumi: string;
}

export const MATRIX_ROWS = [
  {
    name: "newest",
    why: "the newest Node.js LTS (24, Krypton) with the newest @pulumi/pulumi",
    node: "24.22.3",
    pulumi: "3.276.0",
  },
  {
    name: "oldest",
    why: "the oldest @pulumi/pulumi of the peer range on the oldest maintained Node.js LTS (22)",
    node: "22.23.5",
    pulumi: "3.139.0",
  },
] as const satisfies readonly MatrixRow[];
