export { QuickBIUserGroupRevocation, type QuickBIUserGroupRevocationArgs } from "./resource";
export { QuickBIRequestError } from "./quickbi/errors";
