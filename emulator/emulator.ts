import { Authenticator } from "./authenticate";
import { TEST_ACCESS_KEY, TEST_STS_KEY, type AccessKeyPair } from "./credentials";
import { FaultInjector, loadFaultPlan, parseFaultPlan, type FaultPlan } from "./faults";
import { RequestHandler } from "./handler";
import { HttpServer } from "./http-server";
import type { EmulatorState, User, WorkspaceRoleId } from "./model";
import { OPERATIONS } from "./operations/registry";
import { DEFAULTS, type EmulatorOptions } from "./options";
import { requestIdGenerator, seededRandom, type Random } from "./random";
import { RequestLog, type RequestLogEntry } from "./request-log";
import { loadSeed } from "./seed";
import type { UserChanges } from "./store";
import { StoreWithDeletions } from "./store-deletions";

/** A running emulator. */
export interface QuickBIEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, what `@alicloud/openapi-client`'s `Config.endpoint` takes (with `protocol: "http"`). */
  readonly endpoint: string;
  /** The long-term test AccessKey. */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The STS test credentials; requests signed with them must send the token. */
  readonly sts: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  /** A deep copy of the users, groups, memberships, workspaces and workspace members now. */
  state(): EmulatorState;
  /** Every request received, in order. */
  requests(): RequestLogEntry[];
  clearLog(): void;
  /** Replaces the fault plan; rule budgets and the QPS window start afresh. */
  setFaults(plan: FaultPlan): void;
  /** Adds a membership out of band, as an administrator in the console would (drift). */
  addMembership(userId: string, usergroupId: string): void;
  /** Deletes a user and their memberships out of band. */
  removeUser(userId: string): void;
  /** Adds a user out of band. */
  addUser(user: User): void;
  /** Adds the user to a workspace with a preset role (25, 26, 27, 30), or changes their role there. */
  addWorkspaceMember(userId: string, workspaceId: string, roleId: WorkspaceRoleId): void;
  /** Removes the user from a workspace out of band. */
  removeWorkspaceMember(userId: string, workspaceId: string): void;
  /** Changes a user's flags (adminUser, authAdminUser, isDeleted) or profile out of band. */
  updateUser(userId: string, changes: UserChanges): void;
  /** Hands a workspace to another user, as its owner does in the console. */
  setWorkspaceOwner(workspaceId: string, owner: string): void;
  /** Deletes a user group and its memberships out of band (a restore then cannot rejoin it). */
  deleteGroup(usergroupId: string): void;
  /** Deletes a workspace and its memberships out of band. */
  deleteWorkspace(workspaceId: string): void;
  /** Closes the server and destroys open sockets, hung ones included. */
  stop(): Promise<void>;
}

/**
 * Starts a Quick BI OpenAPI emulator on 127.0.0.1 (a random port unless `port` is given).
 * @example
 * const emulator = await startEmulator({ seed: "examples/offboard-one/seed.yaml" });
 * // ... point a client at emulator.endpoint with emulator.accessKeyId / accessKeySecret ...
 * await emulator.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<QuickBIEmulator> {
  const clock = options.clock ?? DEFAULTS.clock;
  const { longTerm, sts } = pickKeys(options.accessKeys ?? [TEST_ACCESS_KEY, TEST_STS_KEY]);
  const store = new StoreWithDeletions(loadSeed(options.seed));
  // Separate streams, so whether a fault draws a number does not shift the RequestIds, and vice versa.
  const faultRandom: Random =
    options.randomSeed === undefined ? Math.random : seededRandom(options.randomSeed);
  const idRandom = options.randomSeed === undefined ? undefined : seededRandom(options.randomSeed ^ 0x5eed);
  let injector = new FaultInjector(loadFaultPlan(options.faults), faultRandom);
  const authenticator = new Authenticator({
    accessKeys: options.accessKeys ?? [TEST_ACCESS_KEY, TEST_STS_KEY],
    apiVersion: DEFAULTS.apiVersion,
    maxSkewMs: DEFAULTS.maxSkewMs,
    isKnownAction: (action) => OPERATIONS.has(action),
    clock,
  });
  const handler = new RequestHandler({
    authenticator,
    store,
    operations: OPERATIONS,
    faults: () => injector,
    nextRequestId: requestIdGenerator(idRandom),
    clock,
  });
  const log = new RequestLog(options.onRequest);
  const server = new HttpServer(handler, log, DEFAULTS.maxBodyBytes);
  const host = options.host ?? DEFAULTS.host;
  const port = await server.listen(options.port ?? DEFAULTS.port, host);
  const endpoint = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `http://${endpoint}`,
    endpoint,
    accessKeyId: longTerm.accessKeyId,
    accessKeySecret: longTerm.accessKeySecret,
    sts: {
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      securityToken: sts.securityToken,
    },
    state: () => store.snapshot(),
    requests: () => log.list(),
    clearLog: () => log.clear(),
    setFaults: (plan) => {
      injector = new FaultInjector(parseFaultPlan(plan, "setFaults"), faultRandom);
    },
    addMembership: (userId, usergroupId) => store.addMembership(userId, usergroupId),
    removeUser: (userId) => store.removeUser(userId),
    addUser: (user) => store.addUser(user),
    addWorkspaceMember: (userId, workspaceId, roleId) => store.setWorkspaceRole(userId, workspaceId, roleId),
    removeWorkspaceMember: (userId, workspaceId) => store.removeFromWorkspace(userId, workspaceId),
    updateUser: (userId, changes) => store.updateUser(userId, changes),
    setWorkspaceOwner: (workspaceId, userId) => store.setWorkspaceOwner(workspaceId, userId),
    deleteGroup: (usergroupId) => store.deleteGroup(usergroupId),
    deleteWorkspace: (workspaceId) => store.deleteWorkspace(workspaceId),
    stop: () => server.close(),
  };
}

function pickKeys(keys: readonly AccessKeyPair[]) {
  const longTerm = keys.find((k) => k.securityToken === undefined);
  const sts = keys.find((k): k is AccessKeyPair & { securityToken: string } => k.securityToken !== undefined);
  if (!longTerm || !sts) {
    throw new Error(
      `accessKeys needs at least one pair without securityToken and one STS pair with it; got ${keys.length} pair(s) (${
        longTerm ? "no STS pair" : "no long-term pair"
      })`,
    );
  }
  return { longTerm, sts };
}
