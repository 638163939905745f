/**
 * An API failure as the renderer sees it: the contract's error code plus its message in both UI
 * languages. Show it with `errorText`, which picks the UI language's sentence.
 */
import { lang } from '../i18n/lang';

export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  constructor(code: string, message: string, messageZh: string = message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.messageZh = messageZh;
  }
}

/** Codes the renderer adds for failures that never reached the backbone. */
const CLIENT_ERROR = {
  NETWORK: 'NETWORK',
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The caller cancelled the call (a newer search replaced it); never shown to the user. */
  ABORTED: 'ABORTED',
} as const;

/** Their messages, in the same two languages as the contract's error table. */
const CLIENT_MESSAGES = {
  NETWORK: (detail: string) => ({
    en: `Cannot reach the Lexbone service (${detail}). Check that it is still running.`,
    zh: `无法连接 Lexbone 服务（${detail}）。请确认服务仍在运行。`,
  }),
  BAD_RESPONSE: (status: number) => ({
    en: `The Lexbone service sent an answer this page cannot read (HTTP ${status}).`,
    zh: `Lexbone 服务返回了无法识别的响应（HTTP ${status}）。`,
  }),
  ABORTED: () => ({ en: 'The request was cancelled.', zh: '请求已取消。' }),
} satisfies Record<keyof typeof CLIENT_ERROR, (...a: never[]) => { en: string; zh: string }>;

export function clientError<C extends keyof typeof CLIENT_ERROR>(code: C, ...args: Parameters<(typeof CLIENT_MESSAGES)[C]>): ApiError {
  const m = (CLIENT_MESSAGES[code] as (...a: unknown[]) => { en: string; zh: string })(...args);
  return new ApiError(CLIENT_ERROR[code], m.en, m.zh);
}

/** The message of an error (an ApiError, or an error shape inside a status) in the UI language. */
export function errorText(e: { message: string; messageZh?: string }): string {
  return lang() === 'zh' ? (e.messageZh ?? e.message) : e.message;
}

export function abortedError(): ApiError {
  return clientError('ABORTED');
}

export function isAborted(e: unknown): boolean {
  return e instanceof ApiError && e.code === CLIENT_ERROR.ABORTED;
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}
