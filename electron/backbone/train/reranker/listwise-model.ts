import type { FeatureRerankerWeights } from '../../onnx/feature-reranker-graph';
import { normal, rng } from '../random';

/**
 * The built-in feature reranker's model (onnx/feature-reranker-graph.ts): standardisation with the
 * training mean/std, then forward and backward by hand in float64 on x̂ = (x − mean) / std:
 *   hidden > 0: s = w2 · relu(W1ᵀ x̂ + b1) + b2      hidden = 0: s = w2 · x̂ + b2
 * All parameters live in one flat array, laid out [W1 (F×H, row-major) | b1 (H) | w2 | b2], so the
 * optimiser and the gradient check see a single vector.
 */
export interface ModelShape {
  features: number;
  /** 0 = linear. */
  hidden: number;
}

export interface ParamViews {
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  /** One element. */
  b2: Float64Array;
}

const inner = (s: ModelShape) => (s.hidden > 0 ? s.hidden : s.features);

export function paramCount(s: ModelShape): number {
  return s.features * s.hidden + s.hidden + inner(s) + 1;
}

/** Views into a flat parameter (or gradient) vector. */
function paramViews(s: ModelShape, flat: Float64Array): ParamViews {
  const F = s.features;
  const H = s.hidden;
  const n1 = F * H;
  return {
    w1: flat.subarray(0, n1),
    b1: flat.subarray(n1, n1 + H),
    w2: flat.subarray(n1 + H, n1 + H + inner(s)),
    b2: flat.subarray(n1 + H + inner(s), n1 + H + inner(s) + 1),
  };
}

/** He-initialised W1, w2 ~ N(0, 1/H), zero biases; a linear model starts at zero. Same seed, same vector. */
export function initParams(s: ModelShape, seed: number): Float64Array {
  const flat = new Float64Array(paramCount(s));
  if (s.hidden === 0) return flat;
  const gauss = normal(rng(seed));
  const v = paramViews(s, flat);
  const a1 = Math.sqrt(2 / s.features);
  const a2 = Math.sqrt(1 / s.hidden);
  for (let i = 0; i < v.w1.length; i++) v.w1[i] = gauss() * a1;
  for (let i = 0; i < v.w2.length; i++) v.w2[i] = gauss() * a2;
  return flat;
}

export interface Forward {
  scores: Float64Array;
  /** Hidden pre-activations [n × H] (empty when linear), kept for the backward pass. */
  z: Float64Array;
}

/** Scores of n candidates; `x` is [n × F] standardised features. */
export function forward(s: ModelShape, params: Float64Array, x: Float64Array, n: number): Forward {
  const F = s.features;
  const H = s.hidden;
  const { w1, b1, w2, b2 } = paramViews(s, params);
  const scores = new Float64Array(n);
  const z = new Float64Array(n * H);
  for (let i = 0; i < n; i++) {
    const xi = i * F;
    let out = b2[0];
    if (H === 0) {
      for (let f = 0; f < F; f++) out += w2[f] * x[xi + f];
    } else {
      const zi = i * H;
      for (let h = 0; h < H; h++) z[zi + h] = b1[h];
      for (let f = 0; f < F; f++) {
        const xf = x[xi + f];
        if (xf === 0) continue;
        const row = f * H;
        for (let h = 0; h < H; h++) z[zi + h] += xf * w1[row + h];
      }
      for (let h = 0; h < H; h++) if (z[zi + h] > 0) out += w2[h] * z[zi + h];
    }
    scores[i] = out;
  }
  return { scores, z };
}

/** Adds ∂L/∂params to `grad`, given ∂L/∂scores and the forward pass's cache. */
export function backward(s: ModelShape, params: Float64Array, x: Float64Array, n: number, fwd: Forward, dScores: ArrayLike<number>, grad: Float64Array): void {
  const F = s.features;
  const H = s.hidden;
  const p = paramViews(s, params);
  const g = paramViews(s, grad);
  for (let i = 0; i < n; i++) {
    const d = dScores[i];
    if (d === 0) continue;
    const xi = i * F;
    g.b2[0] += d;
    if (H === 0) {
      for (let f = 0; f < F; f++) g.w2[f] += d * x[xi + f];
      continue;
    }
    const zi = i * H;
    for (let h = 0; h < H; h++) {
      const zh = fwd.z[zi + h];
      if (zh <= 0) continue;
      g.w2[h] += d * zh;
      const dz = d * p.w2[h];
      g.b1[h] += dz;
      for (let f = 0; f < F; f++) g.w1[f * H + h] += dz * x[xi + f];
    }
  }
}

/** λ/2 · (‖W1‖² + ‖w2‖²), its gradient added to `grad`; biases are not regularised. */
export function addL2(s: ModelShape, params: Float64Array, grad: Float64Array, l2: number): number {
  if (l2 === 0) return 0;
  const p = paramViews(s, params);
  const g = paramViews(s, grad);
  let penalty = 0;
  for (const [w, gw] of [[p.w1, g.w1], [p.w2, g.w2]] as const) {
    for (let i = 0; i < w.length; i++) {
      penalty += w[i] * w[i];
      gw[i] += l2 * w[i];
    }
  }
  return (l2 / 2) * penalty;
}

/**
 * Per-feature mean and standard deviation over every candidate of the training lists (what the
 * exported graph subtracts and divides by). A constant feature gets std 1, so it maps to 0.
 */
export interface Standardiser {
  mean: Float64Array;
  std: Float64Array;
}

export function fitStandardiser(rows: Iterable<Float32Array>, features: number): Standardiser {
  const mean = new Float64Array(features);
  const sq = new Float64Array(features);
  let n = 0;
  for (const r of rows) {
    if (r.length !== features) throw new Error(`a feature vector has ${r.length} values, expected ${features}`);
    n++;
    // Welford's update, stable for large offsets.
    for (let f = 0; f < features; f++) {
      const d = r[f] - mean[f];
      mean[f] += d / n;
      sq[f] += d * (r[f] - mean[f]);
    }
  }
  const std = new Float64Array(features);
  for (let f = 0; f < features; f++) {
    const s = n > 0 ? Math.sqrt(sq[f] / n) : 0;
    std[f] = s > 1e-6 ? s : 1;
  }
  return { mean, std };
}

/** [n × F] row-major standardised copy, computed in float32 like the exported graph. */
export function standardise(rows: readonly Float32Array[], st: Standardiser): Float64Array {
  const F = st.mean.length;
  const mean = Float32Array.from(st.mean);
  const std = Float32Array.from(st.std);
  const x = new Float64Array(rows.length * F);
  rows.forEach((r, i) => {
    for (let f = 0; f < F; f++) x[i * F + f] = Math.fround(Math.fround(r[f] - mean[f]) / std[f]);
  });
  return x;
}

/** The exportable weights: this model plus the training mean/std, in float32. */
export function toFeatureWeights(s: ModelShape, params: Float64Array, mean: ArrayLike<number>, std: ArrayLike<number>): FeatureRerankerWeights {
  const v = paramViews(s, params);
  return {
    features: s.features,
    hidden: s.hidden,
    mean: Float32Array.from(mean),
    std: Float32Array.from(std),
    w1: Float32Array.from(v.w1),
    b1: Float32Array.from(v.b1),
    w2: Float32Array.from(v.w2),
    b2: Math.fround(v.b2[0]!),
  };
}

/** Exported weights back into a shape, a flat parameter vector and the standardiser (to train on from them). */
export function fromFeatureWeights(w: FeatureRerankerWeights): { shape: ModelShape; params: Float64Array; standardiser: Standardiser } {
  const shape: ModelShape = { features: w.features, hidden: w.hidden };
  const params = new Float64Array(paramCount(shape));
  const v = paramViews(shape, params);
  v.w1.set(w.w1);
  v.b1.set(w.b1);
  v.w2.set(w.w2);
  v.b2[0] = Math.fround(w.b2);
  return { shape, params, standardiser: { mean: Float64Array.from(w.mean), std: Float64Array.from(w.std) } };
}

/** The exported model's scores computed here (what onnxruntime computes from the same weights). */
export function scoreWithWeights(w: FeatureRerankerWeights, candidates: readonly Float32Array[]): Float64Array {
  const { shape, params, standardiser } = fromFeatureWeights(w);
  return forward(shape, params, standardise(candidates, standardiser), candidates.length).scores;
}
