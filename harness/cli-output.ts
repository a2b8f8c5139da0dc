// Renders MiniEngine results the way the Pulumi CLI lays them out (op symbol, type, name, plan or
// status, then a "Resources:" tally), so a session of the main command reads like a terminal session.
// Only the layout is borrowed: every value printed comes from the engine's result.
import type { AppliedStep, Plan, PlannedStep, RefreshSummary, StepOp, UpdateSummary } from "./engine";
import type { PropertyMap } from "./provider-host";

const SYMBOL: Record<StepOp, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: "" };
const DONE: Record<StepOp, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  same: "",
};

/**
 * `pulumi preview`: one row per resource with what would happen and, under it, `details` of the step.
 * @default details - the inputs `check` returned, as `pulumi preview --diff` shows them
 */
export function formatPlan(
  plan: Plan,
  stack: string,
  details: (step: PlannedStep) => readonly string[] = (step) =>
    step.op === "delete" ? [] : formatProperties(step.checkedInputs ?? {}),
): string {
  const rows = plan.steps.map((step) => ({
    symbol: SYMBOL[step.op],
    type: step.type,
    name: step.name,
    status: step.op === "same" ? "" : step.op,
    details: details(step),
  }));
  return [
    `Previewing update (${stack}):`,
    table("Plan", rows),
    "",
    tally(
      plan.steps.map((s) => s.op),
      (op) => (op === "same" ? "unchanged" : `to ${op}`),
    ),
  ].join("\n");
}

/**
 * `pulumi up` or `pulumi destroy`: one row per step with its status and, under it, the error or
 * `details` of the step.
 * @default details - the outputs it recorded
 */
export function formatUpdate(
  summary: UpdateSummary,
  stack: string,
  verb = "Updating",
  details: (step: AppliedStep) => readonly string[] = (step) =>
    step.op === "same" || !step.outputs ? [] : formatProperties(step.outputs),
): string {
  const rows = summary.steps.map((step) => ({
    symbol: SYMBOL[step.op],
    type: step.type,
    name: step.name,
    status: statusOf(step),
    details: step.error ? [`error: ${step.error}`] : details(step),
  }));
  const done = summary.steps.filter((s) => s.status === "succeeded").map((s) => s.op);
  return [
    `${verb} (${stack}):`,
    table("Status", rows),
    "",
    tally(done, (op) => (op === "same" ? "unchanged" : DONE[op])),
  ].join("\n");
}

/** `pulumi refresh`: one row per resource, with the outputs that changed. */
export function formatRefresh(summary: RefreshSummary, stack: string): string {
  const rows = summary.resources.map((r) => ({
    symbol: SYMBOL[r.op],
    type: r.type,
    name: r.name,
    status: r.op === "same" ? "" : DONE[r.op],
    details: r.changedOutputs.length > 0 ? [`changed: ${r.changedOutputs.join(", ")}`] : [],
  }));
  return [
    `Refreshing (${stack}):`,
    table("Status", rows),
    "",
    tally(
      summary.resources.map((r) => r.op),
      (op) => (op === "same" ? "unchanged" : DONE[op]),
    ),
  ].join("\n");
}

/**
 * `key: value` lines laid out as the CLI's detailed diff lays them out: keys padded to one width,
 * values as JSON, objects and arrays opened over indented lines. `__provider`, the serialized
 * provider, is shown by size only: it is kilobytes of JavaScript.
 */
export function formatProperties(properties: PropertyMap): string[] {
  const keys = Object.keys(properties).sort(
    (a, b) => Number(a === "__provider") - Number(b === "__provider"),
  );
  const width = Math.max(0, ...keys.map((k) => k.length));
  return keys.flatMap((key) => {
    const value = properties[key];
    if (key === "__provider" && typeof value === "string") {
      return [`${key.padEnd(width)}: (the serialized provider, ${Buffer.byteLength(value)} bytes)`];
    }
    return member(key, value, width);
  });
}

function member(key: string, value: unknown, width: number): string[] {
  const [first, ...rest] = render(value);
  return [`${key.padEnd(width)}: ${first}`, ...rest];
}

function render(value: unknown): string[] {
  const indent = (line: string) => `    ${line}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return ["[]"];
    const width = `[${value.length - 1}]`.length;
    return ["[", ...value.flatMap((item, i) => member(`[${i}]`, item, width)).map(indent), "]"];
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ["{}"];
    const width = Math.max(...entries.map(([k]) => k.length));
    return ["{", ...entries.flatMap(([k, v]) => member(k, v, width)).map(indent), "}"];
  }
  return [JSON.stringify(value)];
}

function statusOf(step: AppliedStep): string {
  if (step.status === "failed") return `**${step.op} failed**`;
  if (step.status === "skipped") return `${step.op} skipped`;
  return DONE[step.op];
}

interface Row {
  readonly symbol: string;
  readonly type: string;
  readonly name: string;
  readonly status: string;
  readonly details: readonly string[];
}

function table(statusHeading: string, rows: readonly Row[]): string {
  const typeWidth = Math.max("Type".length, ...rows.map((r) => r.type.length));
  const nameWidth = Math.max("Name".length, ...rows.map((r) => r.name.length));
  const line = (symbol: string, type: string, name: string, status: string) =>
    ` ${symbol.padEnd(3)} ${type.padEnd(typeWidth)}  ${name.padEnd(nameWidth)}  ${status}`.trimEnd();
  const lines = [line("", "Type", "Name", statusHeading)];
  for (const row of rows) {
    lines.push(line(row.symbol, row.type, row.name, row.status));
    for (const detail of row.details) lines.push(`       ${detail}`);
  }
  return lines.join("\n");
}

function tally(ops: readonly StepOp[], label: (op: StepOp) => string): string {
  const order: StepOp[] = ["create", "update", "replace", "delete", "same"];
  const lines = order
    .map((op) => ({ op, count: ops.filter((o) => o === op).length }))
    .filter(({ count }) => count > 0)
    .map(({ op, count }) => `    ${SYMBOL[op] ? `${SYMBOL[op]} ` : ""}${count} ${label(op)}`);
  return ["Resources:", ...(lines.length > 0 ? lines : ["    no resources"])].join("\n");
}
