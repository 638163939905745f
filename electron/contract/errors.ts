/**
 * Typed error codes shared by every transport. A user sees a sentence that says what to do, in the
 * UI's language; a developer sees `code`. One table (`ERRORS`, one row per code with its HTTP
 * status, retry delay and zh / en templates) and one constructor, `createError`.
 * The CLI and the HTTP API show English (`message`); the wire shape also carries `messageZh`, and
 * the renderer shows the one in the UI language.
 */
import type { ErrorRow } from './error-row';
import { LIBRARY_ERRORS } from './error-rows-library';
import { MODEL_ERRORS } from './error-rows-models';
import { SERVICE_ERRORS } from './error-rows-service';

export const ERRORS = { ...SERVICE_ERRORS, ...LIBRARY_ERRORS, ...MODEL_ERRORS } as const;

export type ErrorCode = keyof typeof ERRORS;

type ArgsOf<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['en']>;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export interface ApiErrorShape {
  code: ErrorCode;
  /** English: what the CLI, the logs and HTTP clients show. */
  message: string;
  /** The same message in Chinese, for the UI. */
  messageZh?: string;
  /** Set when the same request may simply be sent again after a moment (the service says when: Retry-After). */
  retryable?: true;
}

/** Seconds to wait before sending the same request again, or null where waiting does not help. */
export function retryAfterOf(code: ErrorCode): number | null {
  return (ERRORS[code] as ErrorRow<never[]>).retryAfterS ?? null;
}

export const isRetryable = (code: ErrorCode): boolean => retryAfterOf(code) !== null;

/** The HTTP status a code is answered with. */
export function httpStatusOf(code: ErrorCode): number {
  return ERRORS[code]?.status ?? 500;
}

export class LexboneError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  constructor(code: ErrorCode, message: string, messageZh: string = message) {
    super(message);
    this.name = 'LexboneError';
    this.code = code;
    this.messageZh = messageZh;
  }

  /** An error that crossed a process boundary as its wire shape. */
  static fromShape(e: ApiErrorShape): LexboneError {
    return new LexboneError(e.code, e.message, e.messageZh);
  }
}

export function createError<C extends ErrorCode>(code: C, ...args: ArgsOf<C>): LexboneError {
  const r = ERRORS[code] as unknown as ErrorRow<ArgsOf<C>>;
  return new LexboneError(code, r.en(...args), r.zh(...args));
}

export function isLexboneError(e: unknown): e is LexboneError {
  return e instanceof LexboneError;
}

/** The Chinese message of anything thrown (a LexboneError's own; any other error's message as it is). */
export function messageZhOf(e: unknown): string {
  return isLexboneError(e) ? e.messageZh : e instanceof Error ? e.message : String(e);
}

/** Converts anything thrown into the wire shape; unknown errors become INTERNAL. */
export function toApiError(e: unknown): ApiErrorShape {
  const err = isLexboneError(e) ? e : createError('INTERNAL', e instanceof Error ? e.message : String(e));
  const shape: ApiErrorShape = { code: err.code, message: err.message, messageZh: err.messageZh };
  return isRetryable(err.code) ? { ...shape, retryable: true } : shape;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
