// CPU profiles of the program's process and of the dynamic-provider host during one `pulumi preview`
// of N people and one of N trivial dynamic resources (the preview benchmark's two stacks), for
// explaining what the preview costs beyond the engine's floor before changing anything. Writes the
// .cpuprofile files (open them in Chrome's DevTools) and prints the heaviest functions and packages
// by self time.
//
//   npm run build && npx ts-node --transpile-only bench/profile-preview.ts [people] [out-dir]
import { Session } from "node:inspector/promises";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setUpManyPeople } from "./many-people";
import type { LocalStack } from "../harness/local-stack";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: number[];
}

/** Where a script belongs, for the per-package totals: the package in node_modules, else the file. */
function owner(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.startsWith("node:") || url === "") return url || "(native/idle/gc)";
  return url.replace(/^file:\/\//, "").replace(resolve(__dirname, "..") + "/", "");
}

function summarize(label: string, profile: Profile, top: number): void {
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples) {
    const frame = nodes.get(id)!.callFrame;
    const fn = `${frame.functionName || "(anonymous)"} ${owner(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
    byOwner.set(owner(frame.url), (byOwner.get(owner(frame.url)) ?? 0) + 1);
  }
  const ms = (profile.endTime - profile.startTime) / 1000;
  const share = (n: number) =>
    `${((n / total) * 100).toFixed(1).padStart(5)}%  ${((n / total) * ms).toFixed(0).padStart(6)} ms`;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n## ${label}: ${total} samples over ${(ms / 1000).toFixed(1)} s (idle included)`);
  console.log("by package or file (self time):");
  for (const [name, n] of rank(byOwner)) console.log(`  ${share(n)}  ${name}`);
  console.log("by function (self time):");
  for (const [name, n] of rank(byFunction)) console.log(`  ${share(n)}  ${name}`);
}

/**
 * What the host preloads (NODE_OPTIONS --require; Node refuses --cpu-prof there): the inspector's
 * profiler from the first line, the profile written when the CLI stops the host (a signal) or it exits.
 */
const HOST_PROFILER = `
const { Session } = require("node:inspector");
const { writeFileSync } = require("node:fs");
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.start");
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (error, result) => {
    if (!error) writeFileSync(process.env.HOST_PROFILE_DIR + "/host-" + process.pid + ".cpuprofile", JSON.stringify(result.profile));
  });
}
process.on("exit", write);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { write(); process.exit(0); });
`;

/** One preview, the program's process and the provider host each profiled by the inspector. */
async function profiledPreview(
  session: Session,
  stack: LocalStack,
  hostDir: string,
): Promise<{ program: Profile; host?: Profile }> {
  const env = stack.stack.workspace.envVars;
  rmSync(hostDir, { recursive: true, force: true });
  mkdirSync(hostDir, { recursive: true });
  writeFileSync(join(hostDir, "profiler.js"), HOST_PROFILER);
  env.NODE_OPTIONS = `--require ${join(hostDir, "profiler.js")}`;
  env.HOST_PROFILE_DIR = hostDir;
  await session.post("Profiler.start");
  try {
    await stack.stack.preview();
  } finally {
    delete env.NODE_OPTIONS;
    delete env.HOST_PROFILE_DIR;
  }
  const { profile } = await session.post("Profiler.stop");
  const written = readdirSync(hostDir, { withFileTypes: true }).filter((f) => f.name.endsWith(".cpuprofile"));
  const host =
    written.length === 1
      ? (JSON.parse(readFileSync(join(hostDir, written[0]!.name), "utf8")) as Profile)
      : undefined;
  if (!host) console.log(`(${written.length} host profiles in ${hostDir}, expected 1)`);
  return { program: profile as unknown as Profile, host };
}

async function main(): Promise<void> {
  const people = Number(process.argv[2] ?? 1000);
  const out = resolve(process.argv[3] ?? join(__dirname, "..", ".bench", "profiles"));
  mkdirSync(out, { recursive: true });
  const many = await setUpManyPeople(people, 10);
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    // One preview of each first, unprofiled: the same warm caches for both.
    await many.trivial.stack.preview();
    await many.revocations.stack.preview();
    for (const [label, stack] of [
      ["trivial", many.trivial],
      ["people", many.revocations],
    ] as const) {
      const { program, host } = await profiledPreview(session, stack, join(out, `host-${label}-${people}`));
      writeFileSync(join(out, `preview-${label}-${people}.cpuprofile`), JSON.stringify(program));
      const heap = process.memoryUsage();
      const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
      console.log(`\nafter the ${label} preview: heap used ${mib(heap.heapUsed)}, rss ${mib(heap.rss)}`);
      summarize(`${label}, ${people}: the program's process`, program, 25);
      if (host) summarize(`${label}, ${people}: the provider host`, host, 25);
    }
    console.log(`\nprofiles in ${out}`);
  } finally {
    session.disconnect();
    await many.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
