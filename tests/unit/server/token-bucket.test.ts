import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../electron/server/token-bucket';

describe('token bucket', () => {
  it('lets a full bucket through at once, then refuses with the time to the next token', () => {
    const b = new TokenBucket(60, 3, 0); // one token a second, three at most
    expect([b.take(0).ok, b.take(0).ok, b.take(0).ok]).toEqual([true, true, true]);
    expect(b.take(0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(b.take(400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(b.take(1000).ok).toBe(true);
    expect(b.take(1000).ok).toBe(false);
  });

  it('refills continuously at the rate, never above capacity', () => {
    const b = new TokenBucket(600, 10, 0); // 10 a second
    for (let i = 0; i < 10; i++) b.take(0);
    expect(b.available(500)).toBeCloseTo(5, 9);
    expect(b.available(60_000)).toBe(10);
  });

  it('over a minute admits about the rate per minute plus the burst', () => {
    const b = new TokenBucket(120, 120, 0);
    let admitted = 0;
    for (let t = 0; t < 60_000; t += 10) if (b.take(t).ok) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(239);
    expect(admitted).toBeLessThanOrEqual(240);
  });

  it('a clock going backwards does not mint tokens', () => {
    const b = new TokenBucket(60, 1, 10_000);
    expect(b.take(10_000).ok).toBe(true);
    expect(b.take(5_000).ok).toBe(false);
    expect(b.available(10_000)).toBeCloseTo(0, 9);
  });
});
