export {
  QuickBIUserGroupRevocation,
  type QuickBIUserGroupRevocationArgs,
  type QuickBIGroupRecord,
  type QuickBIWithdrawalRecord,
} from "./resource";
export { QuickBIRequestError } from "./quickbi/errors";
