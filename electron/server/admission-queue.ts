/**
 * Bounded admission in front of inference: at most `maxInflight` requests run, at most `maxQueue`
 * wait (first come, first served); one more is refused at once with OVERLOADED (429) and a
 * Retry-After computed from the recent service rate, so a burst costs the callers who arrive last
 * a quick refusal instead of costing everyone a longer wait.
 */
import { createError, toApiError } from '../contract/errors';
import type { ApiMiddleware, RequestContext } from './middleware';

/** Where each admitted request stands ('queued' or 'running'), for the timeout's message. */
const phases = new WeakMap<RequestContext, 'queued' | 'running'>();
export const admissionPhase = (ctx: RequestContext): 'queued' | 'running' | null => phases.get(ctx) ?? null;

export interface AdmissionOptions {
  maxInflight: number;
  maxQueue: number;
  /** The window over which the service rate is measured (default 10 s). */
  rateWindowMs?: number;
  now?: () => number;
}

interface Waiter {
  grant: () => void;
}

/** Releases a slot; calling it again does nothing. */
export type Release = () => void;

export class AdmissionQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Completion times within the rate window (ascending). */
  private readonly completions: number[] = [];
  /** Exponentially weighted mean time a request holds a slot, for when nothing completed lately. */
  private meanHoldMs: number | null = null;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly createdAt: number;

  constructor(readonly opts: AdmissionOptions) {
    if (!(opts.maxInflight >= 1) || !(opts.maxQueue >= 0)) throw new RangeError('maxInflight must be ≥ 1 and maxQueue ≥ 0');
    this.now = opts.now ?? (() => performance.now());
    this.windowMs = opts.rateWindowMs ?? 10_000;
    this.createdAt = this.now();
  }

  /** Requests holding a slot. */
  get inflight(): number {
    return this.running;
  }

  /** Requests waiting for a slot. */
  get depth(): number {
    return this.waiting.length;
  }

  /**
   * A slot, at once or after waiting. Throws OVERLOADED (with `retryAfterS`) when the queue is full;
   * rejects with the signal's reason if it aborts while waiting (the place in the queue is given up).
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.opts.maxInflight && this.waiting.length === 0) return Promise.resolve(this.grantSlot());
    if (this.waiting.length >= this.opts.maxQueue) {
      const retryAfterS = this.retryAfterSeconds();
      return Promise.reject(Object.assign(createError('OVERLOADED', retryAfterS), { retryAfterS }));
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.grantSlot());
        },
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Requests served per second over the recent window (0 when none completed in it). */
  serviceRate(): number {
    this.prune();
    const n = this.completions.length;
    if (n === 0) return 0;
    // Over the whole window, or over the queue's life while it is younger than the window.
    const span = Math.max(1000, Math.min(this.windowMs, this.now() - this.createdAt));
    return (n / span) * 1000;
  }

  /**
   * Seconds until a refused caller is likely to find a place: the time the service needs to work
   * through what is queued and running now, at the recent rate (or, when nothing completed lately,
   * at maxInflight per mean hold time); at least 1, at most 60.
   */
  retryAfterSeconds(): number {
    const ahead = this.waiting.length + this.running;
    let rate = this.serviceRate();
    if (rate === 0 && this.meanHoldMs) rate = (this.opts.maxInflight / this.meanHoldMs) * 1000;
    if (rate === 0) return 1;
    return Math.min(60, Math.max(1, Math.ceil(ahead / rate)));
  }

  private grantSlot(): Release {
    this.running++;
    const started = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const end = this.now();
      this.completions.push(end);
      const held = end - started;
      this.meanHoldMs = this.meanHoldMs === null ? held : this.meanHoldMs * 0.8 + held * 0.2;
      this.prune();
      const next = this.waiting.shift();
      next?.grant();
    };
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    let i = 0;
    while (i < this.completions.length && this.completions[i]! < cutoff) i++;
    if (i) this.completions.splice(0, i);
  }
}

/** The queue as a middleware for `methods`: other methods pass straight through. */
export function admissionMiddleware(queue: AdmissionQueue, methods: ReadonlySet<string>): ApiMiddleware {
  return async (ctx, next) => {
    if (!methods.has(ctx.method)) return next();
    let release: Release;
    phases.set(ctx, 'queued');
    try {
      release = await queue.acquire(ctx.signal);
      phases.set(ctx, 'running');
    } catch (e) {
      const retryAfterS = (e as { retryAfterS?: number }).retryAfterS;
      if (retryAfterS !== undefined) {
        ctx.setHeader('retry-after', String(retryAfterS));
        return { ok: false, error: toApiError(e) };
      }
      throw e; // aborted while waiting: the timeout (or the client's abort) answers
    }
    // The slot is freed when the request ends, or as soon as it is aborted (timed out, client gone),
    // even if the work under it cannot be stopped at once.
    const signal = ctx.signal;
    if (signal.aborted) {
      release();
      throw signal.reason;
    }
    signal.addEventListener('abort', release, { once: true });
    try {
      return await next();
    } finally {
      signal.removeEventListener('abort', release);
      release();
    }
  };
}
