/** The resources and component the `quickbi` plugin serves, by schema token, with their declarations. */
export const SERVED = [
  {
    token: "quickbi:index:UserGroupRevocation",
    args: "QuickBIUserGroupRevocationArgs",
    resource: "QuickBIUserGroupRevocation",
  },
  { token: "quickbi:index:RemovalGuard", args: "QuickBIRemovalGuardArgs", resource: "QuickBIRemovalGuard" },
  { token: "quickbi:index:Offboarding", args: "QuickBIOffboardingArgs", resource: "QuickBIOffboarding" },
] as const;

/** The declaration of the `quickbi:*` stack config (provider/config/quickbi-config.ts). */
export const STACK_CONFIG = "QuickBIStackConfig";
