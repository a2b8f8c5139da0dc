// The Automation API of @pulumi/pulumi 3.139 can deliver the tail of the event log twice (see
// harness/engine-events.ts): the engine's sequence numbers tell a re-delivery from a second step.
import assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { onEachEventOnce } from "../../harness/engine-events";

const step = (sequence: number, op: string): EngineEvent =>
  ({ sequence, timestamp: 1, resourcePreEvent: { metadata: { op } } }) as unknown as EngineEvent;

describe("engine events, each once", () => {
  it("drops an event whose sequence number was already received, keeping the order", () => {
    const received: EngineEvent[] = [];
    const onEvent = onEachEventOnce((e) => received.push(e));
    const delivered = [step(1, "create-replacement"), step(2, "replace"), step(3, "delete-replaced")];
    for (const event of [...delivered, ...delivered.slice(1)]) onEvent(event);
    assert.deepEqual(
      received.map((e) => e.sequence),
      [1, 2, 3],
    );
  });

  it("keeps two events that read the same but carry different sequence numbers", () => {
    const received: EngineEvent[] = [];
    const onEvent = onEachEventOnce((e) => received.push(e));
    onEvent(step(1, "same"));
    onEvent(step(2, "same"));
    assert.equal(received.length, 2);
  });
});
