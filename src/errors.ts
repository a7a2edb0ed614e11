// The one table of error codes (DESIGN.md principle 8): library code throws these, the CLI turns them
// into one line on stderr and an exit code, the server into JSON with an HTTP status.

export const ERROR_CODES = {
  usage: { http: 400, exit: 2 },
  bad_input: { http: 400, exit: 1 },
  not_found: { http: 404, exit: 1 },
  conflict: { http: 409, exit: 1 },
  unauthorized: { http: 401, exit: 1 },
  forbidden: { http: 403, exit: 1 },
  unavailable: { http: 503, exit: 1 },
  internal: { http: 500, exit: 1 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CallkpiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'CallkpiError';
  }
}

export const usageError = (message: string): CallkpiError => new CallkpiError('usage', message);
export const badInput = (message: string, detail?: unknown): CallkpiError =>
  new CallkpiError('bad_input', message, detail);
export const notFound = (message: string): CallkpiError => new CallkpiError('not_found', message);

/** Any thrown value as a CallkpiError; unknown errors become `internal` with their message kept. */
export function asCallkpiError(err: unknown): CallkpiError {
  if (err instanceof CallkpiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CallkpiError('internal', message.split('\n')[0] ?? message, err);
}
