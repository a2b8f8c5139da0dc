// The emulator as a user runs it from this repository: through `npm run emulator`, in the
// background, and stopped with `kill $!` (the npm process), as the README shows.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnCli, waitForUrl, type CliProcess } from "./helpers/cli-process";

/** Whether anything accepts a TCP connection at `url` now. */
function accepting(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function stopsAccepting(url: string, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
    if (!(await accepting(url))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe("emulator CLI, as a user runs it", () => {
  let npm: ChildProcess | undefined;
  let cli: CliProcess | undefined;
  afterEach(() => {
    // The whole process group, so that a failing test leaves no emulator behind either.
    if (npm?.pid !== undefined) {
      try {
        process.kill(-npm.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (cli && cli.child.exitCode === null) cli.child.kill("SIGKILL");
    npm = cli = undefined;
  });

  it("stops when the npm process that runs it is killed (npm run emulator & … kill $!)", async () => {
    npm = spawn("npm", ["run", "--silent", "emulator", "--", "--port", "0"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      npm!.stdout!.on("data", () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      npm!.once("exit", (code) => reject(new Error(`npm exited (${code}) before the banner:\n${out}`)));
    });
    assert.equal(await accepting(url), true);

    npm.kill("SIGTERM");
    assert.equal(await stopsAccepting(url, 10_000), true, `${url} still accepts connections`);
  });

  it("names the seed and the faults it loaded in its banner", async () => {
    const faults = join(tmpdir(), `cli-banner-faults-${process.pid}.json`);
    writeFileSync(
      faults,
      JSON.stringify({ qps: 20, rules: [{ fault: "throttle", action: "WithdrawAllUserGroups", times: 2 }] }),
    );
    cli = spawnCli(["--seed", "examples/offboard-one/seed.yaml", "--faults", faults]);
    await waitForUrl(cli);
    assert.match(
      cli.stdout(),
      /^Seed: +examples\/offboard-one\/seed\.yaml \(4 users, 4 user groups, 4 memberships, 3 workspaces\)$/m,
    );
    assert.ok(
      cli
        .stdout()
        .includes(`Faults: ${faults} (1 rule: throttle on WithdrawAllUserGroups ×2; quota 20 requests/s)`),
      cli.stdout(),
    );
  });

  it("says when it runs on the built-in seed without faults", async () => {
    cli = spawnCli([]);
    await waitForUrl(cli);
    assert.match(
      cli.stdout(),
      /^Seed: +the built-in seed \(\d+ users, \d+ user groups, \d+ memberships, \d+ workspaces\)$/m,
    );
    assert.match(cli.stdout(), /^Faults: none$/m);
  });
});
