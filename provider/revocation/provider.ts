import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULTS } from "../config/defaults";
import { endpointUrl } from "../config/endpoint";
import { readStackConfig } from "../config/stack-config";
import { groupsNow, hasDrift } from "./drift";
import { assessImpact, IMPACT_UNKNOWN_UNTIL_APPLY, type Impact } from "./impact";
import { hasUnknownUser, isNewSubject, validateInputs, type RevocationInputs } from "./inputs";
import { definedOnly, type RevocationOutputs } from "./outputs";
import { ListedOnce } from "./listed-once";
import {
  AFTER_WITHDRAWAL,
  noResidualAccess,
  organizationFlags,
  recordedFlags,
  residualAccessAfterWithdrawal,
  residualAccessNow,
  type OrganizationFlags,
} from "./residual-access";
import { attributeFailures, reviewImpact, reviewListedOnce } from "./review";
import { revoke } from "./revoke";
import { RefreshReads } from "../refresh/refresh-reads";
import { sameItems, sameResidualAccess } from "../refresh/unordered";
import { openSession, type SessionOptions } from "./session";
import { inputIdentity, lookUpUser } from "./subject";
import { requireTarget, targetOf } from "./target";

export type { RevocationOutputs } from "./outputs";

/** Checked inputs: the program's inputs plus, for a revocation not yet done, its previewed impact. */
export type CheckedInputs = RevocationInputs & { readonly impact?: Impact };

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
      const { impact: _ignored, ...inputs } = news;
      const failures: pulumi.dynamic.CheckFailure[] = validateInputs(inputs);
      const { target, failures: targetFailures } =
        failures.length === 0 ? targetOf({ inputs }, session) : { target: undefined, failures: [] };
      failures.push(...targetFailures);
      if (failures.length > 0) return { inputs, failures };
      if (!isNewSubject(olds, inputs)) {
        const duplicate = reviewListedOnce(listed, inputs.userId, inputs);
        const property = inputs.account !== undefined ? "account" : "userId";
        return { inputs, failures: duplicate ? [{ property, reason: duplicate }] : [] };
      }
      if (olds.userId !== undefined || olds.account !== undefined) listed.release(olds);

      const readAttempted = target !== undefined && !hasUnknownUser(inputs);
      const impact =
        target !== undefined && readAttempted
          ? await assessImpact(session.clientFor(target), inputs)
          : IMPACT_UNKNOWN_UNTIL_APPLY;
      failures.push(...reviewImpact({ impact, inputs, readAttempted, config: session.config, listed }));
      return { inputs: { ...inputs, impact }, failures };
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
      return {
        changes: replaces.length > 0 || hasDrift(olds) || notes,
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
      const residualAccess =
        revoked.outcome === "already-offboarded" || subject === undefined
          ? noResidualAccess(AFTER_WITHDRAWAL, inputIdentity(inputs))
          : await residualAccessAfterWithdrawal(client, nameOf(subject), subject.userId, flags);
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
        reason: inputs.reason,
        ticket: inputs.ticket,
        region: target.region,
        endpoint: endpointUrl(target.endpoint),
        triggers: inputs.triggers,
      });
      return { id: userId || `missing:${inputs.account ?? ""}`, outs };
    },

    /** Lists the user's groups now: any group is drift. An unchanged refresh leaves the state as it was. */
    async read(id: string, props?: RevocationOutputs) {
      if (!props?.userId) return { id, props };
      // Person by person, or from the organisation read once when the refresh is large (refresh-reads.ts).
      const client = await refreshReads.clientFor(
        session.clientFor(requireTarget({ state: props }, session)),
      );
      const currentGroups = await groupsNow(client, props.userId);
      const residualAccess = await residualAccessNow(client, nameOf(props), props.userId);
      const groupsChanged = !sameItems(currentGroups, props.currentGroups ?? []);
      if (!groupsChanged && sameResidualAccess(residualAccess, props.residualAccess)) return { id, props };
      return {
        id,
        props: {
          ...props,
          residualAccess,
          ...(groupsChanged ? { currentGroups, checkedAt: now().toISOString() } : {}),
        },
      };
    },

    /** On drift, withdraws again where the refresh found it and keeps the earlier record; otherwise records the notes. */
    async update(_id: string, olds: RevocationOutputs, news: CheckedInputs) {
      const notes = definedOnly({
        ...olds,
        reason: news.reason,
        ticket: news.ticket,
        onMissingUser: news.onMissingUser ?? DEFAULTS.onMissingUser,
      });
      if (!hasDrift(olds)) return { outs: notes };
      const target = requireTarget({ state: olds }, session);
      const { revoked } = await revoke(
        session.clientFor(target),
        async () => olds,
        revokeOptions(notes.onMissingUser),
      );
      const previous = {
        requestId: olds.requestId,
        withdrawnAt: olds.withdrawnAt,
        groupsRemoved: olds.groupsRemoved,
      };
      const outs: RevocationOutputs = {
        ...notes,
        ...revoked,
        currentGroups: [],
        history: [...(olds.history ?? []), previous],
        region: target.region,
        endpoint: endpointUrl(target.endpoint),
      };
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

/** The short name residual access lines use: the account name, else the display name, else the UserId. */
function nameOf(user: {
  readonly userId: string;
  readonly accountName?: string;
  readonly displayName?: string;
}): string {
  return user.accountName || user.displayName || user.userId;
}
