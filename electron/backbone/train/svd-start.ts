import type { StaticEmbedderWeights } from '../onnx/static-embedder-graph';
import type { EncodedText } from './embedder-params';
import { randomStaticWeights } from './static-model-writer';
import { randomisedSvd, type CsrMatrix, type Progress } from './linear-algebra';

/**
 * An LSI start for the built-in static embedder: token vectors from a randomised SVD (Halko,
 * Martinsson & Tropp 2011) of the document × token tf-idf matrix X. A document's pooled vector under
 * idf weights is x_d E, so with E = V_k (the top right singular vectors) the untrained model is
 * latent semantic indexing: tokens that co-occur get similar vectors even if a query and its
 * article share none. Each token's vector is then scaled to length 1 (see `unitRows`). All dense
 * work is in Float64 over CSR arrays, one pass over X per product; 58k articles × 63k tokens
 * (8.4M non-zeros) at dimension 128 take about 30 s on two cores.
 *
 * Measured on the STARD validation split (239 queries, dimension 128, seed 42), untrained →
 * after the default 600-step stage 1: R@20 .46 → .52, R@100 .68 → .67, RR@10 .32 → .36; the
 * random start gives .29 → .46, .39 → .64, .20 → .34.
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
  /**
   * Rescale every token's vector to unit length (default). In V_k a rare token's row is short, so
   * its idf weight hardly counts and documents blur together; unit rows keep LSI's directions with
   * the random start's lexical weighting (untrained validation RR@10 .18 → .32).
   */
  unitRows?: boolean;
}


/**
 * Stage 1's start: `dimension` token vectors from the SVD of the documents' tf-idf matrix (texts as
 * encodeForTraining gives them), idf token weights for queries and documents, padding row zero.
 * Deterministic for a seed.
 */
export function svdStaticWeights(
  texts: EncodedText[],
  docFreq: Uint32Array,
  docs: number,
  dimension: number,
  seed: number,
  onProgress?: Progress,
  options: SvdStartOptions = {},
): StaticEmbedderWeights {
  const { power = 0, normaliseRows = true, unitRows = true } = options;
  const V = docFreq.length;
  // Token weights exactly as the random start has them (idf, both rows), so X holds what pooling sees.
  const { tokenWeights } = randomStaticWeights(docFreq, docs, 1, seed);
  const X = tfIdfMatrix(texts, tokenWeights.subarray(V), normaliseRows);
  const { values, right, rank } = randomisedSvd(X, dimension, { seed, oversample: options.oversample, iterations: options.iterations, onProgress });
  const scale = new Float64Array(rank).map((_, c) => (values[c]! > 0 ? values[c]! ** power : 0));
  const embeddings = new Float32Array(V * dimension);
  const norms = new Float64Array(V);
  let squares = 0;
  for (let t = 1; t < V; t++) {
    let s = 0;
    for (let c = 0; c < rank; c++) {
      const e = right[t * rank + c]! * scale[c]!;
      embeddings[t * dimension + c] = e;
      s += e * e;
    }
    norms[t] = Math.sqrt(s);
    squares += s;
  }
  // The cosine ignores each text's length, so the overall size of E is free: give it the random
  // start's (rows of length 1, or mean squared length 1) so the trainer's learning rates mean the same.
  const global = squares > 0 ? Math.sqrt((V - 1) / squares) : 0;
  for (let t = 1; t < V; t++) {
    const f = unitRows ? (norms[t]! > 0 ? 1 / norms[t]! : 0) : global;
    for (let c = 0; c < rank; c++) embeddings[t * dimension + c]! *= f;
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
