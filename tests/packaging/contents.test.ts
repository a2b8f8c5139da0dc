// What the tarball holds, read from `npm pack --dry-run --json` (which runs prepack/postpack, as a
// release does): only what a user needs, no source maps, every export present, and every link of every
// Markdown file it ships resolving both in the tarball and in the repository, anchors included.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";

const REPO = resolve(__dirname, "..", "..");

/** Everything a user of the package needs; anything else in the tarball is a mistake. */
const SHIPPED = [
  /^package\.json$/,
  /^(README|CHANGELOG|CONTRIBUTING)\.md$/,
  // The documentation in the Pulumi Registry's layout, and the logo schema.json's logoUrl names.
  /^docs\/[^/]+\.(md|svg)$/,
  /^LICENSE$/,
  /^dist\/(provider|emulator)\/.+\.(js|d\.ts)$/,
  /^emulator\/README\.md$/,
  // The quickbi plugin for Python, Go and YAML stacks: its launcher and its package schema.
  /^bin\/pulumi-resource-quickbi$/,
  /^schema\.json$/,
  // The complete GitOps setup the README sends users to copy.
  /^examples\/gitops\/(\.github\/workflows\/offboarding\.yml|[^/]+\.(ts|json|ya?ml|md))$/,
];

interface Link {
  readonly file: string;
  readonly href: string;
}

function packedFiles(): string[] {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json"], {
    cwd: REPO,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return (JSON.parse(output) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();
}

function linksIn(file: string, markdown: MarkdownIt.MarkdownIt): Link[] {
  const links: Link[] = [];
  const visit = (tokens: MarkdownIt.Token[]) => {
    for (const token of tokens) {
      const href = token.type === "link_open" ? token.attrGet("href") : null;
      if (href !== null) links.push({ file, href: String(href) });
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(readFileSync(join(REPO, file), "utf8"), {}));
  return links;
}

/** The anchors GitHub (and npm's README page) gives a Markdown file's headings. */
function anchorsOf(file: string, markdown: MarkdownIt.MarkdownIt): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(readFileSync(join(REPO, file), "utf8"), {});
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") anchors.add(slugger.slug(tokens[i + 1]!.content));
  });
  return anchors;
}

describe("the npm tarball's contents", function () {
  this.timeout(120_000);
  let files: string[];
  const markdown = new MarkdownIt();

  before(() => {
    files = packedFiles();
  });

  it("holds only what a user needs", () => {
    assert.deepEqual(
      files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))),
      [],
    );
  });

  it("holds no source map and no reference to one", () => {
    const mapped = files.filter(
      (file) =>
        file.endsWith(".map") ||
        (file.endsWith(".js") && readFileSync(join(REPO, file), "utf8").includes("sourceMappingURL")),
    );
    assert.deepEqual(mapped, []);
  });

  it("holds the file behind every export, bin and typesVersions entry", () => {
    const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
    const targets: string[] = [manifest.main, manifest.types, ...Object.values<string>(manifest.bin)];
    for (const target of Object.values<string | Record<string, string>>(manifest.exports)) {
      if (typeof target === "object") targets.push(...Object.values(target));
      else if (!target.includes("*")) targets.push(target);
    }
    for (const paths of Object.values<string[]>(manifest.typesVersions["*"])) targets.push(...paths);
    const missing = targets.map((target) => normalize(target)).filter((target) => !files.includes(target));
    assert.deepEqual(missing, []);
  });

  it("ships the README, CONTRIBUTING.md and every page of docs/, so that the next test checks their links", () => {
    const pages = readdirSync(join(REPO, "docs"))
      .filter((file) => file.endsWith(".md"))
      .map((file) => `docs/${file}`);
    assert.ok(pages.includes("docs/_index.md") && pages.includes("docs/installation-configuration.md"));
    const missing = ["README.md", "CONTRIBUTING.md", ...pages].filter((page) => !files.includes(page));
    assert.deepEqual(missing, [], "add them to package.json's files");
  });

  it("has every relative link of every shipped Markdown file resolve in the tarball and the repository", () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      for (const { href } of linksIn(file, markdown)) {
        if (/^[a-z]+:/i.test(href)) continue; // an absolute URL
        const [path, anchor] = href.split("#") as [string, string | undefined];
        const target = path === "" ? file : normalize(join(dirname(file), decodeURIComponent(path)));
        if (!files.includes(target)) broken.push(`${file}: ${href} (not in the tarball)`);
        else if (!existsSync(join(REPO, target))) broken.push(`${file}: ${href} (not in the repository)`);
        else if (anchor !== undefined && !anchorsOf(target, markdown).has(anchor)) {
          broken.push(`${file}: ${href} (no heading #${anchor} in ${target})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
