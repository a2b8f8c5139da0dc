// One temporary folder per test run (or benchmark run), removed when the process exits. TMPDIR points
// into it, so every folder a test, the provider host, npm or Pulumi makes with os.tmpdir(), in this
// process or a child, lands there: a test that forgets to clean up, or is stopped by a failure
// before it can, leaves nothing behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The run's temporary folder: os.tmpdir() from now on. */
export const RUN_TEMP_DIR = mkdtempSync(join(tmpdir(), "quickbi-test-run-"));
process.env.TMPDIR = RUN_TEMP_DIR;

// Retried: a child that is still exiting may write (a compile cache) while the folder is removed.
process.on("exit", () =>
  rmSync(RUN_TEMP_DIR, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // Exiting on the signal, as Node would without a listener, runs the exit handler above.
  process.once(signal, () => process.exit(128 + (signal === "SIGINT" ? 2 : 15)));
}
