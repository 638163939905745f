import { meanMeasures, parseMeasure } from '../backbone/eval/measures';
import type { EvalQuery } from '../backbone/eval/stard-queries';
import type { Library } from '../backbone/library';
import { fuse } from '../backbone/pipeline/fusion';
import { denseRankings } from './eval-dense';

/**
 * How the pipeline's fusion weights were chosen: one embedder folder's exact dense ranking fused
 * with BM25 by weighted RRF (dense weight 1) over a grid of lexical weights.
 */
export async function fusionGrid(
  lib: Library, queries: readonly EvalQuery[], modelDir: string, onProgress?: (phase: string, done: number, total: number) => void,
): Promise<{ model: string; dense: Record<string, number>; hybrid: { lexicalWeight: number; metrics: Record<string, number> }[] }> {
  const measures = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'].map(parseMeasure);
  const { modelId, rankings } = await denseRankings(lib.db, modelDir, queries.map((q) => q.text), 100, onProgress);
  const lexicalLists = queries.map((q) => lib.lexical.search(q.text, {}, 100).hits);
  const hybrid = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1].map((w) => ({
    lexicalWeight: w,
    metrics: meanMeasures(measures, queries.map((q, i) => ({
      ranked: fuse([
        { source: 'dense', weight: 1, items: rankings[i]! },
        { source: 'lexical', weight: w, items: lexicalLists[i]! },
      ]).map((c) => c.articleId),
      relevant: q.relevant,
    }))),
  }));
  return { model: modelId, dense: meanMeasures(measures, queries.map((q, i) => ({ ranked: rankings[i]!.map((r) => r.articleId), relevant: q.relevant }))), hybrid };
}
