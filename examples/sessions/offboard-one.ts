// `npm start` (or `npm start -- offboard-one`): the offboard-one example stack's whole lifecycle against
// the embedded Quick BI emulator: preview, up, up again, refresh, destroy.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { startEmulator } from "../../emulator";
import { formatPlan, formatRefresh, formatUpdate } from "../../harness/cli-output";
import { MiniEngine } from "../../harness/engine";
import {
  command,
  count,
  during,
  expect,
  groupsOf,
  membership,
  printRequests,
  programAt,
  WITHDRAW,
} from "./session";

const ROOT = resolve(__dirname, "..", "..");
const SEED = "examples/offboard-one/seed.yaml";
const STACK = "dev";

export async function offboardOne(): Promise<void> {
  const project = parseYaml(readFileSync(resolve(ROOT, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main: string;
  };
  // A fixed randomSeed makes the emulator's RequestIds the same on every run.
  const emulator = await startEmulator({ seed: resolve(ROOT, SEED), randomSeed: 1 });
  try {
    const alice = emulator.state().users.find((u) => u.accountName === "alice");
    expect(alice !== undefined, `the seed ${SEED} has no user with accountName alice`);
    const stackConfig = {
      "quickbi:endpoint": emulator.url,
      "alicloud:accessKey": emulator.accessKeyId,
      "alicloud:secretKey": emulator.accessKeySecret,
    };
    // The repository root is the Pulumi project: its node_modules/pulumi-quickbi-offboarding links
    // back to the repository, so the program and the serialized provider load dist/.
    const engine = new MiniEngine({ projectDir: ROOT, stackConfig, project: project.name, stack: STACK });
    const program = programAt(resolve(ROOT, project.main));
    const groupsOfAlice = () => groupsOf(emulator, alice.userId);

    console.log(
      [
        "No Pulumi CLI here: each `pulumi` command below is harness/engine.ts running the program under",
        "setMocks and driving the real @pulumi/pulumi dynamic-provider host over gRPC, as the engine does.",
        "",
        `Quick BI emulator at ${emulator.url}, seeded from ${SEED}`,
        `Stack ${project.name}/${STACK}, program ${project.main}, config:`,
        `  quickbi:endpoint    ${stackConfig["quickbi:endpoint"]}`,
        `  alicloud:accessKey  ${stackConfig["alicloud:accessKey"]}  (the emulator's test key)`,
        `  alicloud:secretKey  [secret]`,
        "",
        `alice (${alice.nickName}, UserId ${alice.userId}) is ${membership(groupsOfAlice())}`,
      ].join("\n"),
    );
    const groupsBefore = groupsOfAlice();
    expect(groupsBefore.length > 0, "alice starts in no group; the seed is not the example's");

    command("pulumi preview");
    const [plan, previewRequests] = await during(emulator, () => engine.preview(program));
    console.log(formatPlan(plan, STACK));
    printRequests("preview", previewRequests);
    expect(
      plan.steps.length === 1 && plan.steps[0]?.op === "create",
      `preview should plan one create, planned: ${plan.steps.map((s) => s.op).join(", ") || "nothing"}`,
    );
    expect(plan.steps[0]?.checkedInputs?.userId === alice.userId, "preview does not show alice's UserId");
    expect(count(previewRequests, WITHDRAW) === 0, `preview called ${WITHDRAW}`);
    expect(groupsOfAlice().length === groupsBefore.length, "alice lost groups during preview");

    command("pulumi up --yes");
    const [up, upRequests] = await during(emulator, () => engine.up(program));
    console.log(formatUpdate(up, STACK));
    printRequests("up", upRequests);
    const outputs = up.steps[0]?.outputs ?? {};
    const withdrawals = upRequests.filter((r) => r.action === WITHDRAW);
    expect(
      withdrawals.length === 1,
      `up should call ${WITHDRAW} once, called it ${withdrawals.length} times`,
    );
    expect(withdrawals[0]?.status === 200, `${WITHDRAW} answered HTTP ${withdrawals[0]?.status}`);
    expect(
      outputs.requestId === withdrawals[0]?.requestId,
      `the state's requestId ${JSON.stringify(outputs.requestId)} is not the RequestId ${withdrawals[0]?.requestId} of the ${WITHDRAW} call`,
    );
    console.log(`\nThe state's requestId is the RequestId of the ${WITHDRAW} call: ${outputs.requestId}`);
    console.log(`alice is now ${membership(groupsOfAlice())}`);
    expect(groupsOfAlice().length === 0, `after up, alice is still ${membership(groupsOfAlice())}`);

    command("pulumi up --yes");
    const [again, againRequests] = await during(emulator, () => engine.up(program));
    console.log(formatUpdate(again, STACK));
    printRequests("the second up", againRequests);
    const changed = again.steps.filter((s) => s.op !== "same");
    expect(changed.length === 0, `the second up changed ${changed.map((s) => `${s.name} (${s.op})`).join()}`);
    expect(count(againRequests, WITHDRAW) === 0, `the second up called ${WITHDRAW} again`);
    console.log(`\nNo changes: ${WITHDRAW} was not called again.`);

    command("pulumi refresh --yes");
    const [refresh, refreshRequests] = await during(emulator, () => engine.refresh());
    console.log(formatRefresh(refresh, STACK));
    printRequests("refresh", refreshRequests);
    expect(engine.exportState().length === 1, "refresh dropped the revocation from the state");
    expect(count(refreshRequests, WITHDRAW) === 0, `refresh called ${WITHDRAW}`);

    command("pulumi destroy --yes");
    const [destroy, destroyRequests] = await during(emulator, () => engine.destroy());
    console.log(formatUpdate(destroy, STACK, "Destroying"));
    printRequests("destroy", destroyRequests);
    expect(engine.exportState().length === 0, "destroy left resources in the state");
    expect(destroyRequests.length === 0, `destroy made ${destroyRequests.length} Quick BI request(s)`);
    console.log(
      `\nThe revocation is gone from the state, and alice's groups are NOT restored: she is still ${membership(groupsOfAlice())}.`,
    );
    console.log(
      "delete makes no Quick BI call: destroying the resource, or removing it, never gives the groups back.",
    );
    expect(groupsOfAlice().length === 0, "destroy gave alice groups back");
  } finally {
    await emulator.stop();
  }
}
