import type { Authenticator, ReceivedRequest } from "./authenticate";
import { ApiError, type ErrorCode } from "./errors";
import type { FaultDecision, FaultInjector, FaultKind } from "./faults";
import type { Operation } from "./operations/context";
import type { RequestLogEntry } from "./request-log";
import type { Store } from "./store";

/** What to send back. `reset` and `hang` send nothing. */
export type Reply =
  | { readonly kind: "json"; readonly status: number; readonly body: unknown }
  | { readonly kind: "html"; readonly status: number; readonly body: string }
  | { readonly kind: "reset" }
  | { readonly kind: "hang" };

/** A reply, how long to hold it, and the log entry describing it. */
export interface Handled {
  readonly reply: Reply;
  readonly delayMs: number;
  readonly entry: RequestLogEntry;
}

/** A request after the server decoded it: what was signed, plus the merged parameters. */
export interface IncomingCall extends ReceivedRequest {
  readonly params: Record<string, string>;
}

/** What the handler works with; `faults` is a getter because `setFaults` swaps the injector. */
export interface HandlerDependencies {
  readonly authenticator: Authenticator;
  readonly store: Store;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly faults: () => FaultInjector;
  readonly nextRequestId: () => string;
  readonly clock: () => number;
}

// An API gateway in front of Quick BI is Tengine; these are the pages a client's JSON parser chokes on.
const HTML_PAGES = {
  html502: { status: 502, title: "502 Bad Gateway" },
  html503: { status: 503, title: "503 Service Temporarily Unavailable" },
} as const;

/** The error code each error-answering fault sends. */
const FAULT_ERRORS = {
  throttle: "Throttling.User",
  unavailable: "ServiceUnavailable",
  internal: "Internal.System.Error",
  forbidden: "Access.Forbidden",
} as const satisfies Partial<Record<FaultKind, ErrorCode>>;

/**
 * Turns a decoded request into a reply: authenticate (always first, so even a throttled request had to
 * be signed), then the fault plan, then the operation.
 */
export class RequestHandler {
  constructor(private readonly deps: HandlerDependencies) {}

  handle(call: IncomingCall): Handled {
    const { requestId, entry, host } = this.begin(call.headers, call.params);
    if (call.path !== "/") {
      return this.answer(
        entry,
        errorReply(new ApiError("InvalidApi.NotFound", `No API at path ${call.path}.`), requestId, host),
      );
    }
    const auth = this.deps.authenticator.authenticate(call);
    if (!auth.ok) {
      entry.signatureVerified = auth.signatureVerified;
      if (auth.accessKeyId !== undefined) entry.accessKeyId = auth.accessKeyId;
      return this.answer(entry, errorReply(auth.error, requestId, host));
    }
    entry.signatureVerified = true;
    entry.accessKeyId = auth.accessKeyId;

    const decision = this.deps.faults().decide(auth.action, call.params.UserId, entry.time);
    if (decision) entry.fault = decision.fault;
    const faultReply = decision && this.faultReply(decision.fault, requestId, host);
    if (faultReply) return this.answer(entry, faultReply);

    const operation = this.deps.operations.get(auth.action)!; // authenticate() checked it exists
    const reply = this.runOperation(operation, call.params, decision, requestId, host);
    return this.answer(entry, reply, decision?.fault === "latency" ? decision.latencyMs : 0);
  }

  /** Answers a request the server could not decode (bad percent-encoding, oversized body). */
  reject(headers: IncomingCall["headers"], error: ApiError): Handled {
    const { requestId, entry, host } = this.begin(headers, {});
    return this.answer(entry, errorReply(error, requestId, host));
  }

  private begin(headers: IncomingCall["headers"], params: Record<string, string>) {
    const requestId = this.deps.nextRequestId();
    const entry: RequestLogEntry = {
      action: headers["x-acs-action"] ?? "",
      params,
      signatureVerified: false,
      status: 0,
      requestId,
      time: this.deps.clock(),
    };
    return { requestId, entry, host: headers.host ?? "" };
  }

  private faultReply(fault: FaultKind, requestId: string, host: string): Reply | undefined {
    switch (fault) {
      case "throttle":
      case "unavailable":
      case "internal":
      case "forbidden":
        return errorReply(new ApiError(FAULT_ERRORS[fault]), requestId, host);
      case "html502":
      case "html503":
        return htmlReply(HTML_PAGES[fault]);
      case "reset":
        return { kind: "reset" };
      case "hang":
        return { kind: "hang" };
      case "resultFalse":
        return { kind: "json", status: 200, body: { RequestId: requestId, Success: true, Result: false } };
      case "latency":
      case "keepMembership":
        return undefined; // these answer through the operation
    }
  }

  private runOperation(
    operation: Operation,
    params: Record<string, string>,
    decision: FaultDecision | undefined,
    requestId: string,
    host: string,
  ): Reply {
    try {
      const dryRun = decision?.fault === "keepMembership";
      const result = operation({ store: this.deps.store, params, dryRun });
      return { kind: "json", status: 200, body: { RequestId: requestId, Success: true, Result: result } };
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error, requestId, host);
      // A bug in the emulator: answer like the service's own internal error rather than drop the socket.
      return errorReply(new ApiError("Internal.System.Error", (error as Error).message), requestId, host);
    }
  }

  private answer(entry: RequestLogEntry, reply: Reply, delayMs = 0): Handled {
    if (reply.kind === "json" || reply.kind === "html") entry.status = reply.status;
    if (reply.kind === "json" && reply.status >= 400) entry.code = (reply.body as { Code: string }).Code;
    return { reply, delayMs, entry };
  }
}

/** The error body every Alibaba Cloud gateway answers with. */
export function errorReply(error: ApiError, requestId: string, host: string): Reply {
  return {
    kind: "json",
    status: error.status,
    body: {
      Code: error.code,
      Message: error.message,
      RequestId: requestId,
      HostId: host,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}&product=quickbi-public&requestId=${requestId}`,
    },
  };
}

function htmlReply(page: { status: number; title: string }): Reply {
  return {
    kind: "html",
    status: page.status,
    body: `<html>\r\n<head><title>${page.title}</title></head>\r\n<body>\r\n<center><h1>${page.title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`,
  };
}
