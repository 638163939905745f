import { describe, expect, it } from 'vitest';
import { LazyAdam } from '../../../electron/backbone/train/adam';
import { backward, SparseGrads } from '../../../electron/backbone/train/embedder-backward';
import { normalise, pool, type EmbedderParams, type EncodedText, type Kind } from '../../../electron/backbone/train/embedder-params';
import { infoNce } from '../../../electron/backbone/train/info-nce';
import { normal, rng } from '../../../electron/backbone/train/random';
import { centralDifference } from '../../helpers/central-difference';

const V = 7;
const D = 4;

function params(seed: number): EmbedderParams {
  const g = normal(rng(seed));
  const embeddings = Float32Array.from({ length: V * D }, (_, i) => (i < D ? 0 : g()));
  const tokenWeights = Float32Array.from({ length: 2 * V }, (_, i) => (i % V === 0 ? 0 : 0.5 + ((i * 37) % 10) / 10));
  return { vocabSize: V, dimension: D, embeddings, tokenWeights };
}

const text = (ids: number[], tf: number[]): EncodedText => ({ ids: Int32Array.from(ids), tf: Float32Array.from(tf) });
const queries = [text([1, 2], [1, 1.69]), text([3, 4], [1, 1]), text([5], [1])];
const docs = [text([1, 6, 2], [1, 1, 1]), text([3, 5], [2.1, 1]), text([5, 4, 6], [1, 1, 1]), text([2, 6], [1, 1])];
const positives = [0, 1, 2];
const TAU = 0.1;

function embedAll(p: EmbedderParams, texts: EncodedText[], kind: Kind) {
  return texts.map((t) => {
    const u = new Float64Array(D);
    const v = new Float64Array(D);
    pool(p, t, kind, u);
    const n = normalise(u, v);
    return { v, n };
  });
}

function loss(p: EmbedderParams): number {
  return infoNce(embedAll(p, queries, 0).map((e) => e.v), embedAll(p, docs, 1).map((e) => e.v), positives, TAU).loss;
}

function analytic(p: EmbedderParams): SparseGrads {
  const q = embedAll(p, queries, 0);
  const d = embedAll(p, docs, 1);
  const r = infoNce(q.map((e) => e.v), d.map((e) => e.v), positives, TAU);
  const g = new SparseGrads(D);
  queries.forEach((t, i) => backward(p, t, 0, q[i]!.v, q[i]!.n, r.gradQueries[i]!, g));
  docs.forEach((t, j) => backward(p, t, 1, d[j]!.v, d[j]!.n, r.gradDocs[j]!, g));
  return g;
}

describe('static embedder gradients', () => {
  it('match finite differences for token vectors and token weights', () => {
    const p = params(3);
    const g = analytic(p);
    const h = 1e-3;
    const check = (arr: Float32Array, i: number, expected: number) => {
      const numeric = centralDifference(arr, i, () => loss(p), h);
      expect(Math.abs(numeric - expected)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
    };
    for (const id of [1, 2, 5, 6]) for (let d = 0; d < D; d++) check(p.embeddings, id * D + d, g.rows.get(id)![d]!);
    for (const [i, gw] of g.weights) check(p.tokenWeights, i, gw);
    expect(g.weights.size).toBeGreaterThan(8); // query and document weights both trained
  });

  it('InfoNCE by hand: two queries, two documents', () => {
    const r = infoNce([Float64Array.of(1, 0), Float64Array.of(0, 1)], [Float64Array.of(1, 0), Float64Array.of(0, 1)], [0, 1], 1);
    // each row: logits (1, 0) → −log(e/(e+1))
    expect(r.loss).toBeCloseTo(-Math.log(Math.E / (Math.E + 1)), 12);
    expect(r.accuracy).toBe(1);
  });

  it('lazy Adam lowers the loss on the toy batch and keeps weights non-negative', () => {
    const p = params(5);
    const before = loss(p);
    const adam = new LazyAdam(p, { lrEmbeddings: 0.05, lrWeights: 0.05 });
    for (let s = 0; s < 50; s++) adam.step(analytic(p));
    expect(loss(p)).toBeLessThan(before * 0.5);
    expect(Math.min(...p.tokenWeights)).toBeGreaterThanOrEqual(0);
  });
});
