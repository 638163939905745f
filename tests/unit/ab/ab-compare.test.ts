import { describe, expect, it } from 'vitest';
import { compareLists, tally, unblind, type JudgingItem, type QueryRankings, type Verdict } from '../../../electron/backbone/ab/ab-compare';

/** `n` queries whose A and B lists always differ (A = [i, i+1], B = [i+1, i]). */
function differing(n: number): QueryRankings[] {
  return Array.from({ length: n }, (_, i) => ({ queryId: `q${i}`, query: `query ${i}`, a: [i, i + 1], b: [i + 1, i] }));
}

function item(itemId: string, left: 'A' | 'B'): JudgingItem {
  return { itemId, queryId: itemId, query: itemId, left, leftIds: [1], rightIds: [2] };
}

describe('compareLists', () => {
  const queries: QueryRankings[] = [
    { queryId: 'same', query: 's', a: [1, 2, 3], b: [1, 2, 3] },
    { queryId: 'tail', query: 't', a: [1, 2, 3, 4], b: [1, 2, 3, 9] }, // differ only at rank 4
    { queryId: 'short', query: 'h', a: [1, 2, 3], b: [1, 2] }, // B returned fewer
    { queryId: 'order', query: 'o', a: [1, 2, 3], b: [2, 1, 3] }, // same set, other order
  ];

  it('sets aside queries whose whole lists are identical in order', () => {
    const { identical, items } = compareLists(queries, { seed: 7 });
    expect(identical).toEqual(['same']);
    expect(items.map((i) => i.queryId).sort()).toEqual(['order', 'short', 'tail']);
  });

  it('compares and shows only the top depth', () => {
    const { identical, items } = compareLists(queries, { seed: 7, depth: 2 });
    expect(identical).toEqual(['same', 'tail', 'short']);
    expect(items).toHaveLength(1);
    const [only] = items;
    expect([only.leftIds, only.rightIds]).toEqual(only.left === 'A' ? [[1, 2], [2, 1]] : [[2, 1], [1, 2]]);
    expect(() => compareLists(queries, { seed: 7, depth: 0 })).toThrow(/depth/);
  });

  it('refuses a query id given twice', () => {
    expect(() => compareLists([queries[1], queries[1]], { seed: 1 })).toThrow(/appears twice/);
  });

  it('puts each version on the side it claims', () => {
    const input = differing(50);
    for (const it of compareLists(input, { seed: 3 }).items) {
      const q = input.find((x) => x.queryId === it.queryId)!;
      expect(unblind(it, 'left') === 'A' ? it.leftIds : it.rightIds).toEqual(q.a);
      expect(unblind(it, 'left') === 'B' ? it.leftIds : it.rightIds).toEqual(q.b);
    }
  });

  it('blinds deterministically for a seed and differently across seeds', () => {
    const input = differing(200);
    const sides = (seed: number) => compareLists(input, { seed }).items.map((i) => `${i.itemId}:${i.queryId}:${i.left}`);
    expect(sides(42)).toEqual(sides(42));
    expect(sides(43)).not.toEqual(sides(42));
    const leftA = compareLists(input, { seed: 42 }).items.filter((i) => i.left === 'A').length;
    expect(leftA).toBeGreaterThan(70); // both sides occur, roughly half each
    expect(leftA).toBeLessThan(130);
  });

  it('shuffles the judging order and numbers items in it', () => {
    const { items } = compareLists(differing(200), { seed: 42 });
    expect(items.map((i) => i.itemId)).toEqual(items.map((_, k) => `item-${k + 1}`));
    expect(items.map((i) => i.queryId)).not.toEqual(differing(200).map((q) => q.queryId));
    expect(new Set(items.map((i) => i.queryId)).size).toBe(200);
  });
});

describe('unblind', () => {
  it('maps left/right to the version shown there', () => {
    expect(unblind({ left: 'A' }, 'left')).toBe('A');
    expect(unblind({ left: 'A' }, 'right')).toBe('B');
    expect(unblind({ left: 'B' }, 'left')).toBe('B');
    expect(unblind({ left: 'B' }, 'right')).toBe('A');
    expect(unblind({ left: 'B' }, 'tie')).toBe('tie');
  });
});

describe('tally', () => {
  it('reports 173 wins against 144 with 72 ties', () => {
    // A wins come from both sides of the screen, as they would after blinding
    const judgments: { item: JudgingItem; verdict: Verdict }[] = [];
    let n = 0;
    const add = (count: number, left: 'A' | 'B', verdict: Verdict) => {
      for (let k = 0; k < count; k++) judgments.push({ item: item(`i${n++}`, left), verdict });
    };
    add(100, 'A', 'left');
    add(73, 'B', 'right'); // 173 for A
    add(80, 'A', 'right');
    add(64, 'B', 'left'); // 144 for B
    add(72, 'A', 'tie');
    const t = tally(judgments, 11);
    expect(t).toMatchObject({ a: 173, b: 144, ties: 72, identical: 11, judged: 389 });
    expect(t.preferenceA).toBeCloseTo(173 / 317, 12);
    expect(t.preferenceA).toBeCloseTo(0.5457, 4);
    // Wilson, n = 317, p = 0.54574: centre 0.54519, half-width 0.05448
    expect(t.ci95![0]).toBeCloseTo(0.4907, 4);
    expect(t.ci95![1]).toBeCloseTo(0.5997, 4);
    // 2 · Σ_{i ≤ 144} C(317, i) / 2^317 (exact BigInt sum)
    expect(t.pValue).toBeCloseTo(0.1157, 4);
  });

  it('has no preference, interval or p-value without a decided item', () => {
    const t = tally([{ item: item('x', 'A'), verdict: 'tie' }], 0);
    expect(t).toEqual({ a: 0, b: 0, ties: 1, identical: 0, judged: 1, preferenceA: null, ci95: null, pValue: null });
  });

  it('gives the hand-computed sign test for 9 against 1', () => {
    const judgments = Array.from({ length: 10 }, (_, k) => ({ item: item(`i${k}`, 'B'), verdict: (k < 9 ? 'right' : 'left') as Verdict }));
    const t = tally(judgments, 0);
    expect([t.a, t.b]).toEqual([9, 1]);
    expect(t.pValue).toBeCloseTo(0.021484375, 12);
  });

  it('refuses an item judged twice', () => {
    const x = item('x', 'A');
    expect(() => tally([{ item: x, verdict: 'left' }, { item: x, verdict: 'right' }], 0)).toThrow(/twice/);
  });
});
