import type { EmbedderParams, EncodedText, Kind } from './embedder-params';

/**
 * Gradients of the static embedder, accumulated sparsely: only the token rows a batch touched.
 * Given dL/dv for a text's normalised vector v = u/|u|:
 *   dL/du = (dL/dv − v (v · dL/dv)) / |u|
 *   dL/dE[id] += W[kind, id] · tf · dL/du
 *   dL/dW[kind, id] += tf · (E[id] · dL/du)
 */
export class SparseGrads {
  /** token id → gradient of its E row */
  readonly rows = new Map<number, Float64Array>();
  /** kind·V + id → gradient of the token weight */
  readonly weights = new Map<number, number>();

  constructor(private readonly dimension: number) {}

  row(id: number): Float64Array {
    let r = this.rows.get(id);
    if (!r) {
      r = new Float64Array(this.dimension);
      this.rows.set(id, r);
    }
    return r;
  }

  clear(): void {
    this.rows.clear();
    this.weights.clear();
  }
}

export function backward(
  p: EmbedderParams,
  t: EncodedText,
  kind: Kind,
  v: Float64Array,
  norm: number,
  gradV: Float64Array,
  grads: SparseGrads,
): void {
  if (norm === 0) return;
  const D = p.dimension;
  const V = p.vocabSize;
  let dot = 0;
  for (let d = 0; d < D; d++) dot += v[d]! * gradV[d]!;
  const gu = new Float64Array(D);
  for (let d = 0; d < D; d++) gu[d] = (gradV[d]! - v[d]! * dot) / norm;
  for (let i = 0; i < t.ids.length; i++) {
    const id = t.ids[i]!;
    if (id === 0) continue;
    const wIndex = kind * V + id;
    const w = p.tokenWeights[wIndex]!;
    const tf = t.tf[i]!;
    const o = id * D;
    const row = grads.row(id);
    let eDotGu = 0;
    for (let d = 0; d < D; d++) {
      row[d] += w * tf * gu[d]!;
      eDotGu += p.embeddings[o + d]! * gu[d]!;
    }
    grads.weights.set(wIndex, (grads.weights.get(wIndex) ?? 0) + tf * eDotGu);
  }
}
