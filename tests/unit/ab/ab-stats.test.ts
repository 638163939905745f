import { describe, expect, it } from 'vitest';
import { signTestPValue, wilsonInterval } from '../../../electron/backbone/ab/ab-stats';

/** Exact two-sided sign-test p-value with BigInt (a ≠ b): 2 · Σ_{i ≤ min} C(n, i) / 2^n. */
function exactSignTest(a: number, b: number): number {
  const n = BigInt(a + b);
  const lo = BigInt(Math.min(a, b));
  let c = 1n;
  let sum = 0n;
  for (let i = 0n; i <= lo; i++) {
    sum += c;
    c = (c * (n - i)) / (i + 1n);
  }
  const scale = 10n ** 30n;
  return Number((2n * sum * scale) / 2n ** n) / 1e30;
}

describe('wilsonInterval', () => {
  it('matches the interval worked by hand', () => {
    // 9 of 10: centre = (0.9 + z²/20) / (1 + z²/10) = 0.78898, half-width 0.19313
    const [lo, hi] = wilsonInterval(9, 10)!;
    expect(lo).toBeCloseTo(0.5958, 4);
    expect(hi).toBeCloseTo(0.9821, 4);
  });

  it('stays inside [0, 1] at the edges and is null without data', () => {
    const [lo0, hi0] = wilsonInterval(0, 5)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.4345, 4); // z²/(n + z²) = 3.8415 / 8.8415
    const [lo5, hi5] = wilsonInterval(5, 5)!;
    expect(lo5).toBeCloseTo(0.5655, 4);
    expect(hi5).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
  });
});

describe('signTestPValue', () => {
  it('gives 22/1024 for 9 wins against 1', () => {
    // outcomes as unlikely as 9:1 — 0, 1, 9, 10 wins: (1 + 10 + 10 + 1) / 2^10
    expect(signTestPValue(9, 1)).toBeCloseTo(22 / 1024, 12);
    expect(signTestPValue(1, 9)).toBeCloseTo(22 / 1024, 12);
  });

  it('gives 1 for a balanced result and counts the middle once', () => {
    expect(signTestPValue(5, 5)).toBeCloseTo(1, 12);
    expect(signTestPValue(1, 0)).toBeCloseTo(1, 12); // both outcomes have p = 1/2
    expect(signTestPValue(3, 0)).toBeCloseTo(2 / 8, 12);
    expect(signTestPValue(0, 0)).toBeNull();
  });

  it('matches exact BigInt arithmetic for 173 against 144', () => {
    expect(signTestPValue(173, 144)).toBeCloseTo(exactSignTest(173, 144), 12);
  });

  it('stays finite in log space for thousands of judgments', () => {
    const p = signTestPValue(1600, 1400)!;
    expect(p).toBeGreaterThan(0);
    expect(p / exactSignTest(1600, 1400)).toBeCloseTo(1, 8);
    expect(signTestPValue(2500, 2500)).toBeCloseTo(1, 10);
    expect(signTestPValue(3000, 0)).toBe(0); // 2 / 2^3000 underflows to 0, not NaN
  });
});
