import { describe, expect, it } from 'vitest';
import { listMeasure } from '../../../../electron/backbone/train/reranker/list-metrics';
import { trainListwise } from '../../../../electron/backbone/train/reranker/listwise';
import type { FeatureRerankerWeights } from '../../../../electron/backbone/onnx/feature-reranker-graph';
import { toyLists } from './toy-lists';

/** Continual training from given weights (training from feedback): the start kept when nothing beats it, and an anchor that holds the weights near it. */
const train = toyLists(300, 20, 11);
const validation = toyLists(100, 20, 12);
const start = trainListwise(train, { hidden: 8, seed: 5, maxEpochs: 15 });

function distance(a: FeatureRerankerWeights, b: FeatureRerankerWeights): number {
  let s = 0;
  for (const k of ['w1', 'b1', 'w2'] as const) for (let i = 0; i < a[k].length; i++) s += (a[k][i]! - b[k][i]!) ** 2;
  return Math.sqrt(s + (a.b2 - b.b2) ** 2);
}

// Lists whose labels disagree with the toy rule: training on them only makes the validation metric worse.
const misleading = toyLists(300, 20, 13).map((l) => ({ ...l, labels: [...l.labels].reverse() }));

describe('trainListwise, continuing from given weights', () => {
  it('keepInitialIfBest: when every epoch is worse on validation, the start comes back unchanged', () => {
    const validate = (w: FeatureRerankerWeights) => listMeasure(w, validation, 'RR@10');
    const kept = trainListwise(misleading, { initial: start, seed: 1, maxEpochs: 4, learningRate: 0.01, validate, keepInitialIfBest: true });
    expect(kept).toEqual(start);
    // Without it, the best of the (worse) epochs is returned.
    const moved = trainListwise(misleading, { initial: start, seed: 1, maxEpochs: 4, learningRate: 0.01, validate });
    expect(distance(moved, start)).toBeGreaterThan(0);
    expect(validate(moved)).toBeLessThan(validate(start));
  });

  it('anchor: the weights stay nearer the start the stronger it is', () => {
    const free = trainListwise(misleading, { initial: start, seed: 1, maxEpochs: 4, learningRate: 0.01 });
    const held = trainListwise(misleading, { initial: start, seed: 1, maxEpochs: 4, learningRate: 0.01, anchor: 3 });
    expect(distance(held, start)).toBeLessThan(0.5 * distance(free, start));
  });
});
