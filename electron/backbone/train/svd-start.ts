import type { StaticEmbedderWeights } from '../onnx/static-embedder-graph';
import type { EncodedText } from './embedder-params';
import { normal, rng } from './random';
import { randomStaticWeights } from './static-model-writer';

/**
 * An LSI start for the built-in static embedder: token vectors from a randomised SVD (Halko,
 * Martinsson & Tropp 2011) of the document × token tf-idf matrix X. A document's pooled vector under
 * idf weights is x_d E, so with E = V_k (the top right singular vectors) the untrained model is
 * latent semantic indexing: tokens that co-occur get similar vectors even if a query and its
 * article share none. All dense work is in Float64 over CSR arrays, one pass over X per product.
 */
export interface SvdStartOptions {
  /** E = V_k · diag(σ^power). 0 is plain LSI folding-in. */
  power?: number;
  /** L2-normalise each document's tf-idf row before the SVD (each article counts once). */
  normaliseRows?: boolean;
  /** Extra columns of the Gaussian test matrix. */
  oversample?: number;
  /** Power iterations (each re-orthonormalised). */
  iterations?: number;
}

export type Progress = (phase: string, done: number, total: number) => void;

/** A sparse rows × cols matrix in compressed sparse row form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** rows + 1 offsets into `indices` / `values`. */
  offsets: Uint32Array;
  indices: Int32Array;
  values: Float64Array;
}

export function svdStaticWeights(
  texts: EncodedText[],
  docFreq: Uint32Array,
  docs: number,
  dimension: number,
  seed: number,
  onProgress?: Progress,
  options: SvdStartOptions = {},
): StaticEmbedderWeights {
  const { power = 0, normaliseRows = true } = options;
  const V = docFreq.length;
  // Token weights exactly as the random start has them (idf, both rows), so X holds what pooling sees.
  const { tokenWeights } = randomStaticWeights(docFreq, docs, 1, seed);
  const X = tfIdfMatrix(texts, tokenWeights.subarray(V), normaliseRows);
  const { values, right, rank } = randomisedSvd(X, dimension, { seed, oversample: options.oversample, iterations: options.iterations, onProgress });
  const embeddings = new Float32Array(V * dimension);
  const scale = new Float64Array(rank).map((_, c) => (values[c]! > 0 ? values[c]! ** power : 0));
  let squares = 0;
  for (let t = 0; t < V; t++) {
    for (let c = 0; c < rank; c++) {
      const e = right[t * rank + c]! * scale[c]!;
      squares += e * e;
    }
  }
  // The cosine ignores a global factor; pick the random start's size (mean squared row norm 1 over
  // real tokens) so the trainer's learning rates mean the same for both starts.
  const g = squares > 0 ? Math.sqrt((V - 1) / squares) : 0;
  for (let t = 1; t < V; t++) {
    for (let c = 0; c < rank; c++) embeddings[t * dimension + c] = right[t * rank + c]! * scale[c]! * g;
  }
  return { vocabSize: V, dimension, embeddings, tokenWeights };
}

/** X[d, t] = weight[t] · tf_t, each row optionally L2-normalised. */
export function tfIdfMatrix(texts: EncodedText[], weight: Float32Array, normaliseRows: boolean): CsrMatrix {
  let nnz = 0;
  for (const t of texts) nnz += t.ids.length;
  const offsets = new Uint32Array(texts.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  texts.forEach((t, d) => {
    const start = k;
    let s = 0;
    for (let i = 0; i < t.ids.length; i++) {
      const x = weight[t.ids[i]!]! * t.tf[i]!;
      indices[k] = t.ids[i]!;
      values[k++] = x;
      s += x * x;
    }
    if (normaliseRows && s > 0) for (let i = start, n = 1 / Math.sqrt(s); i < k; i++) values[i] = values[i]! * n;
    offsets[d + 1] = k;
  });
  return { rows: texts.length, cols: weight.length, offsets, indices, values };
}

export interface SvdResult {
  /** Top singular values, descending (length `rank`). */
  values: Float64Array;
  /** Right singular vectors, cols × rank, row-major; each column's largest entry is positive. */
  right: Float64Array;
  rank: number;
}

/** Top-k singular values and right singular vectors of X by randomised subspace iteration. */
export function randomisedSvd(X: CsrMatrix, k: number, opts: { seed: number; oversample?: number; iterations?: number; onProgress?: Progress }): SvdResult {
  const { rows: m, cols: n } = X;
  const rank = Math.min(k, m, n);
  const l = Math.min(rank + (opts.oversample ?? 16), m, n);
  const iterations = opts.iterations ?? 2;
  const total = 2 * iterations + 2;
  let done = 0;
  const step = () => opts.onProgress?.('svd start', ++done, total);
  const gauss = normal(rng(opts.seed));
  const omega = Float64Array.from({ length: n * l }, gauss);
  opts.onProgress?.('svd start', 0, total);
  let Q = orthonormalise(times(X, omega, l), m, l, gauss);
  step();
  for (let it = 0; it < iterations; it++) {
    const Z = orthonormalise(transposeTimes(X, Q, l), n, l, gauss);
    step();
    Q = orthonormalise(times(X, Z, l), m, l, gauss);
    step();
  }
  // Bᵀ = Xᵀ Q (n × l); B Bᵀ = W Σ² Wᵀ; V = Bᵀ W Σ⁻¹.
  const Bt = transposeTimes(X, Q, l);
  step();
  const G = new Float64Array(l * l);
  for (let r = 0; r < n; r++) {
    const o = r * l;
    for (let a = 0; a < l; a++) {
      const x = Bt[o + a]!;
      if (x === 0) continue;
      for (let b = a; b < l; b++) G[a * l + b] += x * Bt[o + b]!;
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a]!;
  const { values: eig, vectors: W } = symmetricEigen(G, l);
  const values = new Float64Array(rank).map((_, c) => Math.sqrt(Math.max(eig[c]!, 0)));
  const right = new Float64Array(n * rank);
  const tiny = values[0]! * 1e-10;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < rank; c++) {
      if (values[c]! <= tiny) continue;
      let s = 0;
      for (let a = 0; a < l; a++) s += Bt[r * l + a]! * W[a * l + c]!;
      right[r * rank + c] = s / values[c]!;
    }
  }
  for (let c = 0; c < rank; c++) {
    let best = 0;
    for (let r = 0; r < n; r++) if (Math.abs(right[r * rank + c]!) > Math.abs(best)) best = right[r * rank + c]!;
    if (best < 0) for (let r = 0; r < n; r++) right[r * rank + c] = -right[r * rank + c]!;
  }
  step();
  return { values, right, rank };
}

/** X · B for a dense cols × l row-major B: rows × l. */
export function times(X: CsrMatrix, B: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.rows * l);
  for (let i = 0; i < X.rows; i++) {
    const o = i * l;
    for (let p = X.offsets[i]!, end = X.offsets[i + 1]!; p < end; p++) {
      const a = X.values[p]!;
      const b = X.indices[p]! * l;
      for (let c = 0; c < l; c++) out[o + c] += a * B[b + c]!;
    }
  }
  return out;
}

/** Xᵀ · B for a dense rows × l row-major B: cols × l. */
export function transposeTimes(X: CsrMatrix, B: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.cols * l);
  for (let i = 0; i < X.rows; i++) {
    const o = i * l;
    for (let p = X.offsets[i]!, end = X.offsets[i + 1]!; p < end; p++) {
      const a = X.values[p]!;
      const b = X.indices[p]! * l;
      for (let c = 0; c < l; c++) out[b + c] += a * B[o + c]!;
    }
  }
  return out;
}

/**
 * An orthonormal basis of the columns of a rows × l row-major matrix, in place: modified
 * Gram-Schmidt run twice per column on a column-major copy. A column that vanishes (rank
 * deficiency) is replaced by a fresh random direction, so the result always has l orthonormal columns.
 */
export function orthonormalise(A: Float64Array, rows: number, l: number, gauss: () => number): Float64Array {
  const C = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) for (let c = 0; c < l; c++) C[c * rows + r] = A[r * l + c]!;
  for (let j = 0; j < l; j++) {
    const q = C.subarray(j * rows, (j + 1) * rows);
    for (let attempt = 0; ; attempt++) {
      const before = Math.sqrt(dot(q, q));
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < j; i++) {
          const p = C.subarray(i * rows, (i + 1) * rows);
          const s = dot(p, q);
          for (let r = 0; r < rows; r++) q[r] -= s * p[r]!;
        }
      }
      const after = Math.sqrt(dot(q, q));
      if (after > 1e-10 * before && after > 0) {
        for (let r = 0; r < rows; r++) q[r] /= after;
        break;
      }
      if (attempt > 3) throw new Error('orthonormalise: cannot extend the basis');
      for (let r = 0; r < rows; r++) q[r] = gauss();
    }
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < l; c++) A[r * l + c] = C[c * rows + r]!;
  return A;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Eigenvalues (descending) and eigenvectors (columns of an n × n row-major matrix) of a symmetric
 * matrix by cyclic Jacobi rotations.
 */
export function symmetricEigen(S: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const A = S.slice();
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += A[p * n + p]! ** 2;
      for (let q = p + 1; q < n; q++) off += A[p * n + q]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const theta = (A[q * n + q]! - A[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          // A ← Jᵀ A J, applied as column then row rotations of p and q.
          const arp = A[r * n + p]!;
          const arq = A[r * n + q]!;
          A[r * n + p] = c * arp - s * arq;
          A[r * n + q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = A[p * n + r]!;
          const aqr = A[q * n + r]!;
          A[p * n + r] = c * apr - s * aqr;
          A[q * n + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = V[r * n + p]!;
          const vrq = V[r * n + q]!;
          V[r * n + p] = c * vrp - s * vrq;
          V[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => A[b * n + b]! - A[a * n + a]!);
  const values = Float64Array.from(order, (i) => A[i * n + i]!);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) order.forEach((i, c) => (vectors[r * n + c] = V[r * n + i]!));
  return { values, vectors };
}
