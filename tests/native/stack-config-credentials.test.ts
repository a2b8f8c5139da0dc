// The nightly drift check of a Python, Go or YAML stack (`pulumi refresh`, `pulumi up --refresh`) with
// credentials in stack config, through the real CLI (YAML through its language host, Python and Go as
// their Automation API inline programs, harness/example-stack.ts). The engine gives the
// quickbi plugin only its own `quickbi:*` config, and a refresh runs no Construct, so the credentials
// are `quickbi:accessKey`/`quickbi:secretKey`, set with --secret: the state then holds them encrypted,
// never in clear (scanned below).
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import type { QuickBIEmulator } from "../../emulator";
import { ExampleStack, findExampleTools, type ExampleLanguage } from "../../harness/example-stack";
import { canariesIn, CANARY, recordForCanaryScan } from "../support/canaries";
import { requestsFor, startCanaryEmulator } from "../support/configured-provider";
import { groupsToRestore } from "../support/readme-restore-filter";

const ROOT = resolve(__dirname, "..", "..");
const ALICE = "46e5374665ba4b679ee22e2a2927abcd";
const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";

/**
 * Each stack: its language, its project (for YAML the directory run; Python and Go run their example)
 * and its emulator seed, in which alice is in Finance and Sales.
 */
const STACKS: readonly { what: string; language: ExampleLanguage; project: string; seed: string }[] = [
  {
    what: "YAML, the Offboarding component (examples/yaml)",
    language: "yaml",
    project: "examples/yaml",
    seed: "examples/yaml/seed.yaml",
  },
  {
    what: "YAML, a bare UserGroupRevocation",
    language: "yaml",
    project: "tests/native/fixtures/yaml-revocation",
    seed: "examples/yaml/seed.yaml",
  },
  {
    what: "Python, a bare UserGroupRevocation (examples/python)",
    language: "python",
    project: "examples/python",
    seed: "examples/python/seed.yaml",
  },
  {
    what: "Go, a bare UserGroupRevocation (examples/go)",
    language: "go",
    project: "examples/go",
    seed: "examples/go/seed.yaml",
  },
];

for (const { what, language, project, seed } of STACKS) {
  describe(`drift check with stack-config credentials: ${what}`, function () {
    this.timeout(600_000);
    let emulator: QuickBIEmulator;
    let stack: ExampleStack;
    const record = (command: string, output: string) =>
      recordForCanaryScan("host output", `${project} ${command}`, output);

    before(async function () {
      const tools = findExampleTools(language);
      if ("missing" in tools) {
        console.log(`    skipping: no ${tools.missing}; run scripts/native-toolchain`);
        this.skip();
      }
      emulator = await startCanaryEmulator({ seed: join(ROOT, seed) });
      stack = await ExampleStack.open({
        language,
        tools,
        ...(language === "yaml" ? { yamlProject: project } : {}),
        config: {
          "quickbi:endpoint": emulator.url,
          "quickbi:retryBaseDelay": "1",
          "quickbi:accessKey": { secret: CANARY.accessKeyId },
          "quickbi:secretKey": { secret: CANARY.accessKeySecret },
        },
      });
      record("up", (await stack.run("up")).output);
    });
    after(async () => {
      stack?.close();
      await emulator?.stop();
    });
    beforeEach(() => emulator.clearLog());

    it("gives the docs' restore-by-hand filter the ids of the groups withdrawn", async () => {
      const groups = groupsToRestore(await stack.exportText(), ALICE);

      // alice left Finance and Sales.
      assert.deepEqual(groups.split(",").sort(), [FINANCE, "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003"]);
    });

    it("refreshes, signing with the stack's keys, and finds a person added back to a group", async () => {
      emulator.addMembership(ALICE, FINANCE);

      const refresh = await stack.run("refresh");
      record("refresh", refresh.output);

      assert.ok(requestsFor(emulator, "ListUserGroupsByUserId").length > 0);
      assert.ok(
        emulator.requests().every((r) => r.signatureVerified && r.accessKeyId === CANARY.accessKeyId),
      );
      const [alice] = (await stack.resources()).filter(
        (r) => r.type === "quickbi:index:UserGroupRevocation" && r.outputs?.userId === ALICE,
      );
      assert.deepEqual(
        (alice?.outputs?.currentGroups as { name: string }[]).map((g) => g.name),
        ["Finance"],
      );
    });

    it("withdraws that person again on `pulumi up --refresh`", async () => {
      emulator.addMembership(ALICE, FINANCE);

      const up = await stack.run("up --refresh");
      record("up --refresh", up.output);

      assert.deepEqual(
        requestsFor(emulator, "WithdrawAllUserGroups").map((r) => r.params.UserId),
        [ALICE],
      );
      assert.deepEqual(
        emulator.state().memberships.filter((m) => m.userId === ALICE),
        [],
      );
    });

    it("keeps the credentials out of the state: the default provider's config is encrypted", async () => {
      const exported = await stack.exportText();
      recordForCanaryScan("outputs", `${project} stack export`, exported);

      assert.deepEqual(canariesIn(exported), []);
      const provider = (
        JSON.parse(exported) as {
          deployment: { resources: { type: string; inputs?: Record<string, unknown> }[] };
        }
      ).deployment.resources.find((r) => r.type === "pulumi:providers:quickbi");
      assert.ok(provider, "a default quickbi provider is in the state");
      for (const key of ["accessKey", "secretKey"]) {
        assert.equal(
          (provider.inputs?.[key] as Record<string, unknown> | undefined)?.[
            "4dabf18193072939515e22adb298388d"
          ],
          "1b47061264138c4ac30d75fd1eb44270",
          `${key} is stored as a secret`,
        );
      }
    });
  });
}
