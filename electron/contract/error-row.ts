/**
 * One row of the error table: the HTTP status a code is answered with, how long a client should
 * wait before sending a retryable request again, and the message in each UI language. Both
 * templates take the same arguments, so a row without its Chinese (or English) sentence, or with
 * one that reads other arguments, fails typecheck.
 */
export interface ErrorRow<A extends unknown[]> {
  readonly status: number;
  /** Set only for passing conditions: the same request may be sent again after this many seconds. */
  readonly retryAfterS?: number;
  readonly en: (...a: A) => string;
  readonly zh: (...a: A) => string;
}

export function row<A extends unknown[]>(
  status: number,
  en: (...a: A) => string,
  zh: (...a: NoInfer<A>) => string,
  retryAfterS?: number,
): ErrorRow<A> {
  return retryAfterS ? { status, retryAfterS, en, zh } : { status, en, zh };
}
