import type { FeatureRerankerWeights } from '../../onnx/feature-reranker-graph';
import type { EvalList } from './list-metrics';
import { trainListwise } from './listwise';
import { scoreWithWeights } from './listwise-model';

/** Wrong candidates kept per list each epoch: those the current model scores highest. */
export const DYNAMIC_NEGATIVES = 40;

/**
 * Stage 3: each epoch re-mines every list's negatives with the current model, then trains one pass.
 * With `epochs` (a refit) it runs exactly that many and keeps the last, without validating.
 */
export function dynamicNegatives(
  pools: EvalList[],
  start: FeatureRerankerWeights,
  o: { seed: number; metric: (w: FeatureRerankerWeights) => number; epochs?: number; onProgress?: (phase: string, done: number, total: number) => void; log: (l: string) => void },
): { weights: FeatureRerankerWeights; summary: Record<string, unknown> } {
  if (o.epochs !== undefined) {
    let w = start;
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      w = trainListwise(pools.map((l) => remine(l, w)), { initial: w, seed: o.seed + epoch, l2: 1e-4, learningRate: 0.002, maxEpochs: 1 });
      o.onProgress?.('stage 3', epoch, o.epochs);
    }
    return { weights: w, summary: { epochs: o.epochs, bestEpoch: o.epochs } };
  }
  const EPOCHS = 15;
  const PATIENCE = 5;
  let current = start;
  let best = { weights: start, metric: o.metric(start), epoch: 0 };
  o.log(`stage 3 start (stage 2): validation nDCG@10 ${best.metric.toFixed(3)}`);
  let since = 0;
  let epoch = 0;
  for (epoch = 1; epoch <= EPOCHS && since < PATIENCE; epoch++) {
    const mined = pools.map((l) => remine(l, current));
    current = trainListwise(mined, { initial: current, seed: o.seed + epoch, l2: 1e-4, learningRate: 0.002, maxEpochs: 1 });
    const m = o.metric(current);
    o.onProgress?.('stage 3', epoch, EPOCHS);
    if (m > best.metric) {
      best = { weights: current, metric: m, epoch };
      since = 0;
      o.log(`stage 3 epoch ${epoch}: validation nDCG@10 ${m.toFixed(3)}`);
    } else since++;
  }
  return { weights: best.weights, summary: { epochs: epoch - 1, bestEpoch: best.epoch } };
}

/** A list of the relevant candidates and the DYNAMIC_NEGATIVES wrong ones the model scores highest. */
function remine(l: EvalList, w: FeatureRerankerWeights): EvalList {
  const scores = scoreWithWeights(w, l.features);
  const negatives = l.labels.map((_, i) => i).filter((i) => !(l.labels[i]! > 0)).sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, DYNAMIC_NEGATIVES);
  const keep = [...l.labels.map((_, i) => i).filter((i) => l.labels[i]! > 0), ...negatives];
  return { features: keep.map((i) => l.features[i]!), labels: keep.map((i) => l.labels[i]!) };
}
