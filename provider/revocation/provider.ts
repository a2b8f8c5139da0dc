import type * as pulumi from "@pulumi/pulumi";
import { resolveCredentials, type CredentialSource } from "../config/credentials";
import {
  readStackConfig,
  resolveCallPolicy,
  type CallPolicy,
  type StackConfig,
} from "../config/stack-config";
import { resolveTarget, type Target } from "../config/target";
import { createQuickBIClient, type QuickBIClient } from "../quickbi/client";
import { isMissingUserCode, QuickBIRequestError } from "../quickbi/errors";
import { listUserGroupsByUserId } from "../quickbi/operations";
import { createRateLimiter, type RateLimiter } from "../quickbi/rate-limit";
import type { RetryHooks } from "../quickbi/retry";
import { groupRecord } from "./audit";
import { assessImpact, type Impact } from "./impact";
import { UNKNOWN, validateInputs, type CheckFailure, type RevocationInputs } from "./inputs";
import { definedOnly, type RevocationOutputs } from "./outputs";
import { ListedOnce } from "./listed-once";
import {
  noResidualAccess,
  organizationFlags,
  recordedFlags,
  residualAccessAfterWithdrawal,
  residualAccessNow,
  AFTER_WITHDRAWAL,
  type OrganizationFlags,
} from "./residual-access";
import { reviewImpact, reviewListedOnce } from "./review";
import { inputIdentity, lookUpUser, type Subject } from "./subject";
import { withdrawAndVerify } from "./withdrawal";

export type { RevocationOutputs } from "./outputs";

/** What one withdrawal (or the finding that the user is already gone) adds to the audit record. */
type Done = Pick<RevocationOutputs, "outcome" | "requestId" | "withdrawnAt" | "checkedAt" | "groupsRemoved">;

/** Checked inputs: the program's inputs plus, for a revocation not yet done, its previewed impact. */
type CheckedInputs = RevocationInputs & { readonly impact?: Impact };

/** Seams for tests; production uses the defaults. */
export interface RevocationProviderOptions {
  /** Read at each call, in the provider process. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default createQuickBIClient over @alicloud/openapi-client */
  readonly createClient?: typeof createQuickBIClient;
  readonly retryHooks?: RetryHooks;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The dynamic provider, plus `configure`, which the host calls once with the stack config. */
export type RevocationProvider = Required<
  Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">
> & { configure(req: { config: { get(key: string): unknown } }): Promise<void> };

/**
 * The lifecycle of a QuickBIUserGroupRevocation:
 * - check validates inputs (invalid input never reaches Quick BI) and, for a revocation not yet done,
 *   looks up who will leave which groups so that the preview shows it;
 * - create lists the groups, calls WithdrawAllUserGroups, verifies none remain, records the audit;
 * - read (refresh) lists the user's groups now: any group is drift;
 * - diff replaces on a new user, explicit region or triggers, and updates on drift or new notes;
 * - update withdraws again on drift, otherwise records the notes without a call;
 * - delete makes no call: a withdrawal cannot be undone, so there is nothing to delete.
 */
export function createRevocationProvider(options: RevocationProviderOptions = {}): RevocationProvider {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const createClient = options.createClient ?? createQuickBIClient;
  let stackConfig: StackConfig = {};
  let credentials: CredentialSource | undefined;
  let policy: CallPolicy | undefined;
  const clients = new Map<string, QuickBIClient>();
  let limiter: RateLimiter | undefined;
  const listed = new ListedOnce();

  function callPolicy(): CallPolicy {
    policy ??= resolveCallPolicy(stackConfig);
    return policy;
  }

  function clientFor(target: Target): QuickBIClient {
    const key = `${target.endpoint.protocol}://${target.endpoint.host}|${target.region}`;
    let client = clients.get(key);
    if (!client) {
      credentials ??= resolveCredentials(stackConfig, env);
      limiter ??= createRateLimiter(callPolicy());
      client = createClient({
        limiter,
        endpoint: target.endpoint,
        region: target.region,
        credentials,
        policy: callPolicy(),
        ...(options.retryHooks ? { hooks: options.retryHooks } : {}),
      });
      clients.set(key, client);
    }
    return client;
  }

  function targetOf(inputs: { region?: string; endpoint?: string }): Target {
    const target = resolveTarget(inputs, stackConfig, env);
    if ("failures" in target) throw new Error(target.failures.map((f) => f.reason).join("; "));
    return target;
  }

  /**
   * Where a refresh reads: read gets only the state, not the inputs. The region is the one used; the
   * endpoint is today's configured one (quickbi:endpoint, QUICKBI_ENDPOINT) if any, else the one used,
   * which covers both an endpoint argument and the regional default.
   */
  function refreshTargetOf(props: RevocationOutputs): Target {
    const configured = resolveTarget({ region: props.region }, stackConfig, env);
    if (!("failures" in configured) && !configured.endpointIsRegional) return configured;
    return targetOf({ region: props.region, endpoint: props.endpoint });
  }

  /**
   * Who, then WithdrawAllUserGroups with verification. With onMissingUser "succeed", a user Quick BI
   * does not know (at the lookup or at the withdrawal) is recorded as already offboarded instead.
   */
  async function withdraw(
    client: QuickBIClient,
    whom: () => Promise<Subject>,
    onMissingUser: string,
    fallback: Subject,
  ): Promise<{ subject: Subject; done: Done }> {
    let subject = fallback;
    try {
      subject = await whom();
      const record = await withdrawAndVerify(client, subject.userId, callPolicy(), now, options.retryHooks);
      return { subject, done: { ...record, outcome: "withdrawn", checkedAt: record.withdrawnAt } };
    } catch (error) {
      if (
        onMissingUser !== "succeed" ||
        !(error instanceof QuickBIRequestError) ||
        !isMissingUserCode(error.code)
      ) {
        throw error;
      }
      const at = now().toISOString();
      const done: Done = {
        outcome: "already-offboarded",
        requestId: error.requestId ?? "",
        withdrawnAt: at,
        checkedAt: at,
        groupsRemoved: [],
      };
      return { subject, done };
    }
  }

  return {
    async configure(req) {
      stackConfig = readStackConfig((key) => req.config.get(key));
      credentials = undefined;
      policy = undefined;
      limiter = undefined;
      clients.clear();
    },

    async check(olds: CheckedInputs, news: CheckedInputs) {
      // `impact` is computed here, never taken from the program.
      const { impact: _ignored, ...inputs } = news;
      const failures: CheckFailure[] = validateInputs(inputs);
      // A value unknown at preview is not judged, but the other one still is: resolve with the unknown
      // one left out and keep only the failures about what is known.
      const unknown = (property: "region" | "endpoint") => inputs[property] === UNKNOWN;
      let target: Target | undefined;
      if (failures.length === 0) {
        const resolved = resolveTarget(
          {
            region: unknown("region") ? undefined : inputs.region,
            endpoint: unknown("endpoint") ? undefined : inputs.endpoint,
          },
          stackConfig,
          env,
        );
        if ("failures" in resolved) failures.push(...resolved.failures.filter((f) => !unknown(f.property)));
        else if (!unknown("region") && !unknown("endpoint")) target = resolved;
      }
      if (failures.length > 0) return { inputs, failures };
      if (!isNewSubject(olds, inputs)) {
        const duplicate = reviewListedOnce(listed, inputs.userId, inputs);
        const property = inputs.account !== undefined ? "account" : "userId";
        return { inputs, failures: duplicate ? [{ property, reason: duplicate }] : [] };
      }
      if (olds.userId !== undefined || olds.account !== undefined) listed.release(olds);

      const readAttempted = target !== undefined && !hasUnknown(inputs);
      const impact =
        target !== undefined && readAttempted
          ? await assessImpact(clientFor(target), inputs)
          : ({
              status: "unknown",
              summary: "impact unknown: the user or the endpoint is not known until apply",
            } as const);
      failures.push(...reviewImpact({ impact, inputs, readAttempted, config: stackConfig, listed }));
      return { inputs: { ...inputs, impact }, failures };
    },

    async diff(_id, olds: RevocationOutputs, news: CheckedInputs) {
      const replaces: string[] = [];
      if (news.account !== undefined || olds.account !== undefined) {
        if (news.account !== olds.account) replaces.push("account");
        if (news.parentAccountName !== olds.parentAccountName) replaces.push("parentAccountName");
      } else if (news.userId !== olds.userId) {
        replaces.push("userId");
      }
      // Still about the same person: the state knows the UserId an `account` entry resolved to, the
      // last chance to find that person listed under another key before the preview ends.
      if (replaces.length === 0) {
        const duplicate = reviewListedOnce(listed, olds.userId, news);
        if (duplicate) throw new Error(duplicate);
      }
      if (news.region !== undefined && news.region !== olds.region) replaces.push("region");
      if (!sameJson(news.triggers, olds.triggers)) replaces.push("triggers");
      // Drift found by a refresh, or new audit notes: an update. An endpoint change alone is nothing:
      // the state keeps the endpoint the withdrawal used.
      const drift = (olds.currentGroups ?? []).length > 0;
      const notes =
        news.reason !== olds.reason ||
        news.ticket !== olds.ticket ||
        (news.onMissingUser ?? "fail") !== (olds.onMissingUser ?? "fail");
      return { changes: replaces.length > 0 || drift || notes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: CheckedInputs) {
      const target = targetOf(inputs);
      const client = clientFor(target);
      const onMissingUser = inputs.onMissingUser ?? "fail";
      const impact = inputs.impact;
      let flags: OrganizationFlags | undefined;
      const { subject, done } = await withdraw(
        client,
        // Looked up by check moments ago, in this same `pulumi up`, unless it could not.
        async () => {
          if (impact?.status === "known") {
            flags = recordedFlags(impact.residualAccess);
            return impact.user;
          }
          const { subject, info } = await lookUpUser(client, inputs);
          flags = organizationFlags(info);
          return subject;
        },
        onMissingUser,
        { userId: inputs.userId ?? "", accountName: "", displayName: "" },
      );
      const residualAccess =
        done.outcome === "already-offboarded"
          ? noResidualAccess(AFTER_WITHDRAWAL, inputIdentity(inputs))
          : await residualAccessAfterWithdrawal(client, nameOf(subject), subject.userId, flags);
      const outs: RevocationOutputs = definedOnly({
        userId: subject.userId,
        account: inputs.account,
        parentAccountName: inputs.parentAccountName,
        accountName: subject.accountName || undefined,
        displayName: subject.displayName || undefined,
        outcome: done.outcome,
        onMissingUser,
        requestId: done.requestId,
        withdrawnAt: done.withdrawnAt,
        groupsRemoved: done.groupsRemoved,
        currentGroups: [],
        checkedAt: done.checkedAt,
        history: [],
        residualAccess,
        reason: inputs.reason,
        ticket: inputs.ticket,
        region: target.region,
        endpoint: `${target.endpoint.protocol}://${target.endpoint.host}`,
        triggers: inputs.triggers,
      });
      return { id: subject.userId || `missing:${inputs.account ?? ""}`, outs };
    },

    async read(id, props: RevocationOutputs) {
      if (!props.userId) return { id, props };
      const client = clientFor(refreshTargetOf(props));
      let currentGroups: RevocationOutputs["currentGroups"];
      try {
        currentGroups = (await listUserGroupsByUserId(client, props.userId)).groups.map(groupRecord);
      } catch (error) {
        // A user deleted from Quick BI since is not drift: they are in no group.
        if (!(error instanceof QuickBIRequestError && isMissingUserCode(error.code))) throw error;
        currentGroups = [];
      }
      const residualAccess = await residualAccessNow(client, nameOf(props), props.userId);
      // Only a change is news: an unchanged refresh leaves the state as it was, so `pulumi refresh`
      // shows nothing for a revocation that still holds.
      const groupsChanged = !sameJson(currentGroups, props.currentGroups ?? []);
      if (!groupsChanged && sameJson(residualAccess, props.residualAccess)) return { id, props };
      return {
        id,
        props: {
          ...props,
          residualAccess,
          ...(groupsChanged ? { currentGroups, checkedAt: now().toISOString() } : {}),
        },
      };
    },

    async update(_id, olds: RevocationOutputs, news: CheckedInputs) {
      const notes = definedOnly({
        ...olds,
        reason: news.reason,
        ticket: news.ticket,
        onMissingUser: news.onMissingUser ?? "fail",
      });
      if ((olds.currentGroups ?? []).length === 0) return { outs: notes };
      // Someone added the user back: withdraw again, and keep the earlier record in the history.
      const target = targetOf({ region: news.region ?? olds.region, endpoint: news.endpoint });
      const known = {
        userId: olds.userId,
        accountName: olds.accountName ?? "",
        displayName: olds.displayName ?? "",
      };
      const { done } = await withdraw(clientFor(target), async () => known, notes.onMissingUser, known);
      const previous = {
        requestId: olds.requestId,
        withdrawnAt: olds.withdrawnAt,
        groupsRemoved: olds.groupsRemoved,
      };
      return {
        outs: {
          ...notes,
          outcome: done.outcome,
          requestId: done.requestId,
          withdrawnAt: done.withdrawnAt,
          groupsRemoved: done.groupsRemoved,
          currentGroups: [],
          checkedAt: done.checkedAt,
          history: [...(olds.history ?? []), previous],
        },
      };
    },

    async delete() {
      // Deliberately nothing: WithdrawAllUserGroups cannot be undone, so deleting (or removing the
      // resource from the program) only forgets the record. Memberships are not restored.
    },
  };
}

/** A revocation not done yet for this user: a new resource, or a replacement for another user. */
function isNewSubject(olds: CheckedInputs, news: CheckedInputs): boolean {
  if (olds.userId === undefined && olds.account === undefined) return true;
  return (
    olds.userId !== news.userId ||
    olds.account !== news.account ||
    olds.parentAccountName !== news.parentAccountName
  );
}

/** The short name residual access lines use: the account name, else the display name, else the UserId. */
function nameOf(user: { userId: string; accountName?: string; displayName?: string }): string {
  return user.accountName || user.displayName || user.userId;
}

function hasUnknown(inputs: RevocationInputs): boolean {
  return inputs.userId === UNKNOWN || inputs.account === UNKNOWN || inputs.parentAccountName === UNKNOWN;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
