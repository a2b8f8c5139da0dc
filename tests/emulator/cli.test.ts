import assert from "node:assert/strict";
import { parseCliArguments } from "../../emulator/cli-args";
import { call, clientFor } from "./helpers/client";
import { linesMatching, spawnCli, waitForUrl, type CliProcess } from "./helpers/cli-process";
import { ALICE } from "./helpers/fixtures";

describe("emulator CLI", () => {
  let cli: CliProcess | undefined;
  afterEach(() => {
    if (cli && cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill("SIGKILL");
    cli = undefined;
  });

  describe("as a process", () => {
    it("prints its URL, the test AccessKey pair and the pulumi config commands", async () => {
      // given
      cli = spawnCli(["--port", "0"]);
      // when
      const url = await waitForUrl(cli);
      // then
      const out = cli.stdout();
      assert.match(out, /AccessKeyId: +LTEMULATORTESTKEY/);
      assert.match(out, /AccessKeySecret: +emulator-test-secret-not-a-real-key/);
      assert.ok(out.includes(`pulumi config set quickbi:endpoint ${url}`));
      assert.ok(out.includes("pulumi config set --secret quickbi:accessKey LTEMULATORTESTKEY"));
      assert.ok(
        out.includes("pulumi config set --secret quickbi:secretKey emulator-test-secret-not-a-real-key"),
      );
    });

    it("serves signed requests at the URL it printed", async () => {
      // given
      cli = spawnCli(["--seed", "examples/offboard-one/seed.yaml"]);
      const url = await waitForUrl(cli);
      const endpoint = url.replace("http://", "");
      // when
      const body = await call(
        clientFor({
          endpoint,
          accessKeyId: "LTEMULATORTESTKEY",
          accessKeySecret: "emulator-test-secret-not-a-real-key",
        }),
        "CheckOrganizationMember",
        { UserId: ALICE },
      );
      // then
      assert.equal(body.Result, true);
    });

    it("prints one line per call it answers, naming the action, the user, the status and the RequestId", async () => {
      // given
      cli = spawnCli(["--seed", "examples/offboard-one/seed.yaml"]);
      const url = await waitForUrl(cli);
      const client = clientFor({
        endpoint: url.replace("http://", ""),
        accessKeyId: "LTEMULATORTESTKEY",
        accessKeySecret: "emulator-test-secret-not-a-real-key",
      });
      // when
      await call(client, "ListUserGroupsByUserId", { UserId: ALICE });
      await call(client, "QueryUserInfoByUserId", { UserId: "nobody" }).catch(() => undefined);
      // then
      const lines = await linesMatching(cli, / → /, 2);
      assert.match(
        lines[0]!,
        new RegExp(
          `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ListUserGroupsByUserId UserId=${ALICE} → 200 RequestId=\\S+$`,
        ),
      );
      assert.match(lines[1]!, /QueryUserInfoByUserId UserId=nobody → \d{3} \S+ RequestId=/);
    });

    it("prints no call with --no-request-log", async () => {
      // given
      cli = spawnCli(["--no-request-log"]);
      const url = await waitForUrl(cli);
      // when
      await call(
        clientFor({
          endpoint: url.replace("http://", ""),
          accessKeyId: "LTEMULATORTESTKEY",
          accessKeySecret: "emulator-test-secret-not-a-real-key",
        }),
        "CheckOrganizationMember",
        { UserId: ALICE },
      );
      cli.child.kill("SIGTERM");
      await cli.exited;
      // then
      assert.doesNotMatch(cli.stdout(), / → /);
    });

    it("names a seeded person's workspaces with the role held in each", async () => {
      // when
      cli = spawnCli(["--seed", "examples/offboard-one/seed.yaml"]);
      await waitForUrl(cli);
      await linesMatching(cli, /^Press Ctrl-C/, 1);
      // then
      assert.match(
        cli.stdout(),
        /alice \(Alice Wang\) .*: groups Finance, Sales; workspaces Sales BI \(analyst\), Finance \(viewer\); organisation admin\n/,
      );
    });

    it("names each seeded person with their groups, workspaces and organisation role", async () => {
      // when
      cli = spawnCli(["--seed", "examples/yaml/seed.yaml"]);
      await waitForUrl(cli);
      await linesMatching(cli, /^Press Ctrl-C/, 1);
      // then
      const out = cli.stdout();
      assert.match(
        out,
        /alice \(Alice Wang\) userId 46e5374665ba4b679ee22e2a2927abcd account 1234567890123401: groups Finance, Sales/,
      );
      assert.match(
        out,
        /bob \(Bob Li\) userId 7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02 account \d+: groups Sales East/,
      );
      assert.match(out, /admin \(Quick BI Admin\) .*: groups none; organisation admin/);
    });

    it("exits with code 0 on SIGTERM", async () => {
      // given
      cli = spawnCli([]);
      await waitForUrl(cli);
      // when
      cli.child.kill("SIGTERM");
      // then
      assert.equal(await cli.exited, 0);
      assert.match(cli.stdout(), /stopped/);
    });

    it("prints usage and exits 0 on --help", async () => {
      // when
      cli = spawnCli(["--help"]);
      // then
      assert.equal(await cli.exited, 0);
      assert.match(cli.stdout(), /Usage: quickbi-emulator/);
      assert.match(cli.stdout(), /workspaces and\s+workspace roles/, "says it keeps workspaces too");
      assert.match(cli.stdout(), /one line per call/);
      assert.match(cli.stdout(), /--no-request-log/);
    });

    it("exits 2 with a clear message on an unknown flag", async () => {
      // when
      cli = spawnCli(["--prot", "8080"]);
      // then
      assert.equal(await cli.exited, 2);
      assert.match(cli.stderr(), /Unknown option "--prot"\. Allowed: --port/);
    });

    it("exits 1 naming the file when the seed cannot be read", async () => {
      // when
      cli = spawnCli(["--seed", "no/such/seed.yaml"]);
      // then
      assert.equal(await cli.exited, 1);
      assert.match(cli.stderr(), /cannot start: Cannot read no\/such\/seed\.yaml/);
    });
  });

  describe("argument parsing", () => {
    it("reads --flag value and --flag=value", () => {
      assert.deepEqual(parseCliArguments(["--port", "8080", "--seed=a.yaml", "--faults", "f.json"]), {
        help: false,
        requestLog: true,
        port: 8080,
        seed: "a.yaml",
        faults: "f.json",
      });
    });

    it("rejects a port that is not a number, saying what is allowed", () => {
      assert.throws(
        () => parseCliArguments(["--port", "http"]),
        /--port must be an integer from 0 to 65535, got "http"/,
      );
    });

    it("turns the request log off with --no-request-log", () => {
      assert.equal(parseCliArguments(["--no-request-log"]).requestLog, false);
    });

    it("rejects a flag without its value", () => {
      assert.throws(() => parseCliArguments(["--seed", "--port", "1"]), /--seed needs a value/);
    });
  });
});
