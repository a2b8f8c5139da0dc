// The main command (`npm start` = build, then examples/run.ts) run as a child process, as a user runs
// it. `npm test` builds before mocha, so dist/ is there for the program's `pulumi-quickbi-offboarding`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(__dirname, "..", "..");
const execFileAsync = promisify(execFile);

describe("the main command, examples/run.ts", () => {
  let output: string;
  /** The output of each `$ pulumi ...` command, by command line, in order. */
  let sections: { command: string; text: string }[];

  before(async function () {
    this.timeout(60_000);
    assert.ok(
      existsSync(resolve(ROOT, "dist", "provider", "index.js")),
      "dist/ is missing: run `npm run build` first (npm test does)",
    );
    const { stdout } = await execFileAsync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "examples/run.ts"],
      { cwd: ROOT, timeout: 50_000 },
    );
    output = stdout;
    sections = stdout
      .split("\n$ ")
      .slice(1)
      .map((chunk) => {
        const newline = chunk.indexOf("\n");
        return { command: chunk.slice(0, newline), text: chunk.slice(newline + 1) };
      });
  });

  const section = (index: number) => sections[index]?.text ?? "";

  it("runs preview, up, up again, refresh and destroy, in that order, and says every step behaved", () => {
    assert.deepEqual(
      sections.map((s) => s.command),
      [
        "pulumi preview",
        "pulumi up --yes",
        "pulumi up --yes",
        "pulumi refresh --yes",
        "pulumi destroy --yes",
      ],
    );
    assert.match(output, /Every step behaved as expected\.\n$/);
  });

  it("shows alice's groups before anything runs", () => {
    assert.match(
      output,
      /alice \(Alice Wang, UserId 46e5374665ba4b679ee22e2a2927abcd\) is in 2 user groups: Finance, Sales/,
    );
  });

  it("previews one create showing the UserId, with no WithdrawAllUserGroups request", () => {
    const preview = section(0);

    assert.match(
      preview,
      /\+ {3}pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation {2}offboard-alice {2}create/,
    );
    assert.match(preview, /userId +: "46e5374665ba4b679ee22e2a2927abcd"/);
    assert.match(preview, /\+ 1 to create/);
    assert.match(preview, /Quick BI requests during preview: \d+ \(WithdrawAllUserGroups: 0\)\n/);
    assert.doesNotMatch(preview, /^ {2}WithdrawAllUserGroups /m);
  });

  it("prints as requestId the RequestId of the WithdrawAllUserGroups call the up made", () => {
    const up = section(1);

    const recorded = /requestId +: "([^"]+)"/.exec(up)?.[1];
    const requests = [...up.matchAll(/^ {2}WithdrawAllUserGroups .*HTTP 200 {2}RequestId (\S+)$/gm)];
    assert.equal(requests.length, 1, up);
    assert.ok(recorded, up);
    assert.equal(recorded, requests[0]?.[1]);
    assert.match(up, /UserId=46e5374665ba4b679ee22e2a2927abcd/);
    assert.match(up, /withdrawnAt +: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
    assert.match(up, /alice is now in no user group/);
  });

  it("reports no changes and no request on the second up", () => {
    const again = section(2);

    assert.match(again, /Resources:\n {4}1 unchanged\n/);
    assert.match(again, /Quick BI requests during the second up: \d+ \(WithdrawAllUserGroups: 0\)\n/);
    assert.match(again, /No changes: WithdrawAllUserGroups was not called again\./);
  });

  it("destroys with no request and says the groups are not restored", () => {
    const destroy = section(4);

    assert.match(destroy, /- 1 deleted/);
    assert.match(destroy, /Quick BI requests during destroy: 0 \(WithdrawAllUserGroups: 0\)\n/);
    assert.match(destroy, /alice's groups are NOT restored: she is still in no user group/);
  });
});
