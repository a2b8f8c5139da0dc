// Credential values no output, state, log or error may ever contain. They look like credentials so
// that a leak is unmistakable, and unlike a real AccessKey (no LTAI prefix) so that nobody mistakes
// them for one.
export const CANARY = {
  accessKeyId: "CANARYACCESSKEYID7f3a9c",
  accessKeySecret: "canary-secret-5d1e8b2f4a6c",
  securityToken: "canary-sts-token-9b7d3e1f",
} as const;

/** Every canary value found in `text`. */
export function canariesIn(text: string): string[] {
  return Object.values(CANARY).filter((value) => text.includes(value));
}

/** Sets the canaries in the environment variables the credentials chain and @pulumi/alicloud read. */
export function withCanaryEnv<T>(run: () => Promise<T>): Promise<T> {
  const names = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: CANARY.securityToken,
    ALICLOUD_ACCESS_KEY: CANARY.accessKeyId,
    ALICLOUD_SECRET_KEY: CANARY.accessKeySecret,
  };
  const saved = Object.fromEntries(Object.keys(names).map((name) => [name, process.env[name]]));
  Object.assign(process.env, names);
  return run().finally(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/** Stack config carrying the canaries, as `pulumi config set --secret` would store them. */
export const CANARY_STACK_CONFIG = {
  "alicloud:accessKey": CANARY.accessKeyId,
  "alicloud:secretKey": CANARY.accessKeySecret,
  "alicloud:securityToken": CANARY.securityToken,
} as const;
