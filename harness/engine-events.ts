// The engine's events of one CLI command, each once. The Automation API before its TCP event stream
// (the oldest @pulumi/pulumi we support, 3.139) tails the CLI's `--event-log` file with
// @logdna/tail-file 2.2, whose quit() starts one last poll even when a poll is already reading: both
// read from the same offset, and the tail of the log arrives twice (seen in CI: a replacement's three
// steps, delivered twice). The engine numbers every event (`sequence`, unique and increasing), so a
// repeated number is a re-delivery, not a second step.
import type { EngineEvent } from "@pulumi/pulumi/automation";

/** An `onEvent` for the Automation API that passes each engine event on once, in the order received. */
export function onEachEventOnce(receive: (event: EngineEvent) => void): (event: EngineEvent) => void {
  const seen = new Set<number>();
  return (event) => {
    if (seen.has(event.sequence)) return;
    seen.add(event.sequence);
    receive(event);
  };
}
