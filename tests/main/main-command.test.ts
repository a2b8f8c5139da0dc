// The main command (`npm start [-- <example>]` = build, then examples/run.ts) run as a child process, as
// a user runs it, with the real Pulumi CLI. `npm test` builds before mocha, so dist/ is there.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { commandBlock, normalized, readmeSamples, samplePages } from "../../examples/readme-samples";
import { describeWithPulumiCli } from "../support/pulumi-cli";

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
    { cwd: ROOT, timeout: 170_000 },
  );
  const sections = stdout
    .split("\n$ pulumi ")
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf("\n");
      return { command: `pulumi ${chunk.slice(0, newline)}`, text: chunk.slice(newline + 1) };
    });
  return { output: stdout, sections };
}

describeWithPulumiCli("the main command, examples/run.ts, with the real CLI", () => {
  let output: string;
  /** The output of each `$ pulumi ...` command, by command line, in order. */
  let sections: Section[];

  before(async function () {
    this.timeout(180_000);
    ({ output, sections } = await runMainCommand());
  });

  const section = (command: string, nth = 0) =>
    sections.filter((s) => s.command === command)[nth]?.text ?? "";

  it("sets the stack config, then runs preview, up, up again, refresh, a restore, offboarding again and destroy, and says every step behaved", () => {
    assert.deepEqual(
      sections.map((s) => s.command.split(" ").slice(0, 3).join(" ")),
      [
        "pulumi config set",
        "pulumi config set",
        "pulumi config set",
        "pulumi preview --diff",
        "pulumi up --yes",
        "pulumi up --yes",
        "pulumi refresh --yes",
        "pulumi config set",
        "pulumi preview --diff",
        "pulumi up --yes",
        "pulumi config rm",
        "pulumi up --yes",
        "pulumi destroy --yes",
      ],
    );
    assert.match(output, /Every step behaved as expected\.\n$/);
  });

  it("shows alice's groups before anything runs and never prints the secret key", () => {
    assert.match(
      output,
      /alice \(Alice Wang, UserId 46e5374665ba4b679ee22e2a2927abcd\) is in 2 user groups: Finance, Sales; in 2 workspaces: Sales BI, Finance, an organisation admin, the account active/,
    );
    assert.doesNotMatch(output, /emulator-test-secret/);
  });

  it("previews one create with every step of the impact the CLI printed, with no write", () => {
    const preview = section("pulumi preview --diff");

    assert.match(preview, /\+ pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation: \(create\)/);
    assert.match(
      preview,
      /summary +: "alice \(Alice Wang\) will leave 2 user groups, 2 workspaces; lose organisation admin; be deactivated"/,
    );
    assert.match(preview, /summary +: "leave 2 workspaces: Sales BI \(Analyst\), Finance \(Viewer\)"/);
    assert.match(preview, /summary *: "lose organisation admin"/);
    assert.match(preview, /summary +: "be deactivated"/);
    assert.match(preview, /userId +: "46e5374665ba4b679ee22e2a2927abcd"/);
    // The CLI counts the stack resource too.
    assert.match(preview, /\+ 2 to create/);
    // Who, the groups, the workspaces, and who owns them.
    assert.match(preview, /Quick BI requests during preview: 4 \(WithdrawAllUserGroups: 0\)\n/);
    assert.doesNotMatch(preview, /^ {2}(WithdrawAllUserGroups|DeleteUserFromWorkspace|UpdateUser) /m);
  });

  it("previews that no access remains after the update", () => {
    const line =
      "alice belongs to no workspace; alice holds no organisation admin role; the account is deactivated";
    assert.match(section("pulumi preview --diff"), new RegExp(`summary +: "after this, ${line}"`));
  });

  it("prints as the stack output the RequestId of the WithdrawAllUserGroups call the up made", () => {
    const up = section("pulumi up --yes");

    const recorded = /aliceRequestId +: "([^"]+)"/.exec(up)?.[1];
    const requests = [...up.matchAll(/^ {2}WithdrawAllUserGroups .*HTTP 200 {2}RequestId (\S+)$/gm)];
    assert.equal(requests.length, 1, up);
    assert.equal(recorded, requests[0]?.[1]);
    assert.match(up, /offboard-alice created/);
    assert.match(
      up,
      /alice is now in no user group; in no workspace, no organisation admin, the account deactivated/,
    );
  });

  it("prints in the up's own output what each step removed, with the RequestId of each write in the request log", () => {
    const up = section("pulumi up --yes");

    const log = (action: string) =>
      [...up.matchAll(new RegExp(`^ {2}${action} .*HTTP 200 {2}RequestId (\\S+)$`, "gm"))].map((m) => m[1]);
    const [salesBi, finance] = log("DeleteUserFromWorkspace");
    const [roles, account] = log("UpdateUser");
    assert.match(
      up,
      new RegExp(`requestId +: "${salesBi}"\\n\\s+roleId +: "27"\\n\\s+roleName +: "Analyst"`),
    );
    assert.match(up, new RegExp(`requestId +: "${finance}"\\n\\s+roleId +: "30"\\n\\s+roleName +: "Viewer"`));
    assert.match(up, new RegExp(`changedAt +: "[^"]+"\\n\\s+requestId +: "${roles}"`));
    assert.match(up, new RegExp(`previousState: "active"\\n\\s+requestId +: "${account}"`));
    assert.match(up, /roleIdsBefore: \[\n\s+\[0\]: 111111111/);
    assert.match(
      up,
      /Every write's RequestId is in the record: groups, each workspace, the roles, the account\./,
    );
    assert.match(up, /aliceAccessLeft : "in no workspace; no organisation admin role; account deactivated"/);
  });

  it("reports no changes and no request on the second up", () => {
    const again = section("pulumi up --yes", 1);

    assert.match(again, /Resources:\n\s+2 unchanged\n/);
    assert.match(again, /Quick BI requests during up: 0 \(WithdrawAllUserGroups: 0\)\n/);
  });

  it("refreshes with three reads (groups, flags, workspaces) and no change", () => {
    const refresh = section("pulumi refresh --yes");

    assert.match(refresh, /Resources:\n\s+2 unchanged\n/);
    assert.match(
      refresh,
      /Quick BI requests during refresh: 3 \(WithdrawAllUserGroups: 0\)\n {2}ListUserGroupsByUserId /,
    );
  });

  it("restores alice by a reviewed change: previewed, each AddUserGroupMembers in the record with its RequestId", () => {
    const preview = section("pulumi preview --diff", 1);
    assert.match(preview, /~ pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation: \(update\)/);
    assert.match(preview, /summary +: "alice \(Alice Wang\) will rejoin 2 user groups: Finance, Sales/);
    const up = section("pulumi up --yes", 2);
    const adds = [...up.matchAll(/AddUserGroupMembers +UserId=\S+ +HTTP 200 +RequestId (\S+)/g)].map(
      (m) => m[1],
    );
    assert.equal(adds.length, 2, up);
    for (const requestId of adds)
      assert.match(up, new RegExp(`^  (Finance|Sales)  RequestId ${requestId}$`, "m"));
    assert.match(up, /alice is now in 2 user groups: Finance, Sales/);
    assert.match(
      section("pulumi up --yes", 3),
      /alice is now in no user group; the record keeps both withdrawals and the restore/,
    );
  });

  it("destroys with no request and says the groups are not restored", () => {
    const destroy = section("pulumi destroy --yes");

    assert.match(destroy, /- 2 deleted/);
    assert.match(destroy, /Quick BI requests during destroy: 0 \(WithdrawAllUserGroups: 0\)\n/);
    assert.match(
      output,
      /alice's groups are NOT restored: she is still in no user group; in no workspace, no organisation admin, the account deactivated/,
    );
  });
});

describeWithPulumiCli(
  "the main command with the gitops example, examples/run.ts gitops, with the real CLI",
  () => {
    let output: string;
    let sections: Section[];

    before(async function () {
      this.timeout(180_000);
      ({ output, sections } = await runMainCommand("gitops"));
    });

    const commands = () => sections.filter((s) => !s.command.startsWith("pulumi config"));
    const section = (index: number) => commands()[index]?.text ?? "";

    it("previews main, ups it twice, then previews two pull requests, and says every step behaved", () => {
      assert.deepEqual(
        commands().map((s) => s.command),
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

      assert.match(preview, /summary +: "user05 \(Emma Sun\) will leave 1 user group: Marketing"/);
      assert.match(
        preview,
        /summary +: "user12 \(Leo Ma\) will leave 2 user groups: Sales North, Engineering"/,
      );
      assert.match(
        preview,
        /summary +: "user20 \(Tom Deng\) will leave 2 user groups: Marketing, Engineering"/,
      );
      // The stack, the component, the guard and three revocations.
      assert.match(preview, /\+ 6 to create/);
      assert.match(preview, /Quick BI requests during preview: 9 \(WithdrawAllUserGroups: 0\)\n/);
      // The CLI shortens a long value nested this deep to its terminal width: the line puts the
      // workspaces and the admin roles first for that reason.
      assert.match(
        preview,
        /summary +: "after this, user05 still belongs to 2 workspaces: Marketing Analytics \(Developer\), Company Overview \(Viewer\); user05 is an organisation admin/,
      );
    });

    it("withdraws the three people on up and prints each one's RequestId", () => {
      const up = section(1);

      assert.match(up, /\(WithdrawAllUserGroups: 3\)/);
      assert.equal([...up.matchAll(/outcome +: "withdrawn"/g)].length, 3, up);
      assert.equal([...up.matchAll(/is now in no user group/g)].length, 3, up);
    });

    it("changes nothing and calls nothing on the second up", () => {
      assert.match(section(2), /Resources:\n\s+6 unchanged\n/);
      assert.match(section(2), /Quick BI requests during up: 0 /);
    });

    it("plans exactly one create for the pull request that adds one person", () => {
      const pr = section(3);

      assert.match(
        output,
        /== pull request #2: one more leaver ==\n\nThe change to people\.yaml:\n {2}\+ {2}- account: user02/,
      );
      assert.equal(
        [...pr.matchAll(/\+ pulumi-nodejs:dynamic\/quickbi:UserGroupRevocation: \(create\)/g)].length,
        1,
        pr,
      );
      assert.match(pr, /summary +: "user02 \(Ben Liu\) will leave 2 user groups: Sales North, Executives"/);
      // Named by its path in the pull request's checkout, as a reviewer finds it, not a temporary folder.
      assert.match(pr, /listedAt +: "people\.yaml:\d+"/);
      assert.match(pr, /\+ 1 to create\n\s+~ 1 to update\n/);
    });

    it("refuses the pull request that adds 12 people at preview, with no Quick BI request", () => {
      const pr = section(4);

      assert.match(pr, /error: .*this update would offboard 12 people/);
      assert.match(pr, /pulumi config set quickbi:maxRemovalsPerUpdate 12/);
      assert.match(pr, /Quick BI requests during preview: 0 \(WithdrawAllUserGroups: 0\)/);
    });

    it("rejects an unknown example with the list of examples", async () => {
      await assert.rejects(runMainCommand("nonesuch"), (error: Error & { stderr: string }) => {
        assert.match(error.stderr, /usage: npm start \[-- offboard-one \| gitops\]/);
        return true;
      });
    });
  },
);

describeWithPulumiCli("the docs' terminal samples", () => {
  it("are what the real CLI prints in npm start, apart from times, ports and line order (npm run readme-samples rewrites them)", async function () {
    this.timeout(360_000);
    const samples = samplePages(ROOT).flatMap((page) =>
      readmeSamples(readFileSync(resolve(ROOT, page), "utf8")).map((sample) => ({ ...sample, page })),
    );
    assert.ok(samples.length >= 2, "no page of README.md or docs/ has samples");
    const outputs = new Map<string, string>();
    for (const sample of samples) {
      if (!outputs.has(sample.example))
        outputs.set(sample.example, (await runMainCommand(sample.example)).output);
      const printed = commandBlock(outputs.get(sample.example)!, sample.nth, sample.command);
      // The same lines, in any order: where the CLI's stderr lines fall among its stdout lines depends on
      // the Automation API (@pulumi/pulumi 3.139 streams no stderr; npm start prints it after stdout).
      const lines = (text: string) => normalized(text).split("\n").sort();
      assert.deepEqual(
        lines(sample.text),
        lines(printed),
        `${sample.page}: sample ${sample.example} ${sample.nth} ${sample.command}`,
      );
    }
  });
});
