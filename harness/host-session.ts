// One provider host in one temporary project, configured like the engine does before the first
// resource call: the usual setup of a provider-side test in a few lines.
import { makeHostProject, type HostProject } from "./host-project";
import { startProviderHost, type PropertyMap, type ProviderHost } from "./provider-host";

/** Options of {@link startHostSession}. */
export interface HostSessionOptions {
  /** The serialized provider (`inputs.__provider` from captureResources) every resource call carries. */
  readonly provider: string;
  /**
   * The stack config sent with Configure, with namespaced keys (`alicloud:region`).
   * @default {}
   */
  readonly config?: Record<string, unknown>;
  /** Extra environment of the host process; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  /** @default - this repository's root */
  readonly packageDir?: string;
  /** @default false */
  readonly verbose?: boolean;
}

/** A configured host and the project it runs in. */
export interface HostSession {
  readonly host: ProviderHost;
  readonly project: HostProject;
  /** `{ ...inputs, __provider }`: the property map the engine sends for this provider's resources. */
  props(inputs?: PropertyMap): PropertyMap;
  /** Stops the host, then removes the project. */
  stop(): Promise<void>;
}

/**
 * @example
 * const session = await startHostSession({ provider, config: { "alicloud:region": "cn-hangzhou" } });
 * const created = await session.host.create(urn, session.props({ userId: "u-1" }));
 * await session.stop();
 */
export async function startHostSession(options: HostSessionOptions): Promise<HostSession> {
  const project = await makeHostProject({ packageDir: options.packageDir });
  let host: ProviderHost;
  try {
    host = await startProviderHost({
      cwd: project.dir,
      pulumiDir: project.pulumiDir,
      project: project.name,
      env: options.env,
      verbose: options.verbose,
    });
  } catch (error) {
    await project.cleanup();
    throw error;
  }
  const session: HostSession = {
    host,
    project,
    props: (inputs = {}) => ({ ...inputs, __provider: options.provider }),
    async stop() {
      await host.stop();
      await project.cleanup();
    },
  };
  try {
    await host.configure(options.config ?? {});
  } catch (error) {
    await session.stop();
    throw error;
  }
  return session;
}
