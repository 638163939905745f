import type { SearchRequestParsed } from '../../contract/schemas';
import type { SearchHit, SearchResponse } from '../../contract/types';
import { formatStardName } from '../text/citation';
import { meanMeasures, parseMeasure } from './measures';
import { percentile } from './percentile';
import type { EvalQuery } from './stard-queries';

/**
 * Runs a query set through the library's real search (the pipeline the app serves, with whatever
 * models are installed in it) at one budget, and returns what evaluation needs: each query's
 * ranked list in the order a run file holds it — the reranked top N, then the other first-stage
 * candidates in their first-stage order — and latency per stage.
 */
export interface Budgeted {
  k: number;
  /** Reranked results kept (0: no reranking). */
  n: number;
  retriever?: 'lexical' | 'dense' | 'hybrid';
}

export interface QueryResult {
  query: EvalQuery;
  /** Up to K article ids: reranked top N first, then the other candidates in first-stage order. */
  ranked: number[];
  /** The same as STARD names (中华人民共和国民法典第五十四条) with their scores. */
  citations: { citation: string; score: number }[];
  reranked: boolean;
}

export type Latency = Record<'total' | 'lexical' | 'dense' | 'rerank', { p50: number; p95: number }>;

export interface SetResult {
  results: QueryResult[];
  latencyMs: Latency;
  models: { embedder: string | null; reranker: string | null };
  /** A stage that degraded on some query (e.g. inference unavailable), with how often. */
  degraded: Record<string, number>;
}

export async function runQuerySet(
  lib: { search(req: SearchRequestParsed): Promise<SearchResponse> },
  queries: readonly EvalQuery[],
  budget: Budgeted,
  onProgress?: (done: number, total: number) => void,
): Promise<SetResult> {
  const results: QueryResult[] = [];
  const t = { total: [] as number[], lexical: [] as number[], dense: [] as number[], rerank: [] as number[] };
  let models: SetResult['models'] = { embedder: null, reranker: null };
  const degraded: Record<string, number> = {};
  for (const [i, q] of queries.entries()) {
    // Internal caller: K may exceed the API's page limit, so the request is built, not parsed.
    const req: SearchRequestParsed = {
      query: q.text, limit: budget.k, offset: 0, includeSuperseded: false, k: budget.k, n: budget.n === 0 ? 0 : budget.k, retriever: budget.retriever,
    };
    const started = performance.now();
    const res = await lib.search(req);
    t.total.push(performance.now() - started);
    t.lexical.push(res.timings.lexicalMs);
    t.dense.push(res.timings.denseMs);
    t.rerank.push(res.timings.rerankMs);
    models = res.models;
    if (res.degraded) degraded[res.degraded] = (degraded[res.degraded] ?? 0) + 1;
    const ordered = runOrder(res.hits, budget.n);
    results.push({
      query: q,
      ranked: ordered.map((h) => h.articleId),
      citations: ordered.map((h) => ({ citation: formatStardName(h.law.title, h.label), score: h.score })),
      reranked: res.hits.some((h) => h.reranked),
    });
    onProgress?.(i + 1, queries.length);
  }
  const stat = (xs: number[]) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95) });
  return { results, latencyMs: { total: stat(t.total), lexical: stat(t.lexical), dense: stat(t.dense), rerank: stat(t.rerank) }, models, degraded };
}

/** Reranked hits: the best N by rerank score, then the rest in first-stage order. Otherwise as given. */
function runOrder(hits: readonly SearchHit[], n: number): SearchHit[] {
  if (!hits.some((h) => h.reranked) || n === 0) return hits.slice();
  const top = hits.slice(0, n);
  const rest = hits.slice(n).sort((a, b) => (a.ranks.beforeRerank ?? Infinity) - (b.ranks.beforeRerank ?? Infinity));
  return [...top, ...rest];
}

/** Mean measures over a set's results. */
export function scoreResults(results: readonly QueryResult[], names: readonly string[]): Record<string, number> {
  return meanMeasures(names.map(parseMeasure), results.map((r) => ({ ranked: r.ranked, relevant: r.query.relevant })));
}
