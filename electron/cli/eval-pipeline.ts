import type { PresetName } from '../contract/types';
import { SearchRequest } from '../contract/schemas';
import { meanMeasures, parseMeasure } from '../backbone/eval/measures';
import type { EvalQuery } from '../backbone/eval/stard-queries';
import type { Library } from '../backbone/library';
import { PRESETS } from '../backbone/pipeline/presets';
import { startRuntime } from './start-runtime';

export interface PipelineRow {
  preset: PresetName;
  k: number;
  n: number;
  metrics: Record<string, number>;
  p50Ms: number;
}

/**
 * The whole search pipeline as the app runs it — models loaded in the inference host, the vector
 * index built, each query through the library's search with a budget preset — scored on the hits
 * it returns (the N best). The embedder and reranker are picked like the app picks them, or by id.
 */
export async function evalPipeline(
  lib: Library,
  queries: EvalQuery[],
  opts: { modelDirs: string[]; embedder?: string; reranker?: string; onProgress?: (phase: string, done: number, total: number) => void },
): Promise<{ embedder: string | null; reranker: string | null; rows: PipelineRow[] }> {
  const { close } = await startRuntime(lib, { modelDirs: opts.modelDirs, embedder: opts.embedder, reranker: opts.reranker, batchSize: 128 }, opts.onProgress);
  try {
    const rows: PipelineRow[] = [];
    let models = { embedder: null as string | null, reranker: null as string | null };
    for (const preset of Object.keys(PRESETS) as PresetName[]) {
      const { k, n } = PRESETS[preset];
      const measures = [`RR@${n}`, `nDCG@${n}`, `R@${n}`].map(parseMeasure);
      const ms: number[] = [];
      const runs = [];
      for (const [i, q] of queries.entries()) {
        const t = performance.now();
        const res = await lib.search(SearchRequest.parse({ query: q.text, preset, limit: n }));
        ms.push(performance.now() - t);
        models = res.models;
        runs.push({ ranked: res.hits.map((h) => h.articleId), relevant: q.relevant });
        opts.onProgress?.(`pipeline ${preset}`, i + 1, queries.length);
      }
      ms.sort((a, b) => a - b);
      rows.push({ preset, k, n, metrics: meanMeasures(measures, runs), p50Ms: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10 });
    }
    return { ...models, rows };
  } finally {
    await close();
  }
}
