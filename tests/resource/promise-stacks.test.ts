import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { QuickBIUserGroupRevocation } from "../../provider";
import { captureResources, type RegisteredResource } from "../../harness/mocks";
import { ALICE } from "../support/configured-provider";

// The skipping of the SDK's promise stacks (provider/promise-debug-stacks.ts) must save the formatting
// and nothing else: the source position the engine receives, and the stacks of a user's own errors,
// stay what the installed formatter (ts-node's source maps, under mocha as under `pulumi preview`)
// makes of them.

type Formatter = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** Runs `program` with a formatter that counts the stacks formatted, by the top frame's function name. */
async function countingFormattedStacks<T>(
  program: () => Promise<T>,
): Promise<{ result: T; formatted: Map<string, number> }> {
  const format = Error.prepareStackTrace as Formatter;
  assert.equal(typeof format, "function", "mocha runs under ts-node's source-map support");
  const formatted = new Map<string, number>();
  const counting: Formatter = (error, frames) => {
    const top = frames[0]?.getFunctionName() ?? "";
    formatted.set(top, (formatted.get(top) ?? 0) + 1);
    return format(error, frames);
  };
  Error.prepareStackTrace = counting;
  try {
    return { result: await program(), formatted };
  } finally {
    Error.prepareStackTrace = format;
  }
}

/** A dynamic resource of the SDK's own, constructed the same way: the control. */
class Plain extends pulumi.dynamic.Resource {
  constructor(name: string, args: { readonly userId: string }) {
    const provider = { create: async () => ({ id: "x" }) };
    super(provider, name, { userId: args.userId }, undefined, "quickbi", "Plain");
  }
}

/** Constructs either resource from this one line, so that both report the same call site. */
function construct(kind: "revocation" | "plain", name: string): void {
  new (kind === "revocation" ? QuickBIUserGroupRevocation : Plain)(name, { userId: ALICE });
}

async function registerOne(kind: "revocation" | "plain"): Promise<RegisteredResource> {
  const [resource] = await captureResources(() => construct(kind, `offboard-${kind}`));
  assert.ok(resource);
  return resource;
}

describe("QuickBIUserGroupRevocation and the SDK's promise stacks", () => {
  it("has none of the SDK's promise stacks formatted while it is constructed, unlike a plain dynamic resource", async () => {
    const plain = await countingFormattedStacks(() => registerOne("plain"));
    const revocation = await countingFormattedStacks(() => registerOne("revocation"));
    // The control proves the count can see them: the SDK formats one per promise it makes.
    assert.ok((plain.formatted.get("debuggablePromise") ?? 0) >= 4, JSON.stringify([...plain.formatted]));
    const fromConstructor = revocation.formatted.get("debuggablePromise") ?? 0;
    // What is left are the few promises the SDK makes after the constructor returns (the RPC itself):
    // fewer for 22 properties than the control makes for its one.
    assert.ok(
      fromConstructor < (plain.formatted.get("debuggablePromise") ?? 0),
      `formatted ${fromConstructor} promise stacks for the revocation, ${JSON.stringify([...plain.formatted])} for the control`,
    );
  });

  it("reports the same source position and stack as when the stacks are wanted (PULUMI_DEBUG_PROMISE_LEAKS)", async () => {
    const skipped = await registerOne("revocation");
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      const captured = await countingFormattedStacks(() => registerOne("revocation"));
      assert.ok((captured.formatted.get("debuggablePromise") ?? 0) >= 4, "the stacks are taken then");
      assert.deepEqual(skipped.sourcePosition, captured.result.sourcePosition);
      assert.deepEqual(skipped.stackTrace, captured.result.stackTrace);
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });

  it("reaches the engine with a source position and stack wherever the SDK sends one for a dynamic resource", async () => {
    const plain = await registerOne("plain");
    const revocation = await registerOne("revocation");
    if (plain.sourcePosition === undefined) {
      // @pulumi/pulumi 3.139 (the matrix's oldest row) finds none for any dynamic resource: its pattern
      // wants "Error:" atop the stack, which the source-map support formats as "Error". Nor then here.
      assert.equal(revocation.sourcePosition, undefined);
      assert.equal(plain.stackTrace, undefined);
      return;
    }
    const position = revocation.sourcePosition;
    assert.ok(position, "the RegisterResource request carries a source position");
    // The SDK skips the frames of its constructors and of the resource class's own: a plain dynamic
    // resource has one constructor more (pulumi.dynamic.Resource), so its position is its class's
    // constructor in this file; the revocation, a custom resource as a provider SDK's resources are
    // (provider/dynamic/dynamic-resource.ts), gets the program's own line: the call in `construct`.
    assert.equal(fileURLToPath(plain.sourcePosition.uri), __filename);
    assert.ok(position.line > 0 && position.column > 0, JSON.stringify(position));
    // The program's own frames follow: this test file's `construct`, at the same line as the control's.
    const ours = (trace: RegisteredResource["stackTrace"]) =>
      (trace ?? []).filter((frame) => frame.uri !== "" && fileURLToPath(frame.uri) === __filename);
    assert.ok(ours(revocation.stackTrace).length > 0, JSON.stringify(revocation.stackTrace));
    assert.deepEqual(position, ours(plain.stackTrace)[1], "the source position is the call in construct");
    assert.deepEqual(ours(revocation.stackTrace)[0], ours(plain.stackTrace)[1], "the call in construct");
  });

  it("leaves the stack of an error a user's transformation throws while it is constructed", async () => {
    let stackSeenInside = "";
    const thrown = await captureResources(() => {
      new QuickBIUserGroupRevocation(
        "offboard-alice",
        { userId: ALICE },
        {
          transformations: [
            function usersOwnTransformation() {
              const error = new Error("the user's transformation failed");
              stackSeenInside = error.stack ?? "";
              throw error;
            },
          ],
        },
      );
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(thrown instanceof Error, "the constructor throws the user's error");
    assert.equal(thrown.message, "the user's transformation failed");
    for (const stack of [stackSeenInside, thrown.stack ?? ""]) {
      // Formatted by the source-map support, inside the constructor and after it: the user's function,
      // at its line in this .ts file.
      assert.match(stack, /at usersOwnTransformation \(.*promise-stacks\.test\.ts:\d+:\d+\)/);
    }
  });
});
