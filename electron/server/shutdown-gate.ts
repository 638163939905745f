/**
 * Graceful shutdown's gate: counts the API requests in progress (running or queued) and, once
 * closed, refuses new ones with SHUTTING_DOWN (503, Connection: close) while those in progress
 * finish. `drain` resolves when none is left, or when its time is up.
 */
import { createError, toApiError } from '../contract/errors';
import type { ApiMiddleware } from './middleware';

export class ShutdownGate {
  private active = 0;
  private closed = false;
  private idle: (() => void)[] = [];

  /** True once shutdown has begun. */
  get closing(): boolean {
    return this.closed;
  }

  /** API requests admitted and not yet answered. */
  get inProgress(): number {
    return this.active;
  }

  readonly middleware: ApiMiddleware = async (ctx, next) => {
    if (this.closed) {
      ctx.setHeader('connection', 'close');
      return { ok: false, error: toApiError(createError('SHUTTING_DOWN')) };
    }
    this.active++;
    try {
      return await next();
    } finally {
      // Answered during the drain: the client should not send more on this connection.
      if (this.closed) ctx.setHeader('connection', 'close');
      this.active--;
      if (this.active === 0) for (const f of this.idle.splice(0)) f();
    }
  };

  /** Refuses new requests from now on. */
  close(): void {
    this.closed = true;
  }

  /** Closes the gate and waits for the requests in progress: true if all finished within `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    this.close();
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
