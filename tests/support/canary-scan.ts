// The suite-wide canary scan (issue 6: canary credentials set in env and config never appear in
// `__provider`, outputs, logs or error messages). Loaded by mocha before any spec (.mocharc.json).
//
// Where the canaries are set:
// - env: offline-env.ts sets the canary secret and token (CANARY_SECRET_ENV) in this process for the
//   whole run, so every provider host, emulator CLI and example the suite starts inherits them. The
//   AccessKey id is not set globally: with it the pair would be a usable credential and would change
//   what the tests that run deliberately without credentials see. The reliability tests and the
//   benchmarks start their hosts with the complete CANARY_ENV (their stack config takes precedence).
// - config: emulators started through configured-provider.ts (`useEmulatorAndProvider`,
//   `startCanaryEmulator`) accept and report the canary pairs, so `emulatorStackConfig` signs every
//   request of those tests with them; tests that start an emulator themselves sign with its test pair.
//
// What is scanned, as it appears (canaries.ts keeps only sightings):
// - every resource a program registers through harness/mocks.ts `captureResources` (inputs with
//   `__provider`, outputs) and every error a program throws;
// - every provider host started through harness/provider-host.ts `startProviderHost` (directly, by
//   or by host sessions): each call's
//   `__provider`, each result, each rejected call's message and its ErrorResourceInitFailed
//   properties, and the host's stdout/stderr when it stops;
// - every in-process provider made by `configuredProvider` (results and errors);
// - the error of every failed test.
// The two harness functions are wrapped by replacing their CommonJS export (callers look it up at each
// call), which records without changing behaviour. After the last test, a root `afterAll` hook fails
// the run listing every place a canary appeared.
import { canaryScanReport, recordForCanaryScan } from "./canaries";
import type * as mocksModule from "../../harness/mocks";
import type * as hostModule from "../../harness/provider-host";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const hosts = require("../../harness/provider-host") as Mutable<typeof hostModule>;
const mocks = require("../../harness/mocks") as Mutable<typeof mocksModule>;

let currentTest = "(outside a test)";
const liveHosts = new Set<hostModule.ProviderHost>();

const startProviderHost = hosts.startProviderHost;
hosts.startProviderHost = async (options) => {
  const host = await startProviderHost(options);
  liveHosts.add(host);
  return recordingHost(host);
};

const captureResources = mocks.captureResources;
mocks.captureResources = async (program, options) => {
  const where = currentTest;
  try {
    const resources = await captureResources(program, options);
    for (const r of resources) {
      recordForCanaryScan("__provider", `${where} (${r.urn})`, r.inputs.__provider ?? "");
      recordForCanaryScan("inputs", `${where} (${r.urn})`, r.inputs);
      recordForCanaryScan("outputs", `${where} (${r.urn})`, r.outputs);
    }
    return resources;
  } catch (error) {
    recordForCanaryScan("error", `${where} (program)`, error);
    throw error;
  }
};

function recordingHost(host: hostModule.ProviderHost): hostModule.ProviderHost {
  const where = (call: string) => `${currentTest} (host ${host.pid} ${call})`;
  const sent = (call: string, props: hostModule.PropertyMap | undefined) => {
    if (props?.__provider !== undefined) recordForCanaryScan("__provider", where(call), props.__provider);
  };
  const recorded = async <T>(call: string, result: Promise<T>): Promise<T> => {
    try {
      const value = await result;
      if (value !== undefined) recordForCanaryScan("outputs", where(call), value);
      return value;
    } catch (error) {
      recordForCanaryScan("error", where(call), error);
      throw error;
    }
  };
  const recordOutput = () => {
    liveHosts.delete(host);
    recordForCanaryScan("host output", where("stdout/stderr"), host.output());
  };
  return {
    ...host,
    output: () => host.output(),
    configure: (config) => recorded("configure", host.configure(config)),
    check: (urn, olds, news) => (sent("check", news), recorded("check", host.check(urn, olds, news))),
    diff: (id, urn, olds, news, oldInputs) => (
      sent("diff", news),
      recorded("diff", host.diff(id, urn, olds, news, oldInputs))
    ),
    create: (urn, props) => (sent("create", props), recorded("create", host.create(urn, props))),
    read: (id, urn, props, inputs) => (
      sent("read", props),
      recorded("read", host.read(id, urn, props, inputs))
    ),
    update: (id, urn, olds, news, oldInputs) => (
      sent("update", news),
      recorded("update", host.update(id, urn, olds, news, oldInputs))
    ),
    delete: (id, urn, props, oldInputs) => (
      sent("delete", props),
      recorded("delete", host.delete(id, urn, props, oldInputs))
    ),
    getPluginInfo: () => recorded("getPluginInfo", host.getPluginInfo()),
    stop: async () => {
      await host.stop();
      recordOutput();
    },
  };
}

/** Mocha root hooks: label what is recorded with the running test, then scan at the very end. */
export const mochaHooks = {
  beforeEach(this: Mocha.Context) {
    currentTest = this.currentTest?.fullTitle() ?? currentTest;
  },
  afterEach(this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state === "failed" && test.err)
      recordForCanaryScan("error", `${test.fullTitle()} (failed test)`, test.err);
    currentTest = "(between tests)";
  },
  afterAll() {
    for (const host of liveHosts)
      recordForCanaryScan("host output", `host ${host.pid} (never stopped)`, host.output());
    const { scanned, sightings } = canaryScanReport();
    const counts = [...scanned].map(([kind, n]) => `${n} ${kind}`).join(", ");
    if (sightings.length > 0) {
      throw new Error(
        `canary credentials appeared in ${sightings.length} place(s) (scanned ${counts}):\n` +
          sightings.map((s) => `  ${s.where}: ${s.canaries.join(", ")}`).join("\n"),
      );
    }
    process.stdout.write(`\ncanary scan: no canary credential in ${counts}\n`);
  },
};
