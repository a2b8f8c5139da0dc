// The Python SDK's wheel and sdist, built from sdk/python with PyPA's `build` without build isolation
// (so offline: the tools venv holds build and setuptools, see requirements-build.txt). A copy of
// sdk/python is built, so that no build/ or *.egg-info is left in the repository.
//
//   ts-node tools/release/python-sdk.ts --python <venv python> --out <dir>   prints the two paths
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const SDK = resolve(__dirname, "..", "..", "sdk", "python");

/** The built distributions, named as PyPI names them. */
export interface PythonDistributions {
  readonly wheel: string;
  readonly sdist: string;
}

/** Builds the wheel and sdist of `version` into `outDir` with `python` (which has build and setuptools). */
export function buildPythonSdk(options: {
  readonly python: string;
  readonly outDir: string;
  readonly version: string;
}): PythonDistributions {
  const copy = mkdtempSync(join(tmpdir(), "quickbi-python-sdk-"));
  try {
    cpSync(SDK, copy, {
      recursive: true,
      filter: (path) => !/(__pycache__|\.egg-info|[\\/]build|[\\/]dist)$/.test(path.slice(SDK.length)),
    });
    mkdirSync(options.outDir, { recursive: true });
    // Its output is setuptools' chatter; on a failure, the thrown error carries it.
    execFileSync(options.python, ["-m", "build", "--no-isolation", "--outdir", options.outDir, copy], {
      stdio: "pipe",
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return {
    wheel: join(options.outDir, `pulumi_quickbi-${options.version}-py3-none-any.whl`),
    sdist: join(options.outDir, `pulumi_quickbi-${options.version}.tar.gz`),
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { python: { type: "string" }, out: { type: "string" } } });
  if (!values.python || !values.out) throw new Error("usage: python-sdk.ts --python <python> --out <dir>");
  const { version } = require("../../package.json") as { version: string };
  const built = buildPythonSdk({ python: values.python, outDir: resolve(values.out), version });
  console.log(`${built.wheel}\n${built.sdist}`);
}
