// A large stack's state read from the file backend's checkpoint, not through `pulumi stack export`:
// the Automation API buffers a command's output up to 100 MB, and a checkout-layout stack of 10,000
// people is larger than that.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { LocalStack, StateResource } from "../harness/local-stack";

/** The stack's checkpoint file: its bytes and resources. */
export function stateOnDisk(local: LocalStack): {
  readonly bytes: number;
  readonly resources: StateResource[];
} {
  const stacks = join(local.dir, "state", ".pulumi", "stacks");
  const file = find(stacks, `${local.stack.name}.json`);
  if (!file) throw new Error(`no checkpoint of stack ${local.stack.name} under ${stacks}`);
  const text = readFileSync(file, "utf8");
  const checkpoint = JSON.parse(text) as { checkpoint?: { latest?: { resources?: StateResource[] } } };
  return { bytes: Buffer.byteLength(text), resources: checkpoint.checkpoint?.latest?.resources ?? [] };
}

function find(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = find(path, name);
      if (found) return found;
    } else if (entry === name) return path;
  }
  return undefined;
}
