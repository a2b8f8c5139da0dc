/** What the command line asked for. */
export interface CliArguments {
  readonly help: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly seed?: string;
  readonly faults?: string;
  readonly randomSeed?: number;
  /** Print one line per call answered. @default true */
  readonly requestLog: boolean;
}

/** The `--help` text. */
export const USAGE = `Usage: quickbi-emulator [options]      (in this repo: npm run emulator -- [options])

Runs a local Quick BI OpenAPI (2022-01-01) emulator on 127.0.0.1 that verifies ACS3-HMAC-SHA256
signatures and keeps users (with their organisation roles), user groups, memberships, workspaces and
workspace roles in memory. It answers the calls this package makes (user lookups, user groups,
workspace roles, withdrawals); emulator/README.md lists them. It prints who it holds when it starts,
then one line per call it answers: time, action, user, status, error code, RequestId.

Options:
  --port N            TCP port to listen on (default: a free port)
  --host ADDR         address to listen on (default: 127.0.0.1)
  --seed FILE         initial users, groups, memberships, workspaces, .json, .yaml or .yml
                      (default: built-in seed)
  --faults FILE       fault plan, .json, .yaml or .yml (default: no faults)
  --random-seed N     make probabilistic faults and RequestIds reproducible
  --no-request-log    do not print a line per call
  -h, --help          show this text

Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. The format of seed and fault files is in emulator/README.md.`;

const VALUE_FLAGS = ["--port", "--host", "--seed", "--faults", "--random-seed"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Parses `--flag value` and `--flag=value`; throws an Error whose message can be shown as is. */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  const values: Partial<Record<ValueFlag, string>> = {};
  let help = false;
  let requestLog = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    if (arg === "--no-request-log") {
      requestLog = false;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.includes(flag as ValueFlag)) {
      throw new Error(
        `Unknown option "${arg}". Allowed: ${VALUE_FLAGS.join(", ")}, --no-request-log, --help.`,
      );
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
      throw new Error(`Option ${flag} needs a value, e.g. ${flag} ${example(flag as ValueFlag)}.`);
    }
    values[flag as ValueFlag] = value;
  }
  return {
    help,
    requestLog,
    ...(values["--port"] === undefined ? {} : { port: integer(values["--port"], "--port", 0, 65535) }),
    ...(values["--host"] === undefined ? {} : { host: values["--host"] }),
    ...(values["--seed"] === undefined ? {} : { seed: values["--seed"] }),
    ...(values["--faults"] === undefined ? {} : { faults: values["--faults"] }),
    ...(values["--random-seed"] === undefined
      ? {}
      : { randomSeed: integer(values["--random-seed"], "--random-seed", 0, 2 ** 32 - 1) }),
  };
}

function integer(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new Error(`Option ${flag} must be an integer from ${min} to ${max}, got "${text}".`);
  }
  return n;
}

function example(flag: ValueFlag): string {
  return {
    "--port": "8080",
    "--host": "127.0.0.1",
    "--seed": "seed.yaml",
    "--faults": "faults.json",
    "--random-seed": "42",
  }[flag];
}
