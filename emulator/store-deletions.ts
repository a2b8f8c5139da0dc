import { Store } from "./store";

/**
 * The store with what an administrator deletes in the console, out of band: a user group or a
 * workspace, with every membership of it. What a restore meets as "deleted since".
 */
export class StoreWithDeletions extends Store {
  deleteGroup(usergroupId: string): void {
    if (!this.groups.delete(usergroupId)) throw new Error(`deleteGroup: no group ${usergroupId}`);
    for (const ids of this.memberships.values()) ids.delete(usergroupId);
  }

  deleteWorkspace(workspaceId: string): void {
    if (!this.workspaces.delete(workspaceId)) throw new Error(`deleteWorkspace: no workspace ${workspaceId}`);
    for (const roles of this.workspaceRoles.values()) roles.delete(workspaceId);
  }
}
