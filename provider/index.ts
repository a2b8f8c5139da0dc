export {
  QuickBIUserGroupRevocation,
  type QuickBIUserGroupRevocationArgs,
  type QuickBIGroupRecord,
  type QuickBIWithdrawalRecord,
  type QuickBIResidualAccess,
  type QuickBIWorkspaceAccess,
  type QuickBIScopeStep,
  type QuickBIStepsRecord,
  type QuickBIRestore,
  type QuickBIRestoreRecord,
} from "./resource";
export {
  QuickBIOffboarding,
  type QuickBIOffboardingArgs,
  type QuickBIOffboardedPerson,
} from "./offboarding/offboarding";
export type { QuickBIPerson } from "./offboarding/people";
export { QuickBIRemovalGuard, type QuickBIRemovalGuardArgs } from "./offboarding/removal-guard-resource";
