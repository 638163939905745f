import { describe, expect, it } from 'vitest';
import { planBatches, runInBatches } from '../../../electron/backbone/inference/batching';
import { padBatch } from '../../../electron/backbone/inference/padding';

describe('planBatches', () => {
  it('sorts by length, longest first, and cuts at maxBatch', () => {
    expect(planBatches([3, 10, 1, 7, 7], { maxBatch: 2, maxTokens: 1000 })).toEqual([[1, 3], [4, 0], [2]]);
  });
  it('cuts at maxTokens (items × longest)', () => {
    expect(planBatches([10, 10, 10], { maxBatch: 8, maxTokens: 25 })).toEqual([[0, 1], [2]]);
  });
  it('runs an item longer than maxTokens alone', () => {
    expect(planBatches([50, 1, 1], { maxBatch: 8, maxTokens: 10 })).toEqual([[0], [1, 2]]);
  });
});

describe('runInBatches', () => {
  it('returns results in input order', async () => {
    const lengths = [3, 10, 1, 7, 7];
    const seen: number[][] = [];
    const out = await runInBatches(lengths, { maxBatch: 2, maxTokens: 1000 }, async (idx) => {
      seen.push(idx);
      return idx.map((i) => `item${i}`);
    });
    expect(out).toEqual(['item0', 'item1', 'item2', 'item3', 'item4']);
    expect(seen).toEqual([[1, 3], [4, 0], [2]]);
  });
});

describe('padBatch', () => {
  const items = [
    { ids: [5, 6, 7], typeIds: [0, 0, 1] },
    { ids: [8], typeIds: [0] },
  ];
  it('left: pads before the tokens, so the last position is every row’s last token', () => {
    const b = padBatch(items, 'left', 9);
    expect(b.dims).toEqual([2, 3]);
    expect([...b.inputIds]).toEqual([5n, 6n, 7n, 9n, 9n, 8n]);
    expect([...b.attentionMask]).toEqual([1n, 1n, 1n, 0n, 0n, 1n]);
    expect([...b.positionIds]).toEqual([0n, 1n, 2n, 1n, 1n, 0n]);
    expect([...b.tokenTypeIds]).toEqual([0n, 0n, 1n, 0n, 0n, 0n]);
  });
  it('right: pads after the tokens, so position 0 stays the first token', () => {
    const b = padBatch(items, 'right', 0);
    expect([...b.inputIds]).toEqual([5n, 6n, 7n, 8n, 0n, 0n]);
    expect([...b.attentionMask]).toEqual([1n, 1n, 1n, 1n, 0n, 0n]);
    expect([...b.positionIds]).toEqual([0n, 1n, 2n, 0n, 1n, 1n]);
  });
  it('an all-empty batch still has one (masked) position', () => {
    const b = padBatch([{ ids: [], typeIds: [] }], 'right', 0);
    expect(b.dims).toEqual([1, 1]);
    expect([...b.attentionMask]).toEqual([0n]);
  });
});
