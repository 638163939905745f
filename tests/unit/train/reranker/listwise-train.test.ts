import { describe, expect, it } from 'vitest';
import { listMeasure } from '../../../../electron/backbone/train/reranker/list-metrics';
import { trainListwise, type EpochLog } from '../../../../electron/backbone/train/reranker/listwise';
import { toyLists } from './toy-lists';

// 20 candidates per list, one relevant: a random ranking has RR@1 = 1/20.
const train = toyLists(400, 20, 1);
const validation = toyLists(100, 20, 2);
const test = toyLists(300, 20, 3);

describe('trainListwise on a toy problem (relevant = largest a·b)', () => {
  it('learns the nonlinear relevance with one hidden layer, far above random and above a linear model', () => {
    const mlp = trainListwise(train, { hidden: 16, seed: 7, maxEpochs: 30 });
    const linear = trainListwise(train, { hidden: 0, seed: 7, maxEpochs: 30 });
    const rrMlp = listMeasure(mlp, test, 'RR@1');
    const rrLinear = listMeasure(linear, test, 'RR@1');
    expect(rrMlp).toBeGreaterThan(0.8);
    expect(rrMlp).toBeGreaterThan(rrLinear + 0.3);
    expect(mlp.mean.length).toBe(4);
    // mean/std come from the training lists: feature 3 was shifted by 30 and scaled by 12.
    expect(mlp.mean[3]).toBeCloseTo(30, 0);
    expect(mlp.std[3]).toBeCloseTo(12 / Math.sqrt(3), 0);
  });

  it('is deterministic for a seed', () => {
    const a = trainListwise(train, { hidden: 8, seed: 3, maxEpochs: 5 });
    const b = trainListwise(train, { hidden: 8, seed: 3, maxEpochs: 5 });
    const c = trainListwise(train, { hidden: 8, seed: 4, maxEpochs: 5 });
    expect(b).toEqual(a);
    expect(c.w1).not.toEqual(a.w1);
  });

  it('stops early on the validation metric and returns the best epoch', () => {
    const logs: EpochLog[] = [];
    const w = trainListwise(train, {
      hidden: 16,
      seed: 7,
      maxEpochs: 200,
      patience: 5,
      validate: (weights) => listMeasure(weights, validation, 'RR@10'),
      onEpoch: (l) => logs.push(l),
    });
    expect(logs.length).toBeLessThan(200);
    const best = Math.max(...logs.map((l) => l.metric!));
    expect(listMeasure(w, validation, 'RR@10')).toBe(best);
    // The last `patience` epochs did not improve.
    expect(logs.slice(-5).every((l) => !l.best)).toBe(true);
  });

  it('ignores lists without a relevant candidate and refuses data with none at all', () => {
    const withEmpty = [...train.slice(0, 50), { features: train[0]!.features, labels: train[0]!.labels.map(() => 0) }];
    expect(() => trainListwise(withEmpty, { maxEpochs: 1 })).not.toThrow();
    expect(() => trainListwise([{ features: train[0]!.features, labels: train[0]!.labels.map(() => 0) }])).toThrow(/relevant/);
  });

  it('continues from a previous stage’s weights: same shape and standardisation, and training goes on from them', () => {
    const first = trainListwise(train, { hidden: 8, seed: 7, maxEpochs: 2 });
    const zeroEpochs = trainListwise(train, { initial: first, seed: 7, maxEpochs: 0 });
    expect(zeroEpochs).toEqual(first);
    // Lists shifted by 100: a fresh start would fit a new mean; a continued model keeps the first one.
    const shifted = train.map((l) => ({ ...l, features: l.features.map((f) => f.map((x) => x + 100)) }));
    const next = trainListwise(shifted, { initial: first, seed: 7, maxEpochs: 1 });
    expect(next.mean).toEqual(first.mean);
    expect(next.hidden).toBe(8);
    expect(next.w1).not.toEqual(first.w1);
    expect(() => trainListwise([{ features: [new Float32Array(3)], labels: [1] }], { initial: first })).toThrow(/4 features, the lists 3/);
  });
});
