// Captures exactly what @alicloud/openapi-client puts on the wire, so a test can replay it with one
// detail changed and show that the emulator notices.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  startEmulator,
  TEST_ACCESS_KEY,
  type EmulatorOptions,
  type QuickBIEmulator,
} from "../../../emulator";
import { call, clientFor } from "./client";
import type { RawRequest } from "./raw-http";

/** A request the real client signed, and an emulator listening where it was addressed. */
export interface CapturedRequest {
  emulator: QuickBIEmulator;
  request: RawRequest;
}

/**
 * Lets the real client sign a call to a recording server on port P, then starts the emulator on the
 * same port P: the signed `host` header is then the emulator's, so the captured request verifies as is.
 */
export async function captureSignedRequest(
  action: string,
  query: Record<string, string>,
  options: EmulatorOptions = {},
): Promise<CapturedRequest> {
  let captured: RawRequest | undefined;
  const recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      captured = {
        method: req.method ?? "POST",
        url: req.url ?? "/",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ RequestId: "CAPTURED", Success: true, Result: true }));
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const port = (recorder.address() as AddressInfo).port;
  await call(clientFor({ endpoint: `127.0.0.1:${port}`, ...TEST_ACCESS_KEY }), action, query);
  recorder.closeAllConnections();
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
  if (!captured) throw new Error("the client sent nothing to the recording server");
  const emulator = await startEmulator({ ...options, port });
  return { emulator, request: captured };
}
