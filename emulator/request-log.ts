/** One request as the emulator saw and answered it. Never holds a secret or a security token. */
export interface RequestLogEntry {
  /** `x-acs-action`, or "" when the request had none. */
  action: string;
  /** Query parameters, plus form-body parameters the query does not have. */
  params: Record<string, string>;
  signatureVerified: boolean;
  /** HTTP status answered; 0 when the `reset` or `hang` fault sent none. */
  status: number;
  /** The error `Code` answered, if any (a fault's or a real one's). */
  code?: string;
  requestId: string;
  /** When the request was received, from the `clock` option (ms since the epoch). */
  time: number;
  /** The injected fault's name, if one fired. */
  fault?: string;
  /** The AccessKeyId the request claimed, once the Authorization header could be parsed. */
  accessKeyId?: string;
}

/** Every request in arrival order; an array push per request, nothing written anywhere. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** A copy the caller may keep while the emulator goes on logging. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.entries = [];
  }
}
