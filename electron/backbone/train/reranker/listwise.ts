import type { FeatureRerankerWeights } from '../../onnx/feature-reranker-graph';
import { rng } from '../random';
import { Adam } from './adam';
import { listwiseSoftmaxLoss } from './listwise-loss';
import { addL2, backward, fitStandardiser, forward, fromFeatureWeights, initParams, paramCount, standardise, toFeatureWeights, type ModelShape } from './listwise-model';

/**
 * Trains the built-in feature reranker on queries' candidate lists: listwise softmax cross-entropy,
 * L2 on the weights, Adam over mini-batches of queries, the same seed giving the same weights.
 * With a `validate` callback the model is scored after each epoch, training stops after `patience`
 * epochs without improvement, and the best epoch's weights are returned.
 */
export interface ListwiseList {
  /** One feature vector per candidate, in the manifest's featureNames order. */
  features: Float32Array[];
  /** One label per candidate; > 0 = relevant. */
  labels: number[];
}

export interface ListwiseOptions {
  /** Hidden ReLU units; 0 = linear. Default 16. */
  hidden?: number;
  /**
   * Start from these weights (a previous stage's model): their shape and standardisation are kept,
   * and `hidden` is ignored.
   */
  initial?: FeatureRerankerWeights;
  /** L2 strength λ (penalty λ/2 ‖W‖²). Default 1e-4. */
  l2?: number;
  learningRate?: number;
  /** Queries per step. Default 32. */
  batchSize?: number;
  maxEpochs?: number;
  seed?: number;
  /** Higher is better (e.g. nDCG@10 of the validation lists, see list-metrics.ts). */
  validate?: (weights: FeatureRerankerWeights) => number;
  /** Epochs without a better validation metric before stopping. Default 10. */
  patience?: number;
  /**
   * Continual training (from `initial`): the initial weights compete as epoch 0, so training that
   * only makes the validation metric worse returns them unchanged. Needs `validate`.
   */
  keepInitialIfBest?: boolean;
  /** Continual training: an extra penalty (λ/2)‖θ − θ₀‖² that holds the weights near `initial`'s. Default 0. */
  anchor?: number;
  onEpoch?: (log: EpochLog) => void;
}

export interface EpochLog {
  epoch: number;
  /** Mean training loss of the epoch's steps (cross-entropy + L2). */
  loss: number;
  metric: number | null;
  /** Whether this epoch is the best so far (the one returned if none beats it). */
  best: boolean;
}

/** A list ready for training: standardised [n × F] features and labels. */
export interface PreparedList {
  n: number;
  x: Float64Array;
  labels: number[];
}

/** Mean listwise loss over `batch` plus L2, and its gradient with respect to `params`. */
export function listwiseObjective(shape: ModelShape, params: Float64Array, batch: readonly PreparedList[], l2: number): { loss: number; grad: Float64Array } {
  const grad = new Float64Array(params.length);
  let loss = 0;
  let counted = 0;
  const perList: { list: PreparedList; fwd: ReturnType<typeof forward>; dScores: Float64Array }[] = [];
  for (const list of batch) {
    const fwd = forward(shape, params, list.x, list.n);
    const l = listwiseSoftmaxLoss(fwd.scores, list.labels);
    if (!l) continue;
    loss += l.loss;
    counted++;
    perList.push({ list, fwd, dScores: l.grad });
  }
  if (counted > 0) {
    loss /= counted;
    for (const { list, fwd, dScores } of perList) {
      for (let i = 0; i < dScores.length; i++) dScores[i] /= counted;
      backward(shape, params, list.x, list.n, fwd, dScores, grad);
    }
  }
  loss += addL2(shape, params, grad, l2);
  return { loss, grad };
}

export function trainListwise(lists: readonly ListwiseList[], opts: ListwiseOptions = {}): FeatureRerankerWeights {
  const F = lists.find((l) => l.features.length > 0)?.features[0]?.length;
  if (F === undefined) throw new Error('no candidates to train on');
  const start = opts.initial ? fromFeatureWeights(opts.initial) : null;
  if (start && start.shape.features !== F) throw new Error(`the initial weights have ${start.shape.features} features, the lists ${F}`);
  const shape: ModelShape = start?.shape ?? { features: F, hidden: opts.hidden ?? 16 };
  const l2 = opts.l2 ?? 1e-4;
  const batchSize = opts.batchSize ?? 32;
  const maxEpochs = opts.maxEpochs ?? 100;
  const patience = opts.patience ?? 10;
  const seed = opts.seed ?? 1;

  for (const l of lists) if (l.labels.length !== l.features.length) throw new Error('a list has features and labels of different lengths');
  const st = start?.standardiser ?? fitStandardiser(lists.flatMap((l) => l.features), F);
  const prepared: PreparedList[] = lists
    .filter((l) => l.labels.some((y) => y > 0))
    .map((l) => ({ n: l.features.length, x: standardise(l.features, st), labels: l.labels }));
  if (prepared.length === 0) throw new Error('no list has a relevant candidate');

  const params = start?.params ?? initParams(shape, seed);
  if (params.length !== paramCount(shape)) throw new Error('parameter layout mismatch');
  const adam = new Adam(params.length, { learningRate: opts.learningRate ?? 0.01 });
  const shuffle = rng(seed ^ 0x5eed);
  const order = prepared.map((_, i) => i);
  const weights = () => toFeatureWeights(shape, params, st.mean, st.std);

  let best: { metric: number; params: Float64Array } | null =
    opts.keepInitialIfBest && start && opts.validate ? { metric: opts.validate(weights()), params: params.slice() } : null;
  let sinceBest = 0;
  const anchor = opts.anchor ?? 0;
  const origin = anchor > 0 ? params.slice() : null;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let lossSum = 0;
    let steps = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize).map((i) => prepared[i]!);
      const { loss, grad } = listwiseObjective(shape, params, batch, l2);
      let pull = 0;
      if (origin) {
        for (let p = 0; p < params.length; p++) {
          const d = params[p]! - origin[p]!;
          grad[p]! += anchor * d;
          pull += d * d;
        }
      }
      adam.step(params, grad);
      lossSum += loss + (anchor / 2) * pull;
      steps++;
    }
    const metric = opts.validate ? opts.validate(weights()) : null;
    const improved = metric !== null && (best === null || metric > best.metric);
    if (improved) {
      best = { metric, params: params.slice() };
      sinceBest = 0;
    } else sinceBest++;
    opts.onEpoch?.({ epoch, loss: lossSum / steps, metric, best: metric === null || improved });
    if (opts.validate && sinceBest >= patience) break;
  }
  if (best) params.set(best.params);
  return weights();
}
