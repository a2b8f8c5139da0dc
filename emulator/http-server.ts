import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ApiError } from "./errors";
import type { Handled, IncomingCall, RequestHandler, Reply } from "./handler";
import type { RequestLog } from "./request-log";
import { sha256Hex } from "./signature";

const EMPTY_BODY_SHA256 = sha256Hex("");

/** The HTTP side: decode, hand to the handler, log, answer. Owns every socket and timer, so stop() can end them. */
export class HttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly handler: RequestHandler,
    private readonly log: RequestLog,
    private readonly maxBodyBytes: number,
  ) {
    this.server = createServer((req, res) => this.receive(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Listens and resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        const address = this.server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  }

  /** Stops listening and destroys every open socket, hung ones included, so the process can exit. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    return this.closing;
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= this.maxBodyBytes) chunks.push(chunk);
    });
    req.on("end", () => {
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
      this.respond(req, res, body, size > this.maxBodyBytes);
    });
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | undefined,
    tooLarge: boolean,
  ): void {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    let handled: Handled;
    try {
      if (tooLarge)
        throw new ApiError("Invalid.Parameter", `The body is larger than ${this.maxBodyBytes} bytes.`);
      handled = this.handler.handle(decodeCall(req, url, q, body));
    } catch (error) {
      // An emulator bug must answer like the service's internal error, not crash the process.
      const apiError =
        error instanceof ApiError ? error : new ApiError("Internal.System.Error", String(error));
      handled = this.handler.reject(req.headers as IncomingCall["headers"], apiError);
    }
    const { reply, delayMs, entry } = handled;
    this.log.add(entry);
    if (delayMs <= 0) return this.send(res, reply);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(res, reply);
    }, delayMs);
    this.timers.add(timer);
  }

  private send(res: ServerResponse, reply: Reply): void {
    switch (reply.kind) {
      case "reset":
        res.socket?.destroy();
        return;
      case "hang":
        return; // the socket stays open until the client gives up or close() destroys it
      case "json": {
        const body = JSON.stringify(reply.body);
        const requestId = (reply.body as { RequestId: string }).RequestId;
        res.writeHead(reply.status, {
          "content-type": "application/json;charset=utf-8",
          "content-length": Buffer.byteLength(body),
          "x-acs-request-id": requestId,
        });
        res.end(body);
        return;
      }
      case "html":
        res.writeHead(reply.status, {
          "content-type": "text/html",
          "content-length": Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
    }
  }
}

function decodeCall(req: IncomingMessage, url: string, q: number, body: Buffer | undefined): IncomingCall {
  const query = q < 0 ? [] : decodePairs(url.slice(q + 1), false);
  const headers = req.headers as Record<string, string | undefined>;
  const params: Record<string, string> = {};
  for (const [name, value] of query) params[name] = value;
  if (body && (headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of decodePairs(body.toString("utf8"), true))
      if (!(name in params)) params[name] = value;
  }
  return {
    method: req.method ?? "GET",
    path: decodeURIComponentOrThrow(q < 0 ? url : url.slice(0, q)),
    query,
    headers,
    bodySha256: body ? sha256Hex(body) : EMPTY_BODY_SHA256,
    params,
  };
}

/**
 * Splits `a=1&b=2`. In a query `+` is kept literally (RFC 3986; the SDK encodes a space as %20); in a
 * form body `+` is a space, as HTML forms define.
 */
function decodePairs(text: string, plusIsSpace: boolean): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (text === "") return pairs;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    const fix = (s: string) => (plusIsSpace ? s.replace(/\+/g, " ") : s);
    pairs.push([decodeURIComponentOrThrow(fix(rawName)), decodeURIComponentOrThrow(fix(rawValue))]);
  }
  return pairs;
}

function decodeURIComponentOrThrow(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ApiError("Invalid.Parameter", `Malformed percent-encoding in ${JSON.stringify(text)}.`);
  }
}
