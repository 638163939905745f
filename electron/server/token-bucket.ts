/**
 * A token bucket: `capacity` tokens, refilled continuously at `perMinute` a minute. Each request
 * takes one; an empty bucket says how long until the next token.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly perMinute: number, readonly capacity: number = perMinute, now: number = Date.now()) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
      this.last = now;
    }
  }

  /** Takes a token: ok, or the milliseconds until one is there. */
  take(now: number = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute) };
  }

  /** Tokens left now (for tests and metrics). */
  available(now: number = Date.now()): number {
    this.refill(now);
    return this.tokens;
  }
}
