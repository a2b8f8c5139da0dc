/**
 * How a refresh reads each person: on their own while the run is small, from one read of the whole
 * organisation once it is not.
 *
 * A provider's Read sees one person and cannot know how many follow, so the rule counts the reads of
 * this provider process (one CLI command): the first `after` are read person by person (three calls
 * each, as before); the next one reads the organisation once (see organization-snapshot.ts: about one
 * call per group and per workspace, one per 1,000 users) and every read from then on, that one
 * included, is answered from it. A person the snapshot cannot answer for, or every person if a listing
 * fails, is read on their own, so a refresh never finds less than it would have.
 */
import type { QuickBIClient, QuickBIResponse } from "../quickbi/client";
import { readOrganization, type OrganizationSnapshot, type PersonAnswers } from "./organization-snapshot";

/** The refresh reads of one provider process. */
export class RefreshReads {
  #reads = 0;
  readonly #snapshots = new Map<QuickBIClient, Promise<OrganizationSnapshot | undefined>>();

  /** @param after how many reads go person by person before the organisation is read. */
  constructor(private readonly after: number) {}

  /** The client one person's refresh reads through: `client` itself, or one that answers from the snapshot. */
  async clientFor(client: QuickBIClient): Promise<QuickBIClient> {
    this.#reads += 1;
    if (this.#reads <= this.after) return client;
    let snapshot = this.#snapshots.get(client);
    if (snapshot === undefined) {
      // A listing that fails (a permission the per-person reads do not need, say) leaves every read
      // to go person by person, where a failure is recorded against the person as before.
      snapshot = readOrganization(client).catch(() => undefined);
      this.#snapshots.set(client, snapshot);
    }
    const organization = await snapshot;
    return organization ? answeringFrom(organization, client) : client;
  }
}

/** The actions the snapshot answers, when asked about one UserId and nothing else. */
const ANSWERED = new Set<string>([
  "ListUserGroupsByUserId",
  "QueryUserInfoByUserId",
  "ListWorkspaceUserRolesByUserId",
] satisfies (keyof PersonAnswers)[]);

function answeringFrom(snapshot: OrganizationSnapshot, client: QuickBIClient): QuickBIClient {
  return {
    async call(action, query, user, options) {
      const keys = Object.keys(query);
      const answers =
        ANSWERED.has(action) && keys.length === 1 && keys[0] === "UserId"
          ? snapshot.answersFor(query.UserId!)
          : undefined;
      if (answers === undefined) return client.call(action, query, user, options);
      // No RequestId of its own: a read's RequestId is recorded only when the read fails.
      const response: QuickBIResponse = { requestId: "", result: answers[action as keyof PersonAnswers] };
      return response;
    },
  };
}
