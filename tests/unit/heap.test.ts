import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage, limitHeapGrowth } from '../../electron/backbone/heap';

describe('heap policy', () => {
  it('collects garbage on demand (the host reading its vector copy, after an import)', async () => {
    let big: Float64Array | null = new Float64Array(1 << 20);
    const ref = new WeakRef(big);
    big = null;
    // A WeakRef's target lives to the end of the current job.
    await new Promise((r) => setImmediate(r));
    expect(collectGarbage()).toBe(true);
    expect(ref.deref()).toBeUndefined();
  });

  it('limits heap growth without disturbing the running heap', () => {
    const before = getHeapStatistics().heap_size_limit;
    limitHeapGrowth();
    limitHeapGrowth(); // once per process
    expect(getHeapStatistics().heap_size_limit).toBe(before);
    expect(collectGarbage()).toBe(true);
  });
});
