import { describe, expect, it } from 'vitest';
import { latencyPercentiles, nearestRank, percentile } from '../../../electron/backbone/eval/percentile';

describe('the one percentile definition (nearest rank)', () => {
  const twenty = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted
  it('p95 of 1…20 is 19 (the ⌈0.95·20⌉ = 19th), not 20 as ⌊p·n⌋ indexing gave in the bench', () => {
    expect(percentile(twenty, 0.95)).toBe(19);
    expect(percentile(twenty, 0.5)).toBe(10);
    expect(percentile(twenty, 1)).toBe(20);
    expect(percentile(twenty, 0)).toBe(1);
  });
  it('nearestRank reads sorted samples; an empty list gives 0; values round to 0.1', () => {
    expect(nearestRank([1, 2, 3, 4], 0.75)).toBe(3);
    expect(nearestRank([], 0.5)).toBe(0);
    expect(percentile([1.26, 1.24], 1)).toBe(1.3);
    expect(latencyPercentiles(twenty)).toEqual({ p50: 10, p95: 19, max: 20 });
  });
});
