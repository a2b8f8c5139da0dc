// A Pulumi project that installed this package from its npm tarball, offline: `npm pack`, a
// package-lock derived from this repository's (so `npm ci --offline` needs only the npm cache, and
// installs the versions the suite ran with), `npm ci --offline`. Its own node process captures
// `__provider`, so the serializer sees the package inside node_modules, as in a user's project.
// Used by tests/packaging and by the benchmarks.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { consumerLock } from "./consumer-lock";
import { assertDistFresh } from "./dist-freshness";

const REPO = resolve(__dirname, "..");

export interface InstalledConsumer {
  readonly dir: string;
  readonly pulumiDir: string;
  /** `__provider` of a QuickBIUserGroupRevocation for `userId`, serialized in the consumer's process. */
  readonly provider: string;
  /** The type token the installed package registered. */
  readonly type: string;
  cleanup(): void;
}

const CAPTURE_PROGRAM = (userId: string) => `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => {
    process.stdout.write(JSON.stringify({ type: args.type, provider: args.inputs.__provider }) + "\\n");
    return { id: args.name + "-id", state: args.inputs };
  },
  call: () => ({}),
}, "consumer", "dev", false);
const { QuickBIUserGroupRevocation } = require("pulumi-quickbi-offboarding");
new QuickBIUserGroupRevocation("offboard-alice", { userId: ${JSON.stringify(userId)} });
`;

/** Packs dist/ as it is (`npm pack --ignore-scripts` does not rebuild): it must be fresh, see assertDistFresh. */
export function installConsumer(userId: string): InstalledConsumer {
  assertDistFresh();
  const dir = mkdtempSync(join(tmpdir(), "quickbi-consumer-"));
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], {
      cwd: REPO,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
    const dependencies = {
      "pulumi-quickbi-offboarding": `file:${tarball}`,
      "@pulumi/pulumi": require("@pulumi/pulumi/package.json").version as string,
    };
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "consumer", private: true, dependencies }),
    );
    const integrity = `sha512-${createHash("sha512")
      .update(readFileSync(join(dir, tarball)))
      .digest("base64")}`;
    const lock = consumerLock(
      join(REPO, "package-lock.json"),
      dependencies,
      {
        "node_modules/pulumi-quickbi-offboarding": {
          version: manifest.version,
          resolved: `file:${tarball}`,
          integrity,
          dependencies: manifest.dependencies,
          peerDependencies: manifest.peerDependencies,
        },
      },
      execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim(),
    );
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
    execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "pipe",
    });
    writeFileSync(join(dir, "capture.js"), CAPTURE_PROGRAM(userId));
    const captured = JSON.parse(
      execFileSync(process.execPath, ["capture.js"], { cwd: dir, encoding: "utf8" }).trim(),
    );
    return {
      dir,
      pulumiDir: join(dir, "node_modules", "@pulumi", "pulumi"),
      provider: captured.provider as string,
      type: captured.type as string,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
