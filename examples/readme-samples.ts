// `npm run readme-samples`: rewrites the docs' terminal samples from what the real Pulumi CLI prints
// in `npm start` and `npm start -- gitops`, so that no sample is written by hand. Each sample in
// README.md or a page of docs/ sits between `<!-- sample: <example> <nth> <command> -->` and
// `<!-- /sample -->`; the nth (from 1) run of that `pulumi` command in that example's session fills it.
//   npm run readme-samples            rewrite the pages that hold samples
//   npm run readme-samples -- --check exit 1 if a sample's text differs, apart from times and ports
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const MARKER = /<!-- sample: (\S+) (\d+) (.+?) -->\n```[^\n]*\n[\s\S]*?```\n<!-- \/sample -->/g;

/** The `$ pulumi <command>` block of a session: the command, the CLI's output, the requests it made. */
export function commandBlock(session: string, nth: number, command: string): string {
  const lines = session.split("\n");
  let seen = 0;
  const start = lines.findIndex((line) => line === `$ pulumi ${command}` && ++seen === nth);
  if (start < 0) throw new Error(`the session has no run ${nth} of \`pulumi ${command}\``);
  const requests = lines.findIndex((line, i) => i > start && line.startsWith("Quick BI requests during"));
  let end = requests + 1;
  while (end < lines.length && lines[end]!.startsWith("  ")) end++;
  return lines.slice(start, end).join("\n");
}

/** Timestamps, durations and ports change on every run; the rest must not. */
export function normalized(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<time>")
    .replace(/\(\d+(\.\d+)?m?s\)/g, "(<duration>)")
    .replace(/Duration: \d+s/g, "Duration: <duration>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>");
}

/** The pages that may hold samples, relative to the repository's root. */
export function samplePages(root = ROOT): string[] {
  const docs = readdirSync(resolve(root, "docs")).filter((file) => file.endsWith(".md"));
  return ["README.md", ...docs.sort().map((file) => `docs/${file}`)];
}

/** The samples of one page: which example, which run of which command, and the text it shows. */
export function readmeSamples(
  readme: string,
): { example: string; nth: number; command: string; text: string }[] {
  return [...readme.matchAll(MARKER)].map((m) => ({
    example: m[1]!,
    nth: Number(m[2]),
    command: m[3]!,
    text: /```[^\n]*\n([\s\S]*?)\n```/.exec(m[0])![1]!,
  }));
}

function main(check: boolean): void {
  const sessions = new Map<string, string>();
  const sessionOf = (example: string) => {
    let output = sessions.get(example);
    if (output === undefined) {
      output = execFileSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "examples/run.ts", example],
        { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      );
      sessions.set(example, output);
    }
    return output;
  };
  const stale: string[] = [];
  const rewritten = new Map<string, string>();
  for (const page of samplePages()) {
    const before = readFileSync(resolve(ROOT, page), "utf8");
    const after = before.replace(MARKER, (block, example: string, nth: string, command: string) => {
      const text = commandBlock(sessionOf(example), Number(nth), command);
      const fresh = `<!-- sample: ${example} ${nth} ${command} -->\n\`\`\`\n${text}\n\`\`\`\n<!-- /sample -->`;
      if (normalized(fresh) !== normalized(block)) stale.push(`${page}: ${example} ${nth} ${command}`);
      return fresh;
    });
    if (after !== before) rewritten.set(page, after);
  }
  if (sessions.size === 0) throw new Error("no page has a <!-- sample: … --> block");
  if (check) {
    if (stale.length > 0) {
      console.error(`samples out of date: ${stale.join("; ")}. Run npm run readme-samples.`);
      process.exitCode = 1;
    } else console.log("The samples match what the CLI prints.");
    return;
  }
  for (const [page, text] of rewritten) writeFileSync(resolve(ROOT, page), text);
  console.log(`${stale.length} sample(s) rewritten${stale.length ? `: ${stale.join("; ")}` : ""}.`);
}

if (require.main === module) main(process.argv.includes("--check"));
