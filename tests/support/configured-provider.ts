// A revocation provider configured against an emulator the way the host would configure it: stack
// config through configure(), with short retry waits so retried faults finish quickly.
import {
  createRevocationProvider,
  type RevocationProvider,
  type RevocationProviderOptions,
} from "../../provider/revocation/provider";
import { startEmulator, type EmulatorOptions, type QuickBIEmulator } from "../../emulator";
import { CANARY_ACCESS_KEYS, recordForCanaryScan } from "./canaries";

export const ALICE = "46e5374665ba4b679ee22e2a2927abcd";
export const BOB = "7c1f0e9a3b2d4c5e8f6a7b8c9d0e1f02";
export const UNKNOWN_USER = "ffffffffffffffffffffffffffffffff";

/**
 * An emulator that accepts (and reports as its keys) the canary AccessKey pairs instead of its test
 * pairs, so that a stack config built with {@link emulatorStackConfig} signs with the canaries.
 */
export function startCanaryEmulator(options: EmulatorOptions = {}): Promise<QuickBIEmulator> {
  return startEmulator({ accessKeys: CANARY_ACCESS_KEYS, ...options });
}

/** Stack config that points at the emulator and signs with its key pair (the canaries, for startCanaryEmulator). */
export function emulatorStackConfig(emulator: QuickBIEmulator): Record<string, string> {
  return {
    "quickbi:endpoint": emulator.url,
    "alicloud:accessKey": emulator.accessKeyId,
    "alicloud:secretKey": emulator.accessKeySecret,
    "quickbi:retryBaseDelay": "1",
    "quickbi:retryMaxDelay": "5",
  };
}

export async function configuredProvider(
  stackConfig: Record<string, string>,
  options: RevocationProviderOptions = {},
): Promise<RevocationProvider> {
  const provider = recordingProvider(createRevocationProvider({ env: {}, ...options }));
  await provider.configure({ config: { get: (key: string) => stackConfig[key] } });
  return provider;
}

/** Passes every result and error of the provider's methods to the suite-wide canary scan. */
function recordingProvider(provider: RevocationProvider): RevocationProvider {
  const recorded = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(provider)) {
    recorded[name] = async (...args: unknown[]) => {
      try {
        const result = await (method as (...a: unknown[]) => Promise<unknown>).apply(provider, args);
        if (result !== undefined) recordForCanaryScan("outputs", `in-process provider ${name}`, result);
        return result;
      } catch (error) {
        recordForCanaryScan("error", `in-process provider ${name}`, error);
        throw error;
      }
    };
  }
  return recorded as unknown as RevocationProvider;
}

/** Requests the emulator received for one action. */
export function requestsFor(emulator: QuickBIEmulator, action: string) {
  return emulator.requests().filter((r) => r.action === action);
}

/** The emulator and a provider configured against it, fresh for every test of the calling suite. */
export interface ProviderFixture {
  emulator: QuickBIEmulator;
  provider: RevocationProvider;
}

export function useEmulatorAndProvider(): ProviderFixture {
  const fixture = {} as ProviderFixture;
  beforeEach(async () => {
    fixture.emulator = await startCanaryEmulator({ randomSeed: 1 });
    fixture.provider = await configuredProvider(emulatorStackConfig(fixture.emulator));
  });
  afterEach(() => fixture.emulator.stop());
  return fixture;
}

/** Check then create, as `pulumi up` does for a new resource. */
export async function checkAndCreate(provider: RevocationProvider, inputs: Record<string, unknown>) {
  const checked = await provider.check!({}, inputs);
  if (checked.failures && checked.failures.length > 0)
    throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  return provider.create(checked.inputs);
}

export const FINANCE = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80002";
export const SALES = "5f1c2a8e-0b3d-4e6f-9a71-c2d4e6f80003";
/** Workspaces of the built-in seed: alice is an analyst in Sales BI and a viewer in Finance. */
export const SALES_BI = "9337d121-a78f-4c1b-a8bc-f81de1170001";
export const FINANCE_WORKSPACE = "9337d121-a78f-4c1b-a8bc-f81de1170002";
