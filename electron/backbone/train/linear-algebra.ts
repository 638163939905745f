/**
 * The linear algebra of the SVD start (svd-start.ts) and the reading table's projection: sparse
 * CSR matrices, a randomised truncated SVD, block Gram–Schmidt and a Jacobi eigen-solver for small
 * symmetric matrices. Float64 throughout; dense matrices are row-major.
 */
import { normal, rng } from './random';

/** Progress of a long computation: phase, done, total. */
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

export interface SvdResult {
  /** Top singular values, descending (length `rank`). */
  values: Float64Array;
  /** Right singular vectors, cols × rank, row-major; each column's largest entry is positive. */
  right: Float64Array;
  rank: number;
}

/**
 * Top-k singular values and right singular vectors of X by randomised subspace iteration: Y = XΩ,
 * then `iterations` times Y = X(XᵀQ), orthonormalising Y each time (on the document side only: the
 * token side XᵀQ is then as well conditioned as X itself, and one basis per iteration halves the
 * Gram-Schmidt work). With Q a basis of the result, B = QᵀX is small: B Bᵀ = W Σ² Wᵀ by Jacobi,
 * and V = Bᵀ W Σ⁻¹.
 */
export function randomisedSvd(X: CsrMatrix, k: number, opts: { seed: number; oversample?: number; iterations?: number; onProgress?: Progress }): SvdResult {
  const { rows: m, cols: n } = X;
  const rank = Math.min(k, m, n);
  const l = Math.min(rank + (opts.oversample ?? 16), m, n);
  const iterations = opts.iterations ?? 2;
  const total = 2 * iterations + 3;
  let done = 0;
  const step = () => opts.onProgress?.('svd start', ++done, total);
  opts.onProgress?.('svd start', 0, total);
  const gauss = normal(rng(opts.seed));
  const Xt = transpose(X);
  step();
  let Q = orthonormalise(times(X, Float64Array.from({ length: n * l }, gauss), l), m, l, gauss);
  step();
  for (let it = 0; it < iterations; it++) {
    const Z = times(Xt, Q, l);
    step();
    Q = orthonormalise(times(X, Z, l), m, l, gauss);
    step();
  }
  const Bt = times(Xt, Q, l);
  const G = gram(Bt, n, l);
  const { values: eig, vectors: W } = symmetricEigen(G, l);
  const values = new Float64Array(rank).map((_, c) => Math.sqrt(Math.max(eig[c]!, 0)));
  // W's first `rank` columns, each divided by its σ (a vanishing σ gives a zero vector).
  const Wk = new Float64Array(l * rank);
  for (let a = 0; a < l; a++) for (let c = 0; c < rank; c++) Wk[a * rank + c] = values[c]! > values[0]! * 1e-10 ? W[a * l + c]! / values[c]! : 0;
  const right = denseTimes(Bt, n, l, Wk, rank);
  for (let c = 0; c < rank; c++) {
    let best = 0;
    for (let r = 0; r < n; r++) if (Math.abs(right[r * rank + c]!) > Math.abs(best)) best = right[r * rank + c]!;
    if (best < 0) for (let r = 0; r < n; r++) right[r * rank + c] = -right[r * rank + c]!;
  }
  step();
  return { values, right, rank };
}

/**
 * out[o .. o+w) += Σ_{p ∈ [from, to)} coef[p] · B[row_p · w .. +w), with row_p = idx[p] (sparse) or
 * p − from (dense). The one kernel behind every product here, four rows at a time: in V8 that is
 * several times faster than one, since `out` is read and written a quarter as often.
 */
function addRows(out: Float64Array, o: number, coef: Float64Array, idx: Int32Array | null, from: number, to: number, B: Float64Array, w: number): void {
  let p = from;
  for (; p + 3 < to; p += 4) {
    const a0 = coef[p]!, a1 = coef[p + 1]!, a2 = coef[p + 2]!, a3 = coef[p + 3]!;
    const b0 = (idx ? idx[p]! : p - from) * w;
    const b1 = (idx ? idx[p + 1]! : p + 1 - from) * w;
    const b2 = (idx ? idx[p + 2]! : p + 2 - from) * w;
    const b3 = (idx ? idx[p + 3]! : p + 3 - from) * w;
    for (let c = 0; c < w; c++) out[o + c] += a0 * B[b0 + c]! + a1 * B[b1 + c]! + a2 * B[b2 + c]! + a3 * B[b3 + c]!;
  }
  for (; p < to; p++) {
    const a = coef[p]!;
    const b = (idx ? idx[p]! : p - from) * w;
    for (let c = 0; c < w; c++) out[o + c] += a * B[b + c]!;
  }
}

/** X · B for a dense X.cols × l row-major B: X.rows × l. */
export function times(X: CsrMatrix, B: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.rows * l);
  for (let i = 0; i < X.rows; i++) addRows(out, i * l, X.values, X.indices, X.offsets[i]!, X.offsets[i + 1]!, B, l);
  return out;
}

/** Xᵀ in CSR form (so Xᵀ · B gathers rows like X · B does, instead of scattering). */
export function transpose(X: CsrMatrix): CsrMatrix {
  const nnz = X.offsets[X.rows]!;
  const offsets = new Uint32Array(X.cols + 1);
  for (let p = 0; p < nnz; p++) offsets[X.indices[p]! + 1]++;
  for (let j = 0; j < X.cols; j++) offsets[j + 1] += offsets[j]!;
  const next = offsets.slice(0, X.cols);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.offsets[i]!, end = X.offsets[i + 1]!; p < end; p++) {
      const q = next[X.indices[p]!]++;
      indices[q] = i;
      values[q] = X.values[p]!;
    }
  }
  return { rows: X.cols, cols: X.rows, offsets, indices, values };
}

/** A (r × inner) · B (inner × w), both dense row-major. */
function denseTimes(A: Float64Array, r: number, inner: number, B: Float64Array, w: number): Float64Array {
  const out = new Float64Array(r * w);
  for (let i = 0; i < r; i++) addRows(out, i * w, A, null, i * inner, (i + 1) * inner, B, w);
  return out;
}

/** AᵀA for a dense r × c row-major A, over blocks of rows that stay in cache. */
function gram(A: Float64Array, r: number, c: number): Float64Array {
  const At = transposeDense(A, r, c);
  const out = new Float64Array(c * c);
  for (let r0 = 0; r0 < r; r0 += 256) {
    const r1 = Math.min(r, r0 + 256);
    const block = A.subarray(r0 * c, r1 * c);
    for (let a = 0; a < c; a++) addRows(out, a * c, At, null, a * r + r0, a * r + r1, block, c);
  }
  return out;
}

function transposeDense(A: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = A[i * c + j]!;
  return out;
}

/**
 * An orthonormal basis of the columns of a rows × l row-major matrix, in place: classical
 * Gram-Schmidt applied twice per column ("twice is enough", as stable as modified Gram-Schmidt
 * with re-orthogonalisation) on a column-major copy. A column that vanishes (rank deficiency) is
 * replaced by a fresh random direction, so the result always has l orthonormal columns.
 */
export function orthonormalise(A: Float64Array, rows: number, l: number, gauss: () => number): Float64Array {
  const C = transposeDense(A, rows, l);
  const s = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    const o = j * rows;
    for (let attempt = 0; ; attempt++) {
      const before = Math.sqrt(dotColumns(C, o, o, rows));
      for (let pass = 0; pass < 2; pass++) {
        minusDots(C, o, j, rows, s);
        addRows(C, o, s, null, 0, j, C, rows);
      }
      const after = Math.sqrt(dotColumns(C, o, o, rows));
      if (after > 1e-10 * before && after > 0) {
        for (let r = 0; r < rows; r++) C[o + r] /= after;
        break;
      }
      if (attempt > 3) throw new Error('orthonormalise: cannot extend the basis');
      for (let r = 0; r < rows; r++) C[o + r] = gauss();
    }
  }
  A.set(transposeDense(C, l, rows));
  return A;
}

/** s[i] = −(column i · column at o) for i < j, four columns per pass over the latter. */
function minusDots(C: Float64Array, o: number, j: number, rows: number, s: Float64Array): void {
  let i = 0;
  for (; i + 3 < j; i += 4) {
    const c0 = i * rows, c1 = c0 + rows, c2 = c1 + rows, c3 = c2 + rows;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let r = 0; r < rows; r++) {
      const q = C[o + r]!;
      s0 += C[c0 + r]! * q;
      s1 += C[c1 + r]! * q;
      s2 += C[c2 + r]! * q;
      s3 += C[c3 + r]! * q;
    }
    s[i] = -s0;
    s[i + 1] = -s1;
    s[i + 2] = -s2;
    s[i + 3] = -s3;
  }
  for (; i < j; i++) s[i] = -dotColumns(C, i * rows, o, rows);
}

function dotColumns(C: Float64Array, a: number, b: number, rows: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) s += C[a + r]! * C[b + r]!;
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
