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

/** Called with each entry as it is logged (the standalone emulator prints it). */
export type RequestListener = (entry: Readonly<RequestLogEntry>) => void;

/**
 * Every request in arrival order; an array push per request, and a call of the listener if one was
 * given (the embedded emulator of the tests has none, so it writes nothing anywhere).
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly listener?: RequestListener) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    this.listener?.(entry);
  }

  /** A copy the caller may keep while the emulator goes on logging. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.entries = [];
  }
}

/** The parameters that say whom a call was about, in the order a reader looks for them. */
const SUBJECT_PARAMS = ["UserId", "Account", "UserGroupId", "WorkspaceId"] as const;

/**
 * One line per call, as the standalone emulator prints it:
 * `12:00:01.234 ListUserGroupsByUserId UserId=46e5… → 200 RequestId=…`, with the error code and the
 * injected fault when there is one. Parameters other than the subject ones are left out (page sizes
 * and the like), and the log holds no secret to leave out (see {@link RequestLogEntry}).
 */
export function formatRequestLogEntry(entry: Readonly<RequestLogEntry>): string {
  const time = new Date(entry.time).toISOString().slice(11, 23);
  const subject = SUBJECT_PARAMS.filter((name) => entry.params[name] !== undefined).map(
    (name) => `${name}=${entry.params[name]}`,
  );
  const answer = entry.status === 0 ? "no answer" : String(entry.status);
  return [
    time,
    entry.action || "(no action)",
    ...subject,
    "→",
    answer,
    ...(entry.code === undefined ? [] : [entry.code]),
    ...(entry.fault === undefined ? [] : [`(fault: ${entry.fault})`]),
    ...(entry.requestId ? [`RequestId=${entry.requestId}`] : []),
  ].join(" ");
}
