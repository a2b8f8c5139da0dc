/**
 * Why a resource of this package is registered with cheap promise stacks.
 *
 * `@pulumi/pulumi`'s `debuggablePromise` (runtime/debuggable.js) stores `new Error().stack` on every
 * promise it makes, for one use only: the leak report printed when `PULUMI_DEBUG_PROMISE_LEAKS` is
 * set. The SDK makes about four such promises per property when it wires a resource's outputs
 * (`transferProperties`), all while the constructor runs; a revocation has 22 properties. Reading
 * `.stack` formats it, and under a program's source-map support (ts-node's, which every TypeScript
 * `pulumi preview` runs under) formatting maps every frame: about 70 µs a promise, most of a large
 * preview's extra CPU.
 *
 * While this package's constructor runs, a stack whose top frame is `debuggablePromise` is formatted
 * as one fixed line; V8 still captures it, which is cheap. Every other stack is formatted by the
 * formatter that was installed, so the SDK's source position of the resource (`Resource.callsites`
 * in 3.2xx, `Resource.sourcePosition` in 3.139, both formatting within the constructor) and the
 * stack of an error thrown by a user's transformation are exactly what they were. Nothing changes
 * when `PULUMI_DEBUG_PROMISE_LEAKS` is set (the stacks are then wanted) or when no formatter is
 * installed (V8's own formatting is then the cheap path anyway).
 */

/** What `_debugStackTrace` holds for a promise made while stacks are skipped. */
export const SKIPPED_PROMISE_STACK =
  "Error: stack not captured; set PULUMI_DEBUG_PROMISE_LEAKS=1 to capture it";

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** The SDK's one function that takes a stack for every promise. */
function isPromiseDebugStack(frames: readonly NodeJS.CallSite[]): boolean {
  const top = frames[0];
  return (
    top?.getFunctionName() === "debuggablePromise" &&
    /[\\/]runtime[\\/]debuggable\.js$/.test(top.getFileName() ?? "")
  );
}

/**
 * Makes the SDK's promise stacks cheap until the returned function is called; call it in a
 * `finally`. Nested calls are fine: each restores what it found.
 *
 * @example
 * const restore = skipPromiseDebugStacks();
 * try { super(provider, name, props, opts); } finally { restore(); }
 */
export function skipPromiseDebugStacks(): () => void {
  const format = Error.prepareStackTrace as PrepareStackTrace | undefined;
  if (typeof format !== "function" || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const skipping: PrepareStackTrace = (error, frames) =>
    isPromiseDebugStack(frames) ? SKIPPED_PROMISE_STACK : format(error, frames);
  Error.prepareStackTrace = skipping;
  return () => {
    // Only undo our own change: a formatter installed meanwhile (by a transformation) stays.
    if (Error.prepareStackTrace === skipping) Error.prepareStackTrace = format;
  };
}
