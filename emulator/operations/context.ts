import { ApiError } from "../errors";
import type { User, UserGroup } from "../model";
import type { Store } from "../store";

/** What an operation gets: the state, the request parameters, and whether to leave the state alone. */
export interface OperationContext {
  readonly store: Store;
  readonly params: Readonly<Record<string, string>>;
  /** Answer as if the change was made but make none (the `keepMembership` fault). */
  readonly dryRun: boolean;
}

/** An operation returns the response's `Result`, or throws an {@link ApiError}. */
export type Operation = (context: OperationContext) => unknown;

/** The parameter's value; `Invalid.Parameter` when it is missing or empty. */
export function requireParam(params: OperationContext["params"], name: string): string {
  const value = params[name];
  if (value === undefined || value.trim() === "") {
    throw new ApiError(
      "Invalid.Parameter",
      `An error occurred while verifying parameters: ${name} is mandatory.`,
    );
  }
  return value.trim();
}

/** The user named by the `UserId` parameter; `User.Not.In.Organization` when there is none. */
export function requireUser(context: OperationContext): User {
  const userId = requireParam(context.params, "UserId");
  const user = context.store.user(userId);
  if (!user) {
    throw new ApiError(
      "User.Not.In.Organization",
      `The specified user is not in the organizational unit: UserId ${userId}.`,
    );
  }
  return user;
}

/**
 * The groups named by a comma-separated parameter; `Invalid.Parameter` (chosen: the API page lists no
 * group-not-found code) if any is unknown, before anything changes.
 */
export function requireGroups(context: OperationContext, name: string): UserGroup[] {
  const ids = requireParam(context.params, name)
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return ids.map((id) => requireGroup(context, id));
}

/** The group with this id; `Invalid.Parameter` when there is none. */
export function requireGroup(context: OperationContext, usergroupId: string): UserGroup {
  const group = context.store.group(usergroupId);
  if (!group) {
    throw new ApiError(
      "Invalid.Parameter",
      `An error occurred while verifying parameters: no user group ${usergroupId}.`,
    );
  }
  return group;
}
