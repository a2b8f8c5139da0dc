import * as pulumi from "@pulumi/pulumi";
import type { QuickBIUserGroupRevocationArgs } from "../resource";
import type { QuickBIOffboardedPerson, QuickBIOffboardingArgs } from "./offboarding";
import { personResourceName, readPeopleFile, validatePeople, type ListedPerson } from "./people";
import type { QuickBIRemovalGuardArgs } from "./removal-guard-resource";

/** What the component's summary reads from each revocation. */
export interface RevocationSummaryOutputs {
  readonly userId: pulumi.Output<string>;
  readonly outcome: pulumi.Output<string>;
  readonly requestId: pulumi.Output<string>;
}

/**
 * The resources a list offboarding is made of. The TypeScript component makes dynamic resources; the
 * native plugin's component makes custom resources of the plugin itself. Both share everything else.
 */
export interface OffboardingParts<G extends pulumi.Resource, R extends RevocationSummaryOutputs> {
  guard(name: string, args: QuickBIRemovalGuardArgs, opts: pulumi.CustomResourceOptions): G;
  revocation(name: string, args: QuickBIUserGroupRevocationArgs, opts: pulumi.CustomResourceOptions): R;
}

/** What {@link offboardEveryone} made. */
export interface Offboarded<G, R> {
  readonly guard: G;
  readonly revocations: Readonly<Record<string, R>>;
  readonly offboarded: pulumi.Output<QuickBIOffboardedPerson[]>;
}

/**
 * The body of an offboarding component: validates the list (all problems at once, with their line),
 * makes the removal guard and one revocation per person, each depending on the guard, as children of
 * `parent`, and the summary of who was offboarded.
 */
export function offboardEveryone<G extends pulumi.Resource, R extends RevocationSummaryOutputs>(
  parent: pulumi.ComponentResource,
  name: string,
  args: QuickBIOffboardingArgs,
  parts: OffboardingParts<G, R>,
): Offboarded<G, R> {
  const people = listPeople(name, args);
  const scopeOf = (person: ListedPerson) => person.scope ?? args.scope;
  // Only the people with a scope of their own or the component's: the stack default is the guard's to read.
  const scopes = people.flatMap((p) =>
    scopeOf(p) === undefined ? [] : [`${p.key}=${scopeOf(p)!.join(",")}`],
  );
  const guard = parts.guard(
    `${name}-removal-guard`,
    {
      people: people.map((p) => p.key),
      maxRemovalsPerUpdate: args.maxRemovalsPerUpdate,
      ...(scopes.length > 0 ? { scopes } : {}),
      ...(people.some((p) => p.restore)
        ? { restores: people.filter((p) => p.restore).map((p) => p.key) }
        : {}),
    },
    { parent },
  );
  const revocations: Record<string, R> = {};
  for (const person of people) {
    const resourceName = personResourceName(name, person);
    const keyName = `${name}-${person.key}`;
    revocations[person.key] = parts.revocation(
      resourceName,
      {
        userId: person.userId,
        account: person.account,
        parentAccountName: person.parentAccountName,
        reason: person.reason,
        ticket: person.ticket,
        onMissingUser: person.onMissingUser ?? args.onMissingUser,
        region: args.region,
        endpoint: args.endpoint,
        strictPreview: args.strictPreview,
        listedAt: person.origin,
        ...(scopeOf(person) === undefined ? {} : { scope: [...scopeOf(person)!] }),
        ...(person.restore === undefined ? {} : { restore: person.restore }),
      },
      {
        parent,
        dependsOn: [guard],
        // A person named after being offboarded keeps their resource: it was named by the key before.
        ...(resourceName !== keyName ? { aliases: [{ name: keyName }] } : {}),
      },
    );
  }
  const offboarded = pulumi.all(
    Object.entries(revocations).map(([key, r]) =>
      pulumi
        .all([r.userId, r.outcome, r.requestId])
        .apply(([userId, outcome, requestId]) => ({ key, userId, outcome, requestId })),
    ),
  );
  return { guard, revocations, offboarded };
}

function listPeople(name: string, args: QuickBIOffboardingArgs): ListedPerson[] {
  const listed = [
    ...(args.people !== undefined ? validatePeople(args.people) : []),
    ...(args.peopleFile !== undefined ? readPeopleFile(args.peopleFile) : []),
  ];
  const seen = new Map<string, string>();
  for (const person of listed) {
    const first = seen.get(person.key);
    if (first !== undefined)
      throw new Error(
        `QuickBIOffboarding "${name}": ${person.origin}: duplicate entry for ${person.key} (first listed at ${first})`,
      );
    seen.set(person.key, person.origin);
  }
  return listed;
}
