// The main command (`npm start [-- <example>]` = build, then examples/run.ts) run as a child process, as
// a user runs it. `npm test` builds before mocha, so dist/ is there for `pulumi-quickbi-offboarding`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(__dirname, "..", "..");
const execFileAsync = promisify(execFile);

/** One `$ pulumi ...` command of a session and what it printed, up to the next command. */
interface Section {
  readonly command: string;
  readonly text: string;
}

/** Runs the main command as `npm start -- <args>` does after the build, and splits its output by command. */
async function runMainCommand(...args: string[]): Promise<{ output: string; sections: Section[] }> {
  assert.ok(
    existsSync(resolve(ROOT, "dist", "provider", "index.js")),
    "dist/ is missing: run `npm run build` first (npm test does)",
  );
  const { stdout } = await execFileAsync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "examples/run.ts", ...args],
    { cwd: ROOT, timeout: 50_000 },
  );
  const sections = stdout
    .split("\n$ ")
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf("\n");
      return { command: chunk.slice(0, newline), text: chunk.slice(newline + 1) };
    });
  return { output: stdout, sections };
}

describe("the main command, examples/run.ts", () => {
  let output: string;
  /** The output of each `$ pulumi ...` command, by command line, in order. */
  let sections: Section[];

  before(async function () {
    this.timeout(60_000);
    ({ output, sections } = await runMainCommand());
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

describe("the main command with the gitops example, examples/run.ts gitops", () => {
  let output: string;
  let sections: Section[];

  before(async function () {
    this.timeout(60_000);
    ({ output, sections } = await runMainCommand("gitops"));
  });

  const section = (index: number) => sections[index]?.text ?? "";

  it("previews main, ups it twice, then previews two pull requests, and says every step behaved", () => {
    assert.deepEqual(
      sections.map((s) => s.command),
      [
        "pulumi preview --diff",
        "pulumi up --yes",
        "pulumi up --yes",
        "pulumi preview --diff",
        "pulumi preview --diff",
      ],
    );
    assert.match(output, /Every step behaved as expected\.\n$/);
  });

  it("previews the impact per person on the list, withdrawing nothing", () => {
    const preview = section(0);

    assert.match(preview, /user05 \(Emma Sun\) will leave 1 user group: Marketing\n\s+ticket HR-2041/);
    assert.match(preview, /user12 \(Leo Ma\) will leave 2 user groups: Sales North, Engineering/);
    assert.match(preview, /leavers-account-user20 +create\n\s+user20 \(Tom Deng\) will leave/);
    assert.match(preview, /\+ 4 to create/);
    assert.match(preview, /Quick BI requests during preview: \d+ \(WithdrawAllUserGroups: 0\)\n/);
  });

  it("withdraws the three people on up and shows each one's record", () => {
    const up = section(1);

    assert.match(up, /\(WithdrawAllUserGroups: 3\)/);
    assert.match(up, /withdrawn: left Sales North, Engineering, RequestId [0-9A-F-]{36}/);
    assert.equal([...up.matchAll(/is now in no user group/g)].length, 3, up);
  });

  it("changes nothing and calls nothing on the second up", () => {
    assert.match(section(2), /Resources:\n {4}4 unchanged\n/);
    assert.match(section(2), /Quick BI requests during the second up: 0 /);
  });

  it("plans exactly one create for the pull request that adds one person", () => {
    const pr = section(3);

    assert.match(
      output,
      /== pull request #2: one more leaver ==\n\nThe change to people\.yaml:\n {2}\+ {2}- account: user02/,
    );
    assert.equal([...pr.matchAll(/^ \+ {3}\S+ +\S+ +create$/gm)].length, 1, pr);
    assert.match(pr, /user02 \(Ben Liu\) will leave 2 user groups: Sales North, Executives/);
    assert.match(pr, /\+ 1 to create\n {4}~ 1 to update\n {4}3 unchanged/);
  });

  it("refuses the pull request that adds 12 people at preview, with no Quick BI request", () => {
    const pr = section(4);

    assert.match(pr, /this update would offboard 12 people/);
    assert.match(pr, /pulumi config set quickbi:maxRemovalsPerUpdate 12/);
    assert.match(pr, /Quick BI requests during preview: 0 \(WithdrawAllUserGroups: 0\)/);
  });

  it("rejects an unknown example with the list of examples", async () => {
    await assert.rejects(runMainCommand("nonesuch"), (error: Error & { stderr: string }) => {
      assert.match(error.stderr, /usage: npm start \[-- offboard-one \| gitops\]/);
      return true;
    });
  });
});
