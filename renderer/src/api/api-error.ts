/** An API failure as the renderer sees it: the contract's error code plus a message for the user. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Codes the renderer adds for failures that never reached the backbone. */
export const CLIENT_ERROR = {
  NETWORK: 'NETWORK',
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The caller cancelled the call (a newer search replaced it); never shown to the user. */
  ABORTED: 'ABORTED',
} as const;

export function abortedError(): ApiError {
  return new ApiError(CLIENT_ERROR.ABORTED, 'The request was cancelled.');
}

export function isAborted(e: unknown): boolean {
  return e instanceof ApiError && e.code === CLIENT_ERROR.ABORTED;
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}
