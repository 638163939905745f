import type { Library } from '../backbone/library';
import type { ModelRuntime } from '../backbone/runtime/model-runtime';
import { getIndex } from '../backbone/vectors/registry';
import { searchVectors } from '../backbone/vectors/search';
import { blobToFloat } from '../backbone/vectors/quantization';

import { latencyPercentiles as percentiles } from '../backbone/eval/percentile';

/** Latency summaries of the bench (one percentile definition for every figure: eval/percentile.ts). */
export { percentiles };

/**
 * Dense top-60 through the vector index against the naive way: every vector in one Float32Array
 * and a dot product with each, in plain JS. Same query vectors, same machine, same run.
 */
export async function bruteForceBaseline(lib: Library, runtime: ModelRuntime, texts: string[]) {
  const embedder = runtime.servingEmbedder();
  const info = embedder && getIndex(lib.db, embedder.key);
  if (!embedder || !info) return null;
  const rows = lib.db.prepare(`SELECT article_id AS id, vector FROM ${info.tables.docs} WHERE vector IS NOT NULL`).all() as { id: number; vector: Buffer }[];
  const source = rows.length
    ? rows
    : (lib.db.prepare(`SELECT rowid AS id, embedding AS vector FROM ${info.tables.knn}`).all() as { id: number; vector: Buffer }[]);
  const dim = info.dimension;
  const ids = Int32Array.from(source, (r) => r.id);
  const matrix = new Float32Array(source.length * dim);
  source.forEach((r, i) => matrix.set(blobToFloat(r.vector), i * dim));
  const vectors = await embedder.model.embed(texts, 'query');
  const indexMs: number[] = [];
  const naiveMs: number[] = [];
  let overlap = 0;
  for (const q of vectors) {
    let t = performance.now();
    const fromIndex = searchVectors(lib.db, info.key, q, 60, { model: { id: info.modelId, fingerprint: embedder.fingerprint } });
    indexMs.push(performance.now() - t);
    t = performance.now();
    const scores = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      let dot = 0;
      const o = i * dim;
      for (let d = 0; d < dim; d++) dot += matrix[o + d]! * q[d]!;
      scores[i] = dot;
    }
    const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]!).slice(0, 60);
    naiveMs.push(performance.now() - t);
    const naiveIds = new Set(order.map((i) => ids[i]!));
    overlap += fromIndex.filter((h) => naiveIds.has(h.articleId)).length / 60;
  }
  const index = percentiles(indexMs);
  const naive = percentiles(naiveMs);
  return {
    vectors: ids.length, dimension: dim, quantization: info.quantization,
    indexMs: index, naiveJsMs: naive,
    speedupP50: Math.round((naive.p50 / index.p50) * 10) / 10,
    recallVsExact: Math.round((overlap / vectors.length) * 1000) / 1000,
  };
}
