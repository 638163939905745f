import type { StaticVocab } from '../inference/static-vocab';
import { LazyAdam } from './adam';
import { backward, SparseGrads } from './embedder-backward';
import { encodeForTraining, normalise, pool, type EmbedderParams, type EncodedText, type Kind } from './embedder-params';
import { infoNce } from './info-nce';
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from './checkpoint';
import { statefulRng } from './random';
import type { TrainingPair } from './weak-pairs';

export interface EmbedderTrainOptions {
  steps: number;
  batchSize: number;
  temperature: number;
  lrEmbeddings: number;
  lrWeights: number;
  seed: number;
  maxLength: number;
  /** Extra negative documents for a pair (mined by a model); they join the batch's documents. */
  negatives?: (pair: TrainingPair) => string[];
  /** Called every `evaluateEvery` steps; return the validation metric (higher is better). */
  evaluate?: () => number;
  evaluateEvery?: number;
  /** Stop when the metric has not improved for this many evaluations; the best parameters are kept. */
  patience?: number;
  onStep?: (s: { step: number; steps: number; loss: number; accuracy: number; metric: number | null }) => void;
  signal?: AbortSignal;
  /**
   * Resumable training: every `every` steps the whole state (parameters, optimiser, data order,
   * generators, best so far) is written to `path`; a run with the same `key` and settings resumes
   * from it and ends where an uninterrupted run would. `rngs` are the caller's generators that
   * training draws from (e.g. the negative sampler's), saved with it. Removed when training ends.
   */
  checkpoint?: { path: string; every: number; key: Record<string, unknown>; rngs?: { state: number }[] };
}

export interface EmbedderTrainReport {
  steps: number;
  bestStep: number;
  bestMetric: number | null;
  finalLoss: number;
}

/**
 * Trains the static embedder with InfoNCE: each batch holds pairs with distinct positive articles,
 * so the other positives are in-batch negatives, plus any mined negatives. Deterministic for a seed.
 * With an evaluator, keeps the parameters of the best evaluation (early stopping).
 */
export function trainEmbedder(p: EmbedderParams, vocab: StaticVocab, pairs: TrainingPair[], o: EmbedderTrainOptions): EmbedderTrainReport {
  const rand = statefulRng(o.seed);
  const adam = new LazyAdam(p, { lrEmbeddings: o.lrEmbeddings, lrWeights: o.lrWeights });
  const grads = new SparseGrads(p.dimension);
  const cache = new Map<string, EncodedText>();
  const encode = (text: string): EncodedText => {
    let e = cache.get(text);
    if (!e) {
      e = encodeForTraining(text, vocab, o.maxLength);
      if (cache.size > 200_000) cache.clear();
      cache.set(text, e);
    }
    return e;
  };
  const order = Array.from(pairs.keys());
  let cursor = order.length;
  let best = { metric: null as number | null, step: 0, embeddings: null as Float32Array | null, weights: null as Float32Array | null };
  let finalLoss = NaN;
  let sinceBest = 0;
  let step = 0;
  const ck = o.checkpoint;
  const identity = ck && { ...ck.key, pairs: pairs.length, steps: o.steps, batchSize: o.batchSize, seed: o.seed, vocab: p.vocabSize, dimension: p.dimension };
  const saved = ck ? readCheckpoint(ck.path, { identity }) : null;
  if (saved) {
    const h = saved.header as { step: number; cursor: number; rng: number; rngs: number[]; best: { metric: number | null; step: number }; sinceBest: number; finalLoss: number | null };
    const a = saved.arrays;
    p.embeddings.set(a.embeddings!);
    p.tokenWeights.set(a.tokenWeights!);
    adam.restore(a as Record<string, Float32Array | Uint32Array>);
    a.order!.forEach((v, i) => (order[i] = v));
    ({ step, cursor, sinceBest } = h);
    finalLoss = h.finalLoss ?? NaN;
    rand.state = h.rng;
    ck!.rngs?.forEach((r, i) => (r.state = h.rngs[i]!));
    best = { ...h.best, embeddings: (a.bestEmbeddings as Float32Array | undefined) ?? null, weights: (a.bestWeights as Float32Array | undefined) ?? null };
  }
  const save = () => {
    const arrays: Record<string, Float32Array | Uint32Array | Int32Array> = {
      embeddings: p.embeddings, tokenWeights: p.tokenWeights, order: Int32Array.from(order), ...adam.state(),
    };
    if (best.embeddings && best.weights) Object.assign(arrays, { bestEmbeddings: best.embeddings, bestWeights: best.weights });
    writeCheckpoint(ck!.path, {
      identity, step, cursor, rng: rand.state, rngs: ck!.rngs?.map((r) => r.state) ?? [],
      best: { metric: best.metric, step: best.step }, sinceBest, finalLoss: Number.isNaN(finalLoss) ? null : finalLoss,
    }, arrays);
  };
  for (; step < o.steps && !o.signal?.aborted; step++) {
    if (ck && step > 0 && step % ck.every === 0 && step !== (saved?.header.step as number | undefined)) save();
    const batch: TrainingPair[] = [];
    const seen = new Set<number>();
    // Distinct positives per batch; a small pair set (fewer distinct articles than the batch size)
    // gives a smaller batch after one pass over the pairs.
    for (let tries = 0; batch.length < o.batchSize && tries < pairs.length; tries++) {
      if (cursor >= order.length) {
        shuffle(order, () => rand.next());
        cursor = 0;
      }
      const pair = pairs[order[cursor++]!]!;
      if (seen.has(pair.articleId)) continue;
      seen.add(pair.articleId);
      batch.push(pair);
    }
    const docTexts = batch.map((b) => b.document);
    if (o.negatives) for (const b of batch) docTexts.push(...o.negatives(b));
    const qs = batch.map((b) => forward(p, encode(b.query), 0));
    const ds = docTexts.map((t) => forward(p, encode(t), 1));
    const r = infoNce(qs.map((x) => x.v), ds.map((x) => x.v), batch.map((_, i) => i), o.temperature);
    grads.clear();
    qs.forEach((x, i) => backward(p, x.t, 0, x.v, x.n, r.gradQueries[i]!, grads));
    ds.forEach((x, j) => backward(p, x.t, 1, x.v, x.n, r.gradDocs[j]!, grads));
    adam.step(grads);
    finalLoss = r.loss;
    let metric: number | null = null;
    if (o.evaluate && o.evaluateEvery && (step + 1) % o.evaluateEvery === 0) {
      metric = o.evaluate();
      if (best.metric === null || metric > best.metric) {
        best = { metric, step: step + 1, embeddings: p.embeddings.slice(), weights: p.tokenWeights.slice() };
        sinceBest = 0;
      } else if (++sinceBest >= (o.patience ?? Infinity)) {
        o.onStep?.({ step: step + 1, steps: o.steps, loss: r.loss, accuracy: r.accuracy, metric });
        step++;
        break;
      }
    }
    o.onStep?.({ step: step + 1, steps: o.steps, loss: r.loss, accuracy: r.accuracy, metric });
  }
  if (ck && !o.signal?.aborted) removeCheckpoint(ck.path);
  if (best.embeddings && best.weights) {
    p.embeddings.set(best.embeddings);
    p.tokenWeights.set(best.weights);
  }
  return { steps: step, bestStep: best.step || step, bestMetric: best.metric, finalLoss };
}

function forward(p: EmbedderParams, t: EncodedText, kind: Kind) {
  const u = new Float64Array(p.dimension);
  const v = new Float64Array(p.dimension);
  pool(p, t, kind, u);
  const n = normalise(u, v);
  return { t, v, n };
}

function shuffle(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}
