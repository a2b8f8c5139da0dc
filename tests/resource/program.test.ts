import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { QuickBIUserGroupRevocation } from "../../provider";
import { captureResources, type RegisteredResource } from "../../harness/mocks";
import { CANARY_STACK_CONFIG, canariesIn, withCanaryEnv } from "../support/canaries";
import { ALICE } from "../support/configured-provider";
import type { RevocationOutputs } from "../../provider/revocation/outputs";

const TYPE = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
/**
 * Budget for `__provider`, which lands in the state twice per resource (inputs and outputs): one
 * require, from a source checkout as from the npm tarball (tests/packaging checks that layout).
 */
const PROVIDER_BUDGET_BYTES = 96;

async function registerOne(
  args: ConstructorParameters<typeof QuickBIUserGroupRevocation>[1],
  options: Parameters<typeof captureResources>[1] = {},
): Promise<RegisteredResource> {
  const resources = await captureResources(() => {
    new QuickBIUserGroupRevocation("offboard-alice", args);
  }, options);
  assert.equal(resources.length, 1);
  return resources[0]!;
}

describe("QuickBIUserGroupRevocation in a program", () => {
  it("registers the type token reviewers read in previews", async () => {
    assert.equal((await registerOne({ userId: ALICE })).type, TYPE);
  });

  it("sends the given inputs and the serialized provider, and nothing undefined", async () => {
    const resource = await registerOne({
      userId: ALICE,
      region: "cn-hongkong",
      endpoint: "http://127.0.0.1:1",
      triggers: ["t1"],
    });
    assert.deepEqual(Object.keys(resource.inputs).sort(), [
      "__provider",
      "endpoint",
      "region",
      "triggers",
      "userId",
    ]);
    assert.equal(resource.inputs.userId, ALICE);
    assert.deepEqual(resource.inputs.triggers, ["t1"]);
  });

  it("wires every declared output to the state the engine returns, each readable", async () => {
    const group = { id: "g-1", name: "Finance", path: "g-1" };
    // Every key of the audit record (the typecheck fails when one is missing), each a distinct value.
    const state = {
      userId: ALICE,
      account: "alice",
      parentAccountName: "acme",
      accountName: "alice@acme",
      displayName: "Alice",
      outcome: "withdrawn",
      onMissingUser: "fail",
      requestId: "D8749D65-E80A-433C-AF1B-CE9C180FF3B4",
      withdrawnAt: "2026-11-28T04:00:00.000Z",
      groupsRemoved: [group],
      currentGroups: [{ ...group, id: "g-2" }],
      checkedAt: "2026-11-29T04:00:00.000Z",
      history: [{ requestId: "R-0", withdrawnAt: "2026-11-01T04:00:00.000Z", groupsRemoved: [group] }],
      residualAccess: { summary: "in no workspace", workspaces: [] },
      reason: "Left the company",
      ticket: "HR-4711",
      region: "cn-hangzhou",
      endpoint: "https://quickbi-public.cn-hangzhou.aliyuncs.com",
      triggers: ["t1"],
      scope: ["groups", "workspaces"],
      steps: { workspaces: { status: "done", removed: [], kept: [], checkedAt: "2026-11-28T04:00:01.000Z" } },
      restore: { ticket: "HR-4800", reason: "Rehired" },
      restores: [
        {
          status: "done",
          requestedAt: "2026-11-30T04:00:00.000Z",
          groups: [],
          workspaces: [],
          notRestored: [],
        },
      ],
    } satisfies Record<keyof RevocationOutputs, unknown>;
    // The outputs that echo an input are registered when the input is given, as here.
    const { account, parentAccountName, reason, ticket, triggers, restore } = state;
    const given = { userId: ALICE, account, parentAccountName, reason, ticket, triggers, restore };
    const resource = await registerOne(given, { stateFor: () => state });
    for (const [key, value] of Object.entries(state)) assert.deepEqual(resource.outputs[key], value, key);
  });

  it("registers no output echoing an input left unset, and reads each as undefined", async () => {
    const echoed = ["account", "parentAccountName", "reason", "ticket", "triggers", "restore"];
    let captured: QuickBIUserGroupRevocation | undefined;
    let other: QuickBIUserGroupRevocation | undefined;
    const [resource] = await captureResources(() => {
      captured = new QuickBIUserGroupRevocation("offboard-alice", { userId: ALICE });
      other = new QuickBIUserGroupRevocation("offboard-bob", { userId: "bob" });
    });
    const outputOf = (r: QuickBIUserGroupRevocation | undefined, key: string) =>
      (r as unknown as Record<string, unknown>)[key];
    // Not registered: no Output of the resource's own awaits the engine for it, one shared Output
    // stands for all (a registered output is the resource's own, as userId's is).
    for (const key of echoed) assert.equal(outputOf(captured, key), outputOf(other, key), key);
    assert.notEqual(outputOf(captured, "userId"), outputOf(other, "userId"));
    for (const key of echoed) assert.ok(!(key in resource!.inputs), key);
    // Each still reads, as an Output whose value is known to be undefined.
    for (const key of echoed) {
      const output = (captured as unknown as Record<string, pulumi.Output<unknown>>)[key]!;
      assert.ok(pulumi.Output.isInstance(output), key);
      assert.equal(await new Promise((resolve) => output.apply(resolve)), undefined, key);
    }
    // The outputs Quick BI or a default fills stay registered with no input given.
    for (const key of ["userId", "onMissingUser", "region", "endpoint", "scope", "requestId"])
      assert.ok(key in resource!.outputs, key);
  });

  it("accepts inputs that are Outputs of other resources", async () => {
    const resource = await registerOne({
      userId: pulumi.output(ALICE),
      region: pulumi.output("cn-hangzhou"),
    });
    assert.equal(resource.inputs.region, "cn-hangzhou");
  });

  it("serializes a provider that captures no credential from env or stack config", async () => {
    const resource = await withCanaryEnv(() =>
      registerOne({ userId: ALICE }, { config: { ...CANARY_STACK_CONFIG } }),
    );
    assert.equal(resource.providerIsSecret, false);
    assert.deepEqual(canariesIn(JSON.stringify(resource.inputs)), []);
  });

  it("serializes a provider that requires the runtime by name from a checkout too, instead of copying it", async () => {
    const provider = (await registerOne({ userId: ALICE })).inputs.__provider as string;
    assert.match(
      provider,
      /^exports\.handler = \(\) => require\("pulumi-quickbi-offboarding\/provider-runtime"\);\n$/,
    );
    assert.doesNotMatch(provider, /openapi-client|createRevocationProvider|impl/);
  });

  it(`keeps __provider within ${PROVIDER_BUDGET_BYTES} bytes`, async () => {
    const provider = (await registerOne({ userId: ALICE })).inputs.__provider as string;
    assert.ok(Buffer.byteLength(provider) <= PROVIDER_BUDGET_BYTES, `${Buffer.byteLength(provider)} bytes`);
  });
});
