import assert from "node:assert/strict";
import { QuickBIOffboarding } from "../../provider";
import { captureResources } from "../../harness/mocks";
import { ALICE, BOB } from "../support/configured-provider";

const REVOCATION = "pulumi-nodejs:dynamic/quickbi:UserGroupRevocation";
const GUARD = "pulumi-nodejs:dynamic/quickbi:RemovalGuard";

describe("QuickBIOffboarding in a program", () => {
  it("creates one revocation per person, named after the person, under the component", async () => {
    const resources = await captureResources(() => {
      new QuickBIOffboarding("leavers", { people: [{ userId: ALICE, ticket: "HR-1" }, { account: "bob" }] });
    });
    const revocations = resources.filter((r) => r.type === REVOCATION);
    assert.deepEqual(
      revocations.map((r) => r.name),
      [`leavers-${ALICE}`, "leavers-account-bob"],
    );
    const component = resources.find((r) => !r.custom)!;
    assert.ok(revocations.every((r) => r.parent === component.urn));
    assert.equal(revocations[0]!.inputs.ticket, "HR-1");
  });

  it("keeps existing names when a person is added, so only one new resource is planned", async () => {
    const names = async (people: { userId: string }[]) =>
      (await captureResources(() => void new QuickBIOffboarding("leavers", { people }))).map((r) => r.name);
    const before = await names([{ userId: ALICE }]);
    const after = await names([{ userId: BOB }, { userId: ALICE }]);
    assert.deepEqual(
      after.filter((n) => !before.includes(n)),
      [`leavers-${BOB}`],
    );
  });

  it("registers a removal guard listing everyone before any revocation", async () => {
    const resources = await captureResources(() => {
      new QuickBIOffboarding("leavers", {
        people: [{ userId: ALICE }, { account: "bob" }],
        maxRemovalsPerUpdate: 3,
      });
    });
    const custom = resources.filter((r) => r.custom);
    assert.equal(custom[0]!.type, GUARD);
    assert.deepEqual(custom[0]!.inputs.people, [ALICE, "account-bob"]);
    assert.equal(custom[0]!.inputs.maxRemovalsPerUpdate, 3);
  });

  it("passes defaults to every revocation and lets an entry override onMissingUser", async () => {
    const resources = await captureResources(() => {
      new QuickBIOffboarding("leavers", {
        people: [{ userId: ALICE }, { userId: BOB, onMissingUser: "fail" }],
        onMissingUser: "succeed",
        region: "cn-hongkong",
      });
    });
    const revocations = resources.filter((r) => r.type === REVOCATION);
    assert.deepEqual(
      revocations.map((r) => [r.inputs.onMissingUser, r.inputs.region]),
      [
        ["succeed", "cn-hongkong"],
        ["fail", "cn-hongkong"],
      ],
    );
  });

  it("tells each revocation where its person is listed, and passes strictPreview", async () => {
    const resources = await captureResources(() => {
      new QuickBIOffboarding("leavers", {
        people: [{ userId: ALICE }, { account: "bob" }],
        strictPreview: false,
      });
    });
    const revocations = resources.filter((r) => r.type === REVOCATION);
    assert.deepEqual(
      revocations.map((r) => [r.inputs.listedAt, r.inputs.strictPreview]),
      [
        ["people[0]", false],
        ["people[1]", false],
      ],
    );
  });

  it("rejects the same person given inline and in the file", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "people-")), "people.yaml");
    writeFileSync(file, `- userId: ${ALICE}\n`);
    await assert.rejects(
      captureResources(
        () => void new QuickBIOffboarding("leavers", { people: [{ userId: ALICE }], peopleFile: file }),
      ),
      new RegExp(`${file}:1: duplicate entry for ${ALICE} \\(first listed at people\\[0\\]\\)`),
    );
  });
});
