/**
 * The per-request time limit: a request that waited for a slot and ran for longer than `timeoutMs`
 * in all is answered REQUEST_TIMEOUT (504, retryable) at once, and its signal is aborted, so the
 * admission queue frees its place or slot and the search pipeline stops at its next check
 * (between reranker batches). The client's own abort is folded into the same signal.
 */
import { createError, toApiError } from '../contract/errors';
import { admissionPhase } from './admission-queue';
import type { ApiMiddleware } from './middleware';

export function requestTimeoutMiddleware(timeoutMs: number, methods?: ReadonlySet<string>): ApiMiddleware {
  return async (ctx, next) => {
    if (!(timeoutMs > 0) || (methods && !methods.has(ctx.method))) return next();
    const timer = new AbortController();
    ctx.signal = AbortSignal.any([ctx.signal, timer.signal]);
    let handle: NodeJS.Timeout | undefined;
    const timedOut = new Promise<{ ok: false; error: ReturnType<typeof toApiError> }>((resolve) => {
      handle = setTimeout(() => {
        const err = createError('REQUEST_TIMEOUT', timeoutMs, admissionPhase(ctx) === 'queued' ? 'queued' : 'running');
        timer.abort(err);
        resolve({ ok: false, error: toApiError(err) });
      }, timeoutMs);
    });
    const work = next();
    // The chain may still reject after the timeout answered (its abort); that is expected, not an error.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(handle);
    }
  };
}
