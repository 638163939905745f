import { encodeStatic, type StaticVocab } from '../inference/static-vocab';
import type { StaticEmbedderWeights } from '../onnx/static-embedder-graph';

/**
 * The trainable parameters of the built-in `lexbone-static` embedder, in the layout the ONNX
 * exporter writes: E [vocab × dim] token vectors, W [2 × vocab] token weights (row 0 queries,
 * row 1 documents). Index 0 is padding and never trained.
 */
export interface EmbedderParams extends StaticEmbedderWeights {}

/** A text as the model sees it: distinct token ids with their 1 + ln(count) weights. */
export interface EncodedText {
  ids: Int32Array;
  tf: Float32Array;
}

export function encodeForTraining(text: string, vocab: StaticVocab, maxLength: number): EncodedText {
  const { ids, weights } = encodeStatic(text, vocab, maxLength);
  return { ids: Int32Array.from(ids), tf: Float32Array.from(weights) };
}

export type Kind = 0 | 1;

/** The pooled, un-normalised vector u = Σ_t W[kind, id_t] · tf_t · E[id_t]. */
export function pool(p: EmbedderParams, t: EncodedText, kind: Kind, out: Float64Array): void {
  const D = p.dimension;
  const V = p.vocabSize;
  out.fill(0);
  for (let i = 0; i < t.ids.length; i++) {
    const id = t.ids[i]!;
    const w = p.tokenWeights[kind * V + id]! * t.tf[i]!;
    if (w === 0) continue;
    const o = id * D;
    for (let d = 0; d < D; d++) out[d] += w * p.embeddings[o + d]!;
  }
}

/** v = u / |u| and |u| (0 for an empty text, whose v stays 0). */
export function normalise(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let d = 0; d < u.length; d++) s += u[d]! * u[d]!;
  const n = Math.sqrt(s);
  for (let d = 0; d < u.length; d++) v[d] = n > 0 ? u[d]! / n : 0;
  return n;
}
