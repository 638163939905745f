import { describe, expect, it } from 'vitest';
import { computeMeasure, meanMeasures, measureName, parseMeasure } from '../../electron/backbone/eval/measures';
import { splitOf } from '../../electron/backbone/eval/split';

describe('measures', () => {
  it('parses names and prints them back the same', () => {
    for (const n of ['R@100', 'RR@10', 'nDCG@10', 'P@5']) expect(measureName(parseMeasure(n))).toBe(n);
    expect(() => parseMeasure('MAP')).toThrow(/unknown measure/);
  });

  // ranked: d1 d2 d3 d4 ; relevant: d2 d4 d9
  const ranked = ['d1', 'd2', 'd3', 'd4'];
  const rel = new Set(['d2', 'd4', 'd9']);

  it('computes recall, precision and reciprocal rank by hand', () => {
    expect(computeMeasure(parseMeasure('R@2'), ranked, rel)).toBeCloseTo(1 / 3, 10);
    expect(computeMeasure(parseMeasure('R@4'), ranked, rel)).toBeCloseTo(2 / 3, 10);
    expect(computeMeasure(parseMeasure('P@4'), ranked, rel)).toBeCloseTo(0.5, 10);
    expect(computeMeasure(parseMeasure('RR@10'), ranked, rel)).toBeCloseTo(0.5, 10);
    expect(computeMeasure(parseMeasure('RR@1'), ranked, rel)).toBe(0);
  });

  it('computes nDCG by hand', () => {
    // DCG = 1/log2(3) + 1/log2(5); IDCG (3 relevant, cutoff 10) = 1 + 1/log2(3) + 1/log2(4)
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const idcg = 1 + 1 / Math.log2(3) + 0.5;
    expect(computeMeasure(parseMeasure('nDCG@10'), ranked, rel)).toBeCloseTo(dcg / idcg, 10);
  });

  it('averages over queries', () => {
    const m = meanMeasures([parseMeasure('RR@10')], [
      { ranked, relevant: rel },
      { ranked: ['x'], relevant: new Set(['x']) },
    ]);
    expect(m['RR@10']).toBeCloseTo(0.75, 10);
  });

  it('splits queries deterministically, about one in five to validation', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => i);
    const v = ids.filter((i) => splitOf(i) === 'validation').length;
    expect(v).toBeGreaterThan(320);
    expect(v).toBeLessThan(480);
    expect(ids.map((i) => splitOf(i))).toEqual(ids.map((i) => splitOf(i)));
  });
});
