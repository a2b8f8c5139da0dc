import type { AccessKeyPair } from "./credentials";
import type { FaultPlan } from "./faults";
import type { Seed } from "./model";
import type { RequestListener } from "./request-log";

/** How to start an emulator. Every field is optional; the defaults are in {@link DEFAULTS}. */
export interface EmulatorOptions {
  /** TCP port. @default 0 - a free port chosen by the OS */
  readonly port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Initial users, groups, memberships and workspaces: an object or a path to a `.json`, `.yaml` or `.yml` file.
   * @default - the built-in seed, the data of examples/offboard-one/seed.yaml
   * @example { users: [...], groups: [...], memberships: [{ userId: "u1", usergroupId: "g1" }] }
   */
  readonly seed?: Seed | string;
  /**
   * Faults to inject: an object or a path to a JSON/YAML file. Replace it later with `setFaults`.
   * @default - no faults
   * @example { qps: 50, rules: [{ fault: "throttle", action: "WithdrawAllUserGroups", times: 2 }] }
   */
  readonly faults?: FaultPlan | string;
  /**
   * The AccessKey pairs accepted. Needs at least one long-term pair and one STS pair (with
   * `securityToken`); the first of each kind is what the emulator reports as its keys.
   * @default - `TEST_ACCESS_KEY` and `TEST_STS_KEY`
   */
  readonly accessKeys?: readonly AccessKeyPair[];
  /** The current time in ms since the epoch, for the 15-minute skew rule, the QPS window and the log. @default Date.now */
  readonly clock?: () => number;
  /** Seed for probabilistic faults and RequestIds, to make them reproducible. @default - random */
  readonly randomSeed?: number;
  /**
   * Called with each request as it is logged, after it was answered.
   * @default - none: the log is only kept (`requests()`)
   * @example (entry) => console.log(formatRequestLogEntry(entry))
   */
  readonly onRequest?: RequestListener;
}

/** Every default of the emulator, in one place. */
export const DEFAULTS = {
  port: 0,
  host: "127.0.0.1",
  clock: Date.now,
  apiVersion: "2022-01-01",
  /** The gateway rejects a request dated more than 15 minutes from its own time. */
  maxSkewMs: 15 * 60 * 1000,
  /** Bodies are empty or a few form fields; anything this large is a client bug. */
  maxBodyBytes: 1024 * 1024,
} as const;
