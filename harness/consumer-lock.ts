// Builds the package-lock.json of a fresh consumer project from this repository's lock, so that
// `npm ci --offline` can install the packed tarball and its dependencies from the npm cache alone:
// the packaging test then needs no registry, and installs exactly the versions the suite ran with.
import { readFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/** What the consumer's package.json asks for (name → spec). */
export interface ConsumerRoot {
  readonly name: string;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

/**
 * The lock of the project `root`. Every package comes from `repoLockPath` (or `localPackages`), taking
 * the closure of what the root needs with Node's lookup rules (a nested `node_modules` first, then
 * each parent's).
 */
export function consumerLock(
  repoLockPath: string,
  root: ConsumerRoot,
  localPackages: Record<string, LockEntry>,
  registry: string,
): object {
  const repo = JSON.parse(readFileSync(repoLockPath, "utf8")) as { packages: Record<string, LockEntry> };
  const available = { ...repo.packages, ...localPackages };
  const packages: Record<string, LockEntry> = {};
  const queue: [from: string, name: string][] = Object.keys({
    ...root.dependencies,
    ...root.devDependencies,
  }).map((name) => ["", name]);
  while (queue.length > 0) {
    const [from, name] = queue.shift()!;
    const path = lookup(available, from, name);
    if (path === undefined || packages[path]) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = available[path]!;
    // This repository's lock records no download addresses; without one npm asks the registry for the
    // package document even when the tarball is cached. The address npm itself would record is enough.
    packages[path] =
      entry.resolved === undefined ? { ...entry, resolved: tarballUrl(registry, path, entry) } : entry;
    const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {})
      .filter(([, m]) => m.optional)
      .map(([n]) => n);
    for (const dep of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers.includes(n)),
    ]) {
      queue.push([path, dep]);
    }
  }
  return { name: root.name, lockfileVersion: 3, requires: true, packages: { "": root, ...packages } };
}

function lookup(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate] && !packages[candidate]!.link) return candidate;
    if (base === "") return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

function tarballUrl(registry: string, path: string, entry: LockEntry): string {
  const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const base = name.startsWith("@") ? name.split("/")[1]! : name;
  return `${registry.replace(/\/$/, "")}/${name}/-/${base}-${entry.version}.tgz`;
}
