// The stack shapes users have, each deployed by a release and kept as a fixture (capture.ts) that
// every later checkout must upgrade without surprise (upgrade.test.ts). Both read this one list.
import { readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { EmulatorConfig } from "../cli/support/cli-stack";
import { CANARY } from "../support/canaries";
import { ALICE, FINANCE } from "../support/configured-provider";

/** One shape of stack: a program under programs/<name>, deployed against the offboard-one seed. */
export interface UpgradeShape {
  /** Its folder under programs/ and under each release's fixtures. */
  readonly name: string;
  /** What users have that it stands for. */
  readonly title: string;
  /** The project name: every URN of the state carries it. */
  readonly project: string;
  /** A TypeScript program (index.ts, run inline as tests/cli runs programs) or a YAML project directory. */
  readonly language: "typescript" | "yaml";
  /**
   * How the stack reaches the emulator, as tests/cli's CliStack sets it up. A bare YAML resource gets no
   * `alicloud:*` config (the engine passes a plugin only its own namespace), so YAML signs with
   * credentials from the environment.
   */
  readonly emulatorConfig: EmulatorConfig;
  /** Added back to a group after the first `up`, then refreshed and enforced again: a record with history. */
  readonly drift?: { readonly userId: string; readonly usergroupId: string };
}

export const SHAPES: readonly UpgradeShape[] = [
  {
    name: "typescript-revocation",
    title: "QuickBIUserGroupRevocation by userId (with drift in its history) and by account",
    project: "quickbi-upgrade-revocation",
    language: "typescript",
    emulatorConfig: "endpoint and keys",
    drift: { userId: ALICE, usergroupId: FINANCE },
  },
  {
    name: "typescript-offboarding",
    title: "QuickBIOffboarding of a people file, with its removal guard",
    project: "quickbi-upgrade-offboarding",
    language: "typescript",
    emulatorConfig: "endpoint and keys",
  },
  {
    name: "yaml",
    title: "YAML: quickbi:index:Offboarding and a bare quickbi:index:UserGroupRevocation",
    project: "quickbi-upgrade-yaml",
    language: "yaml",
    emulatorConfig: "endpoint",
  },
];

const HERE = __dirname;
export const REPO = resolve(HERE, "..", "..");
/** The seed every shape is deployed against: alice in Finance and Sales, bob in Sales East, carol in Finance. */
export const SEED = join(REPO, "examples", "offboard-one", "seed.yaml");
export const PROGRAMS_DIR = join(HERE, "programs");
export const FIXTURES_DIR = join(HERE, "fixtures");

/** The files of one fixture, in fixtures/<release version>/<shape>/. */
export const FIXTURE_FILES = {
  /** `pulumi stack export` after the release's last command, the emulator's URL as {@link ENDPOINT_PLACEHOLDER}. */
  state: "state.json",
  /** The emulator's users, groups and memberships after it: a seed (the offboarded people are in no group). */
  world: "world.json",
  /** Which commit, CLI and commands made it. */
  capture: "capture.json",
} as const;

/** Stands for the emulator's URL (a port chosen at random) wherever the state holds it. */
export const ENDPOINT_PLACEHOLDER = "http://quickbi-emulator.invalid";

/** One fixture: a shape as one release deployed it. */
export interface UpgradeFixture {
  readonly release: string;
  readonly shape: UpgradeShape;
  readonly dir: string;
}

/** Every fixture committed, oldest release first. */
export function upgradeFixtures(): UpgradeFixture[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .flatMap((release) =>
      SHAPES.filter((shape) => existsSync(join(FIXTURES_DIR, release, shape.name))).map((shape) => ({
        release,
        shape,
        dir: join(FIXTURES_DIR, release, shape.name),
      })),
    );
}

/**
 * The environment of the CLI for a shape deployed with the package at `packageRoot`: for YAML, that
 * package's plugin and the YAML language host on PATH and the emulator's credentials (the canaries)
 * in the variables the credentials chain reads.
 */
export function shapeEnv(
  shape: UpgradeShape,
  packageRoot: string,
  yamlHost: string | undefined,
): Record<string, string> {
  if (shape.language !== "yaml") return {};
  if (!yamlHost) throw new Error(`the ${shape.name} shape needs the Pulumi YAML language host`);
  return {
    PATH: [join(packageRoot, "bin"), dirname(yamlHost), process.env.PATH ?? ""].join(":"),
    ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
  };
}
