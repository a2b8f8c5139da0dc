// A Pulumi project that installed this package from its npm tarball (harness/installed-consumer.ts),
// for the benchmarks under the real CLI: what they measure is the installed layout, whose `__provider`
// is one `require` rather than the checkout's copied code, and whose state is a quarter the size.
import { rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { installConsumer } from "../harness/installed-consumer";

export interface InstalledProject {
  readonly dir: string;
  cleanup(): void;
}

/** `npm pack` of dist/ as it is and `npm ci --offline` into a temporary project (run `npm run build` first). */
export function installedProject(): InstalledProject {
  const consumer = installConsumer();
  try {
    // Inline programs run in this process, on the Automation API's @pulumi/pulumi, and a second copy's
    // gRPC messages are foreign to it. So the project's copy (the same version) becomes a link to this
    // one; the package itself stays installed in the project's node_modules.
    const pulumiDir = join(consumer.dir, "node_modules", "@pulumi", "pulumi");
    rmSync(pulumiDir, { recursive: true, force: true });
    symlinkSync(dirname(require.resolve("@pulumi/pulumi/package.json")), pulumiDir, "dir");
    return { dir: consumer.dir, cleanup: consumer.cleanup };
  } catch (error) {
    consumer.cleanup();
    throw error;
  }
}
