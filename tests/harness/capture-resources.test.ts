import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { captureResources } from "../../harness/mocks";
import { SECRET_SIG, SIG_KEY } from "../../harness/engine-values";
import { ECHO_TYPE, Echo } from "./fixtures/echo";

describe("captureResources", () => {
  it("records the type token, the name and the inputs of a dynamic resource", async () => {
    const [echo] = await captureResources(() => {
      new Echo("alice", { name: "Alice" });
    });

    assert.equal(echo?.type, ECHO_TYPE);
    assert.equal(echo?.name, "alice");
    assert.equal(echo?.urn, `urn:pulumi:test::quickbi-test::${ECHO_TYPE}::alice`);
    assert.equal(echo?.inputs.name, "Alice");
    assert.equal("created" in (echo?.inputs ?? {}), false, "an undefined input never reaches the monitor");
  });

  it("gives __provider as the text the closure serializer produced", async () => {
    const [echo] = await captureResources(() => {
      new Echo("alice", { name: "Alice" });
    });

    const provider = echo?.inputs.__provider;
    assert.equal(typeof provider, "string");
    assert.match(String(provider), /^exports\.handler = __f0;\n/);
    // The local fixture module is copied by value, helper functions included; require("fs") stays a
    // run-time require.
    assert.match(String(provider), /return async function \/\*create\*\/\(inputs\) \{/);
    assert.match(String(provider), /function __record\(/);
    assert.match(String(provider), /require\("fs"\)\.appendFileSync/);
    assert.equal(echo?.providerIsSecret, false);
  });

  it("resolves the outputs of the resource object and the mocked id", async () => {
    const [echo] = await captureResources(() => {
      new Echo("alice", { name: "Alice" });
    });

    assert.equal(echo?.id, "alice-id");
    assert.equal(echo?.outputs.name, "Alice");
    assert.ok("created" in (echo?.outputs ?? {}), "a declared output passed as undefined is wired up");
    assert.equal(echo?.outputs.created, undefined);
  });

  it("keeps a secret input wrapped, as the monitor receives it", async () => {
    const [echo] = await captureResources(() => {
      new Echo("alice", { name: "Alice", password: pulumi.secret("s3cr3t") });
    });

    assert.deepEqual(echo?.inputs.password, { [SIG_KEY]: SECRET_SIG, value: "s3cr3t" });
  });

  it("waits for resources created inside apply and reports their parent", async () => {
    const resources = await captureResources(() => {
      const group = new pulumi.ComponentResource("test:index:Group", "group");
      const first = new Echo("first", { name: "First" }, { parent: group });
      first.name.apply((name) => new Echo("second", { name: `${name} again` }, { parent: group }));
    });

    assert.deepEqual(
      resources.map((r) => [r.name, r.custom, r.parent]),
      [
        ["group", false, undefined],
        ["first", true, "urn:pulumi:test::quickbi-test::test:index:Group::group"],
        ["second", true, "urn:pulumi:test::quickbi-test::test:index:Group::group"],
      ],
    );
    assert.equal(resources[2]?.inputs.name, "First again");
  });

  it("applies the given stack config and forgets it on the next call", async () => {
    const seen: (string | undefined)[] = [];
    const readRegion = () => {
      seen.push(new pulumi.Config("quickbi").get("region"));
    };

    await captureResources(readRegion, { config: { "quickbi:region": "cn-shanghai" } });
    await captureResources(readRegion);

    assert.deepEqual(seen, ["cn-shanghai", undefined]);
  });

  it("returns only the resources of its own program when called repeatedly", async () => {
    await captureResources(() => {
      new Echo("before", { name: "Before" });
    });

    const resources = await captureResources(() => {
      new Echo("after", { name: "After" });
    });

    assert.deepEqual(
      resources.map((r) => r.name),
      ["after"],
    );
  });

  it("runs as a preview when asked", async () => {
    let dryRun: boolean | undefined;
    await captureResources(
      () => {
        dryRun = pulumi.runtime.isDryRun();
      },
      { preview: true },
    );

    assert.equal(dryRun, true);
  });

  it("rejects with the program's error", async () => {
    await assert.rejects(
      captureResources(() => {
        new Echo("alice", { name: "Alice" });
        throw new Error("program failed");
      }),
      /program failed/,
    );
  });
});
