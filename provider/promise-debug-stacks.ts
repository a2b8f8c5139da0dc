/**
 * Why a resource of this package is registered without the SDK's promise stacks.
 *
 * `@pulumi/pulumi`'s `debuggablePromise` (runtime/debuggable.js) stores `new Error().stack` on every
 * promise it makes, for one use only: the leak report printed when `PULUMI_DEBUG_PROMISE_LEAKS` is
 * set. The SDK makes about four such promises per property when it wires a resource's outputs
 * (`transferProperties`), all while the constructor runs; a revocation has 24 properties. Taking a
 * stack walks the frames (about 14 µs here), and formatting it under a program's source-map support
 * (ts-node's, which every TypeScript `pulumi preview` runs under) maps every frame (about 70 µs): most
 * of what a large preview cost beyond the engine's floor (docs/performance.md).
 *
 * While this package's constructor runs, `debuggablePromise` itself runs with `Error.stackTraceLimit`
 * 0, so its stack is neither taken nor formatted (it reads "Error"); everything else it does (the id,
 * the context, the leak tracking) is the SDK's own code, unchanged. No other stack is touched: the
 * SDK's source position of the resource (`Resource.callsites` in 3.2xx, `Resource.sourcePosition` in
 * 3.139, both taken within the constructor) and the stack of an error thrown by a user's
 * transformation are exactly what they were. Nothing changes when `PULUMI_DEBUG_PROMISE_LEAKS` is set
 * (the stacks are then wanted), or with an SDK whose runtime/debuggable module has another shape (the
 * stacks are then taken as before; the tests run the SDK versions of the support matrix).
 *
 * The SDK calls the function through its module object (`debuggable_1.debuggablePromise(…)` in its
 * CommonJS output), so replacing the export for the constructor's duration reaches every call it makes.
 */

type DebuggablePromise = <T>(promise: Promise<T>, context: unknown) => Promise<T>;

interface DebuggableModule {
  debuggablePromise: DebuggablePromise;
}

/** The module of the `@pulumi/pulumi` this package registers its resources with, if it has the known shape. */
function sdkDebuggable(): DebuggableModule | undefined {
  try {
    const module: unknown = require("@pulumi/pulumi/runtime/debuggable");
    const candidate = module as Partial<DebuggableModule> | undefined;
    if (typeof candidate?.debuggablePromise !== "function") return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(candidate, "debuggablePromise");
    return descriptor?.writable ? (candidate as DebuggableModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the SDK's promises without stacks until the returned function is called; call it in a
 * `finally`. Nested calls are fine: each restores what it found.
 *
 * @example
 * const restore = skipPromiseDebugStacks();
 * try { super(type, name, props, opts); } finally { restore(); }
 */
export function skipPromiseDebugStacks(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const debuggable = sdkDebuggable();
  if (!debuggable) return () => undefined;
  const original = debuggable.debuggablePromise;
  const withoutStack: DebuggablePromise = (promise, context) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  debuggable.debuggablePromise = withoutStack;
  return () => {
    // Only undo our own change.
    if (debuggable.debuggablePromise === withoutStack) debuggable.debuggablePromise = original;
  };
}
