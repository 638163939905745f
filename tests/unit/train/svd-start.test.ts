import { describe, expect, it } from 'vitest';
import { normalise, pool, type EmbedderParams, type EncodedText } from '../../../electron/backbone/train/embedder-params';
import { rng } from '../../../electron/backbone/train/random';
import { randomStaticWeights } from '../../../electron/backbone/train/static-model-writer';
import { randomisedSvd, type CsrMatrix } from '../../../electron/backbone/train/linear-algebra';
import { svdStaticWeights, tfIdfMatrix } from '../../../electron/backbone/train/svd-start';

const text = (ids: number[], tf = ids.map(() => 1)): EncodedText => ({ ids: Int32Array.from(ids), tf: Float32Array.from(tf) });

/** Documents drawn from `topics` groups of tokens (plus a few shared ones): a spectrum that decays like real text's. */
function topicCorpus(docs: number, tokens: number, topics: number, seed: number): EncodedText[] {
  const rand = rng(seed);
  const per = Math.floor((tokens - 1) / (topics + 1));
  return Array.from({ length: docs }, (_, d) => {
    const counts = new Map<number, number>();
    const topic = d % topics;
    for (let i = 0; i < 12; i++) {
      const shared = rand() < 0.3;
      const id = 1 + (shared ? topics * per : topic * per) + Math.floor(rand() * per);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return text([...counts.keys()], [...counts.values()].map((n) => 1 + Math.log(n)));
  });
}

const ones = (n: number) => new Float32Array(n).fill(1);

function dense(X: CsrMatrix): number[][] {
  const out = Array.from({ length: X.rows }, () => new Array<number>(X.cols).fill(0));
  for (let i = 0; i < X.rows; i++) for (let p = X.offsets[i]!; p < X.offsets[i + 1]!; p++) out[i]![X.indices[p]!] = X.values[p]!;
  return out;
}

/** Reference: top eigenpairs of XᵀX by power iteration with deflation, done densely and slowly. */
function referenceTop(X: CsrMatrix, k: number): { values: number[]; vectors: number[][] } {
  const A = dense(X);
  const n = X.cols;
  const M = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => A.reduce((s, row) => s + row[a]! * row[b]!, 0)));
  const values: number[] = [];
  const vectors: number[][] = [];
  for (let c = 0; c < k; c++) {
    let v = Array.from({ length: n }, (_, i) => Math.sin(i + 1 + c));
    let lambda = 0;
    for (let it = 0; it < 20_000; it++) {
      const w = M.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
      for (const u of vectors) {
        const d = u.reduce((s, x, j) => s + x * w[j]!, 0);
        for (let j = 0; j < n; j++) w[j] -= d * u[j]!;
      }
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
      if (Math.abs(norm - lambda) < 1e-14 * norm) break;
      lambda = norm;
    }
    values.push(Math.sqrt(lambda));
    vectors.push(v);
  }
  return { values, vectors };
}

const column = (right: Float64Array, rank: number, c: number, n: number) => Array.from({ length: n }, (_, r) => right[r * rank + c]!);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('randomisedSvd', () => {
  const X = tfIdfMatrix(topicCorpus(150, 61, 5, 1), ones(61), true);
  const ref = referenceTop(X, 8);

  it('recovers the exact top singular values and vectors when the sketch spans the whole space', () => {
    const svd = randomisedSvd(X, 8, { seed: 3, oversample: 61, iterations: 1 });
    expect(svd.rank).toBe(8);
    for (let c = 0; c < 8; c++) {
      expect(svd.values[c]).toBeCloseTo(ref.values[c]!, 8);
      // Same vector up to sign (column 0 of the token matrix is all zeros here, which changes nothing).
      expect(Math.abs(dot(column(svd.right, 8, c, 61), ref.vectors[c]!))).toBeCloseTo(1, 8);
    }
  });

  it('approaches the leading singular values with each power iteration (2, the default, is within 1e-3)', () => {
    const worst = (iterations?: number) => {
      const svd = randomisedSvd(X, 5, { seed: 5, oversample: 10, iterations });
      expect([...svd.values]).toEqual([...svd.values].sort((a, b) => b - a));
      return Math.max(...ref.values.slice(0, 5).map((v, c) => Math.abs(svd.values[c]! - v) / v));
    };
    const errors = [worst(0), worst(1), worst(), worst(3)];
    expect(errors[1]).toBeLessThan(errors[0]!);
    expect(errors[2]).toBeLessThan(Math.min(1e-3, errors[1]! / 5));
    expect(errors[3]).toBeLessThan(Math.min(1e-4, errors[2]! / 5));
  });

  it('returns orthonormal right singular vectors, the same for the same seed', () => {
    const a = randomisedSvd(X, 10, { seed: 7 });
    const b = randomisedSvd(X, 10, { seed: 7 });
    expect(b.right).toEqual(a.right);
    for (let c = 0; c < 10; c++) {
      for (let d = c; d < 10; d++) expect(dot(column(a.right, 10, c, 61), column(a.right, 10, d, 61))).toBeCloseTo(c === d ? 1 : 0, 10);
    }
  });
});

describe('svdStaticWeights', () => {
  // Two topics whose tokens only co-occur inside the topic; 7 appears everywhere.
  const corpus = [
    [1, 2], [1, 3], [2, 3], [1, 2, 3], [1, 2, 7], [2, 3, 7], [1, 3], [1, 2],
    [4, 5], [4, 6], [5, 6], [4, 5, 6], [4, 5, 7], [5, 6, 7], [4, 6], [4, 5],
  ].map((ids) => text(ids));
  const V = 8;
  const docFreq = new Uint32Array(V);
  for (const t of corpus) for (const id of t.ids) docFreq[id]++;
  const embed = (p: EmbedderParams, t: EncodedText, kind: 0 | 1) => {
    const u = new Float64Array(p.dimension);
    const v = new Float64Array(p.dimension);
    pool(p, t, kind, u);
    normalise(u, v);
    return v;
  };
  const cosine = (p: EmbedderParams, q: number[], d: number[]) => {
    const a = embed(p, text(q), 0);
    const b = embed(p, text(d), 1);
    return a.reduce((s, x, i) => s + x * b[i]!, 0);
  };

  it('links a query to an article it shares no token with, through co-occurrence (the point of LSI)', () => {
    const p = svdStaticWeights(corpus, docFreq, corpus.length, 2, 1);
    // Query "1" and article "2 3" share nothing, but 1 co-occurs with 2 and 3 and never with 4-6.
    expect(cosine(p, [1], [2, 3])).toBeGreaterThan(0.9);
    expect(Math.abs(cosine(p, [1], [4, 5]))).toBeLessThan(0.2);
    expect(Math.abs(cosine(p, [4], [2, 3]))).toBeLessThan(0.2);
    expect(cosine(p, [4], [5, 6])).toBeGreaterThan(0.9);
  });

  it('keeps padding at zero, uses the idf weights of the random start, and its scale', () => {
    const p = svdStaticWeights(corpus, docFreq, corpus.length, 4, 1);
    expect(p.embeddings.subarray(0, 4).every((x) => x === 0)).toBe(true);
    expect(p.tokenWeights).toEqual(randomStaticWeights(docFreq, corpus.length, 4, 1).tokenWeights);
    // Unit token vectors by default; else the random start's mean squared length of 1.
    for (let t = 1; t < V; t++) expect(Math.hypot(...p.embeddings.subarray(t * 4, t * 4 + 4))).toBeCloseTo(1, 5);
    const q = svdStaticWeights(corpus, docFreq, corpus.length, 4, 1, undefined, { unitRows: false });
    let squares = 0;
    for (const x of q.embeddings) squares += x * x;
    expect(squares / (V - 1)).toBeCloseTo(1, 5);
  });

  it('is deterministic for a seed, and a singular-value power only rescales the components', () => {
    const a = svdStaticWeights(corpus, docFreq, corpus.length, 3, 9, undefined, { power: 0, unitRows: false });
    expect(svdStaticWeights(corpus, docFreq, corpus.length, 3, 9, undefined, { power: 0, unitRows: false })).toEqual(a);
    const b = svdStaticWeights(corpus, docFreq, corpus.length, 3, 9, undefined, { power: 1, unitRows: false });
    for (let c = 0; c < 3; c++) {
      const ratios = Array.from({ length: V - 1 }, (_, t) => [a.embeddings[(t + 1) * 3 + c]!, b.embeddings[(t + 1) * 3 + c]!]).filter(([x]) => Math.abs(x!) > 1e-3);
      for (const [x, y] of ratios) expect(y! / x!).toBeCloseTo(ratios[0]![1]! / ratios[0]![0]!, 4);
    }
  });
});
