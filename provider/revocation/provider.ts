import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../config/defaults";
import { endpointUrl } from "../config/endpoint";
import { readStackConfig, type StackConfig } from "../config/stack-config";
import { groupsNow, hasDrift } from "./drift";
import { assessImpact, IMPACT_UNKNOWN_UNTIL_APPLY, type Impact } from "./impact";
import { hasUnknownUser, isNewSubject, UNKNOWN, validateInputs, type RevocationInputs } from "./inputs";
import { definedOnly, type RevocationOutputs } from "./outputs";
import { ListedOnce } from "./listed-once";
import {
  noResidualAccess,
  organizationFlags,
  recordedFlags,
  residualAccessAfterWithdrawal,
  readAccess,
  residualAccessNow,
  type OrganizationFlags,
} from "./residual-access";
import { attributeFailures, reviewImpact, reviewListedOnce } from "./review";
import { isStrictPreview } from "./strict-preview";
import { revoke } from "./revoke";
import { partialProgress, unfinishedReasons } from "./partial-progress";
import { isWiderThanGroups, recordedScope, resolveScope, type Scope } from "./scope";
import { refreshSteps, stepsDrift } from "./steps/refresh";
import { runSteps } from "./steps/run";
import { RefreshReads } from "../refresh/refresh-reads";
import { sameIgnoringOrder, sameItems, sameResidualAccess } from "../refresh/unordered";
import {
  applyRestore,
  carriedRestorable,
  isRestored,
  previewRestore,
  requireRecordMatchesPlan,
  restoreChange,
  restoreOnNewFailure,
  sameRestore,
  settled,
  withoutRestore,
  type RestoreInputs,
} from "./restore/lifecycle";
import { restorePartialProgress } from "./restore/partial-progress";
import { openSession, type SessionOptions } from "./session";
import { inputIdentity, lookUpUser } from "./subject";
import { requireTarget, targetOf } from "./target";

export type { RevocationOutputs } from "./outputs";

/** Checked inputs: the program's inputs plus, for a revocation not yet done, its previewed impact. */
export type CheckedInputs = RevocationInputs & RestoreInputs & { readonly impact?: Impact };

/** Seams for tests; production uses the defaults. */
export interface RevocationProviderOptions extends SessionOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Refresh reads made person by person before the organisation is read once. @default DEFAULTS.refreshSnapshotAfter */
  readonly refreshSnapshotAfter?: number;
}

/**
 * The dynamic provider as the host calls it, with untyped property maps, plus `configure`, which
 * the host calls with the stack config before any resource call.
 */
export type RevocationProvider = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> & {
  configure(req: { readonly config: Pick<pulumi.dynamic.Config, "get"> }): Promise<void>;
};

/**
 * The lifecycle of a QuickBIUserGroupRevocation, step by step as docs/audit-record-and-drift.md's table describes it.
 * Each provider process has one session: the stack config of the last `configure`, and the
 * credentials, limiter and clients every resource in the process shares.
 */
export function createRevocationProvider(options: RevocationProviderOptions = {}): RevocationProvider {
  const now = options.now ?? (() => new Date());
  let session = openSession({}, options);
  // One person, one revocation: the UserIds claimed by the revocations of this process (one run).
  const listed = new ListedOnce();
  const refreshReads = new RefreshReads(options.refreshSnapshotAfter ?? DEFAULTS.refreshSnapshotAfter);
  const revokeOptions = (onMissingUser: RevocationOutputs["onMissingUser"]) => ({
    onMissingUser,
    policy: session.policy(),
    now,
    hooks: session.retryHooks,
  });

  const provider = {
    async configure(req: { readonly config: Pick<pulumi.dynamic.Config, "get"> }) {
      session = openSession(
        readStackConfig((key) => req.config.get(key)),
        options,
      );
    },

    /** Validates inputs; for a revocation not yet done, looks up who will leave which groups (the preview). */
    async check(olds: CheckedInputs, news: CheckedInputs) {
      // `impact` is computed here, never taken from the program.
      const { impact: _ignored, restorable: _carried, restoring: _planned, ...inputs } = news;
      const failures: pulumi.dynamic.CheckFailure[] = validateInputs(inputs);
      // Nothing to restore from before the record exists: refused before any read.
      const onNew = isNewSubject(olds, inputs) ? restoreOnNewFailure(inputs) : undefined;
      if (onNew) failures.push({ property: "restore", reason: onNew });
      const { target, failures: targetFailures } =
        failures.length === 0 ? targetOf({ inputs }, session) : { target: undefined, failures: [] };
      failures.push(...targetFailures);
      if (failures.length > 0) return { inputs, failures };
      // A scope from another resource's output: the preview cannot say which steps; `up` checks again.
      if (hasUnknownScope(inputs)) return { inputs: { ...inputs, impact: IMPACT_SCOPE_UNKNOWN }, failures };
      let scope: Scope;
      try {
        scope = resolveScope(inputs.scope, session.config);
      } catch (error) {
        return { inputs, failures: [{ property: "scope", reason: (error as Error).message }] };
      }
      // The effective scope, stack default included, is an input: so diff sees a changed default.
      const { scope: _given, ...rest } = inputs;
      const scoped: RevocationInputs = isWiderThanGroups(scope) ? { ...rest, scope: [...scope] } : rest;
      if (!isNewSubject(olds, scoped)) {
        const duplicate = reviewListedOnce(listed, scoped.userId, scoped);
        const property = scoped.account !== undefined ? "account" : "userId";
        const duplicates = duplicate ? [{ property, reason: duplicate }] : [];
        const { restoring, failure: unrestorable } = await previewRestore(
          olds,
          scoped,
          target === undefined || hasUnknownUser(scoped) ? undefined : session.clientFor(target),
          strictRestorePreview(scoped, session.config),
        );
        if (unrestorable) duplicates.push({ property: "restore", reason: unrestorable });
        const restored = { ...carriedRestorable(olds, undefined), ...(restoring ? { restoring } : {}) };
        // A new scope for someone already offboarded: the preview shows what the new steps will do.
        if (sameScope(recordedScope(olds.scope), scope) || target === undefined || hasUnknownUser(scoped))
          return { inputs: { ...scoped, ...restored }, failures: duplicates };
        const impact = await assessImpact(session.clientFor(target), scoped, scope);
        const reviewed = reviewImpact({
          impact,
          inputs: scoped,
          readAttempted: true,
          config: session.config,
          listed: new ListedOnce(),
        });
        return {
          inputs: { ...scoped, impact, ...restored, ...carriedRestorable(olds, impact) },
          failures: [...duplicates, ...reviewed],
        };
      }
      if (olds.userId !== undefined || olds.account !== undefined) listed.release(olds);

      const readAttempted = target !== undefined && !hasUnknownUser(scoped);
      const impact =
        target !== undefined && readAttempted
          ? await assessImpact(session.clientFor(target), scoped, scope)
          : IMPACT_UNKNOWN_UNTIL_APPLY;
      failures.push(
        ...reviewImpact({ impact, inputs: scoped, readAttempted, config: session.config, listed }),
      );
      return { inputs: { ...scoped, impact }, failures };
    },

    /** Replaces on a new user, explicit region or triggers; updates on drift or new notes; an endpoint alone is nothing. */
    async diff(_id: string, olds: RevocationOutputs, news: CheckedInputs) {
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
      if (!isDeepStrictEqual(news.triggers ?? null, olds.triggers ?? null)) replaces.push("triggers");
      const notes =
        news.reason !== olds.reason ||
        news.ticket !== olds.ticket ||
        (news.onMissingUser ?? DEFAULTS.onMissingUser) !== (olds.onMissingUser ?? DEFAULTS.onMissingUser);
      // A new scope, a step a failed `up` left unfinished, or a step a refresh found drift in. While a
      // restore is in force, what the person holds again is not drift.
      const restored = isRestored(olds) && restoreChange(olds, news) !== "offboard-again";
      const steps =
        !sameScope(recordedScope(olds.scope), recordedScope(news.scope)) ||
        stepsDue(restored ? { ...olds, steps: settled(olds.steps) } : olds, recordedScope(olds.scope));
      if (replaces.length === 0) requireRecordMatchesPlan(olds, news);
      const restoring = restoreChange(olds, news) !== "none" || !sameRestore(olds.restore, news.restore);
      return {
        changes: replaces.length > 0 || (!restored && hasDrift(olds)) || notes || steps || restoring,
        replaces,
        deleteBeforeReplace: false,
      };
    },

    /** Lists the groups, withdraws, verifies none remain, and records the audit. */
    async create(inputs: CheckedInputs) {
      const target = requireTarget({ inputs }, session);
      const client = session.clientFor(target);
      const onMissingUser = inputs.onMissingUser ?? DEFAULTS.onMissingUser;
      const { impact } = inputs;
      // The admin flags of the residual access come with the lookup, whichever step made it.
      let flags: OrganizationFlags | undefined;
      const { subject, revoked } = await revoke(
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
        revokeOptions(onMissingUser),
      );
      const userId = subject?.userId ?? inputs.userId ?? "";
      const scope = recordedScope(inputs.scope);
      const gone = revoked.outcome === "already-offboarded" || subject === undefined;
      // The steps beyond the groups, for a person Quick BI knows; then everything is read afresh.
      const steps =
        isWiderThanGroups(scope) && !gone ? await runSteps({ client, userId, now }, scope) : undefined;
      const residualAccess = gone
        ? noResidualAccess(inputIdentity(inputs))
        : steps
          ? await residualAccessNow(client, userId)
          : await residualAccessAfterWithdrawal(client, subject.userId, flags);
      const outs: RevocationOutputs = definedOnly({
        userId,
        account: inputs.account,
        parentAccountName: inputs.parentAccountName,
        accountName: subject?.accountName,
        displayName: subject?.displayName,
        onMissingUser,
        ...revoked,
        currentGroups: [],
        history: [],
        residualAccess,
        scope: isWiderThanGroups(scope) ? scope : undefined,
        steps,
        reason: inputs.reason,
        ticket: inputs.ticket,
        region: target.region,
        endpoint: endpointUrl(target.endpoint),
        triggers: inputs.triggers,
      });
      const id = userId || `missing:${inputs.account ?? ""}`;
      if (steps && unfinishedReasons(scope, steps).length > 0)
        throw partialProgress(id, outs, scope, providerOf(inputs));
      return { id, outs };
    },

    /** Lists the user's groups now: any group is drift. An unchanged refresh leaves the state as it was. */
    async read(id: string, props?: RevocationOutputs) {
      if (!props?.userId) return { id, props };
      // Person by person, or from the organisation read once when the refresh is large (refresh-reads.ts).
      const client = await refreshReads.clientFor(
        session.clientFor(requireTarget({ state: props }, session)),
      );
      const currentGroups = await groupsNow(client, props.userId);
      // The same two reads make the residual access and show drift in the steps beyond the groups.
      const reads = await readAccess(client, props.userId);
      const residualAccess = await residualAccessNow(client, props.userId, reads);
      const steps = props.steps && refreshSteps(recordedScope(props.scope), props.steps, reads);
      // Whatever the order: the organisation's listings and the per-person reads order lists differently.
      const groupsChanged = !sameItems(currentGroups, props.currentGroups ?? []);
      const stepsChanged = !sameIgnoringOrder(steps, props.steps);
      if (!groupsChanged && !stepsChanged && sameResidualAccess(residualAccess, props.residualAccess))
        return { id, props };
      return {
        id,
        props: {
          ...props,
          residualAccess,
          ...(groupsChanged ? { currentGroups, checkedAt: now().toISOString() } : {}),
          ...(stepsChanged && steps ? { steps } : {}),
        },
      };
    },

    /** On drift, withdraws again where the refresh found it and keeps the earlier record; otherwise records the notes. */
    async update(id: string, previous: RevocationOutputs, news: CheckedInputs) {
      const change = restoreChange(previous, news);
      if (change === "restore" || (isRestored(previous) && change === "none")) {
        const notes = definedOnly({ ...previous, reason: news.reason, ticket: news.ticket });
        if (change === "none") return { outs: { ...notes, restore: news.restore! } };
        const target = requireTarget({ state: previous }, session);
        const client = session.clientFor(target);
        const restored = await applyRestore({ client, userId: previous.userId, now }, notes, news.restore!);
        const outs: RevocationOutputs = {
          ...restored,
          residualAccess: await residualAccessNow(client, previous.userId),
        };
        if (outs.restores?.at(-1)?.status !== "done")
          throw restorePartialProgress(id, outs, providerOf(news));
        return { outs };
      }
      // Offboarding again after a restore: what the restore gave back is drift the steps below take away.
      const olds = change === "offboard-again" ? withoutRestore(previous) : previous;
      const notes = definedOnly({
        ...olds,
        reason: news.reason,
        ticket: news.ticket,
        onMissingUser: news.onMissingUser ?? DEFAULTS.onMissingUser,
      });
      const scope = recordedScope(news.scope);
      const { scope: _recorded, ...unscoped } = notes;
      const scoped: RevocationOutputs = isWiderThanGroups(scope) ? { ...unscoped, scope } : unscoped;
      const due = stepsDue(olds, scope);
      if (!hasDrift(olds) && !due) return { outs: scoped };
      const target = requireTarget({ state: olds }, session);
      const client = session.clientFor(target);
      let outs: RevocationOutputs = {
        ...scoped,
        region: target.region,
        endpoint: endpointUrl(target.endpoint),
      };
      if (hasDrift(olds)) {
        const { revoked } = await revoke(client, async () => olds, revokeOptions(notes.onMissingUser));
        const previous = {
          requestId: olds.requestId,
          withdrawnAt: olds.withdrawnAt,
          groupsRemoved: olds.groupsRemoved,
        };
        outs = { ...outs, ...revoked, currentGroups: [], history: [...(olds.history ?? []), previous] };
      }
      if (!due) return { outs };
      const steps = await runSteps({ client, userId: olds.userId, now }, scope, olds.steps);
      const residualAccess = await residualAccessNow(client, olds.userId);
      outs = { ...outs, steps, residualAccess };
      if (unfinishedReasons(scope, steps).length > 0)
        throw partialProgress(olds.userId, outs, scope, providerOf(news));
      return { outs };
    },

    async delete() {
      // Deliberately nothing: WithdrawAllUserGroups cannot be undone, so deleting (or removing the
      // resource from the program) only forgets the record. Memberships are not restored.
    },
  } satisfies pulumi.dynamic.ResourceProvider<CheckedInputs, RevocationOutputs>;
  return {
    ...provider,
    async check(olds: CheckedInputs, news: CheckedInputs) {
      const checked = await provider.check(olds, news);
      return { ...checked, failures: attributeFailures(news, checked.failures) };
    },
  };
}

/**
 * Whether the steps of `scope` beyond the groups need an update: one not done (a failed `up`, a scope
 * widened since) or with drift. A person Quick BI did not know (already offboarded) has none to take.
 */
function stepsDue(olds: RevocationOutputs, scope: Scope): boolean {
  if (!isWiderThanGroups(scope) || olds.outcome === "already-offboarded") return false;
  return unfinishedReasons(scope, olds.steps ?? {}).length > 0 || stepsDrift(scope, olds.steps);
}

/** Whether a restore's preview must read what still exists; a malformed setting is check's to report. */
function strictRestorePreview(inputs: RevocationInputs, config: StackConfig): boolean {
  try {
    return isStrictPreview(inputs.strictPreview, config);
  } catch {
    return true;
  }
}

/** The impact of a revocation whose scope is not known until apply. */
const IMPACT_SCOPE_UNKNOWN: Impact = {
  status: "unknown",
  summary: "impact unknown: the scope is not known until apply",
};

function hasUnknownScope(inputs: RevocationInputs): boolean {
  const scope: unknown = inputs.scope;
  return scope === UNKNOWN || (Array.isArray(scope) && scope.includes(UNKNOWN));
}

function sameScope(a: Scope, b: Scope): boolean {
  return a.join(",") === b.join(",");
}

/** The serialized provider the dynamic host passes with the inputs; absent under the native plugin. */
function providerOf(inputs: object): unknown {
  return (inputs as { __provider?: unknown }).__provider;
}
