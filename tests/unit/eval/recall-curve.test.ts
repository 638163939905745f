import { describe, expect, it } from 'vitest';
import { computeMeasure, parseMeasure } from '../../../electron/backbone/eval/measures';
import { largestKWithin, recallCurve } from '../../../electron/backbone/eval/recall-curve';

describe('recallCurve', () => {
  // A: relevant {a, b}, hits at ranks 1 and 3 → R@1..4 = 1/2, 1/2, 1, 1
  // B: relevant {c, d}, hit at rank 2       → R@1..4 = 0, 1/2, 1/2, 1/2
  // C: no relevant ids                      → 0 throughout
  const runs = [
    { ranked: ['a', 'x', 'b', 'y'], relevant: new Set(['a', 'b']) },
    { ranked: ['x', 'c'], relevant: new Set(['c', 'd']) },
    { ranked: ['q'], relevant: new Set<string>() },
  ];

  it('gives mean R@k at index k-1, by hand', () => {
    const curve = recallCurve(runs, 4);
    expect(curve).toBeInstanceOf(Float64Array);
    expect(curve.length).toBe(4);
    const want = [1 / 6, 1 / 3, 1 / 2, 1 / 2];
    want.forEach((v, i) => expect(curve[i]).toBeCloseTo(v, 12));
  });

  it('ignores ranks past maxK and defaults to 300 budgets', () => {
    const short = recallCurve(runs, 2);
    expect(short.length).toBe(2);
    expect(short[1]).toBeCloseTo(1 / 3, 12);
    const full = recallCurve(runs);
    expect(full.length).toBe(300);
    expect(full[299]).toBeCloseTo(1 / 2, 12);
  });

  it('agrees with computeMeasure(R@k) at every k, numeric ids and duplicates included', () => {
    const many = [
      { ranked: [5, 3, 9, 1, 3, 7, 2], relevant: new Set([3, 7, 8]) },
      { ranked: [1, 2], relevant: new Set([2]) },
      { ranked: [], relevant: new Set([4]) },
    ];
    const curve = recallCurve(many, 10);
    for (let k = 1; k <= 10; k++) {
      const mean = many.reduce((s, r) => s + computeMeasure(parseMeasure(`R@${k}`), r.ranked, r.relevant), 0) / many.length;
      expect(curve[k - 1]).toBeCloseTo(mean, 12);
    }
  });

  it('is all zeros without queries, and refuses a budget that is not a positive integer', () => {
    expect([...recallCurve([], 3)]).toEqual([0, 0, 0]);
    expect(() => recallCurve(runs, 0)).toThrow(/positive integer/);
    expect(() => recallCurve(runs, 2.5)).toThrow(/positive integer/);
  });
});

describe('largestKWithin', () => {
  const measured = [
    { k: 100, p95Ms: 12 },
    { k: 300, p95Ms: 40 },
    { k: 200, p95Ms: 25 },
    { k: 50, p95Ms: 5 },
  ];

  it('picks the largest measured budget whose p95 is within the target (inclusive)', () => {
    expect(largestKWithin(measured, 25)).toBe(200);
    expect(largestKWithin(measured, 24.9)).toBe(100);
    expect(largestKWithin(measured, 1000)).toBe(300);
  });

  it('returns null when nothing fits, and skips unmeasured latencies', () => {
    expect(largestKWithin(measured, 4)).toBeNull();
    expect(largestKWithin([], 100)).toBeNull();
    expect(largestKWithin([{ k: 500, p95Ms: Number.NaN }, { k: 20, p95Ms: 1 }], 100)).toBe(20);
  });
});
