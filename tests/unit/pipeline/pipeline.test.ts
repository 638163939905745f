import { describe, expect, it } from 'vitest';
import { runPipeline, type PipelineDeps } from '../../../electron/backbone/pipeline/pipeline';
import type { CandidateReranker, RerankCandidate } from '../../../electron/backbone/pipeline/stages';
import type { LexicalSearch } from '../../../electron/backbone/search/lexical-search';

/** 100 articles; lexical ranks them 1..100, dense ranks them 1..100 as well. */
const ids = Array.from({ length: 100 }, (_, i) => i + 1);
const lexical = {
  search: (_q: string, _f: unknown, limit: number) => ({
    hits: ids.slice(0, limit).map((articleId, i) => ({ articleId, score: 100 - i })),
    terms: ['x'],
  }),
} as unknown as LexicalSearch;

function deps(reranker: CandidateReranker | null, seen: number[][]): PipelineDeps {
  return {
    lexical,
    dense: { modelId: 'd', search: async (_q, k) => ids.slice(0, k).map((articleId, i) => ({ articleId, score: 1 - i / 100 })) },
    reranker: reranker && {
      modelId: reranker.modelId,
      rerank: async (q, c) => {
        seen.push(c.map((x) => x.articleId));
        return reranker.rerank(q, c);
      },
    },
    describe: (list) => new Map(list.map((id) => [id, { articleId: id, lawTitle: 'L', label: `第${id}条`, path: [], text: `t${id}` }])),
    passes: () => true,
  };
}

/** Prefers higher article ids: the best candidate is the last of the K. */
const byId: CandidateReranker = { modelId: 'r', rerank: async (_q, c: RerankCandidate[]) => c.map((x) => x.articleId) };

describe('the budgeted pipeline', () => {
  it('reranks all K candidates and returns the best N (Embedding@60 → Rerank@10)', async () => {
    const seen: number[][] = [];
    const r = await runPipeline(deps(byId, seen), { query: 'q', budget: { preset: 'standard', k: 60, n: 10 }, retriever: 'hybrid', filters: {} });
    expect(seen.flat().sort((a, b) => a - b)).toEqual(ids.slice(0, 60));
    expect(r.hits.map((h) => h.articleId)).toEqual([60, 59, 58, 57, 56, 55, 54, 53, 52, 51]);
    expect(r.hits[0]!.ranks.beforeRerank).toBe(60);
    expect(r.hits.every((h) => h.reranked)).toBe(true);
  });

  it('reports rerank progress chunk by chunk over the K candidates', async () => {
    const progress: [number, number][] = [];
    await runPipeline(deps(byId, []), {
      query: 'q', budget: { preset: null, k: 40, n: 5 }, retriever: 'hybrid', filters: {},
      onRerankProgress: (d, t) => progress.push([d, t]),
    });
    expect(progress).toEqual([[16, 40], [32, 40], [40, 40]]);
  });

  it('keeps what a glossary name points at among the K, with its share of the query for the reranker', async () => {
    // 99 is beyond both lists' top 30; the glossary names it with the whole query (coverage 1).
    const named = (d: PipelineDeps): PipelineDeps => ({ ...d, glossary: () => [{ articleId: 99, coverage: 1 }] });
    const seen: number[][] = [];
    const glossaryOf: number[] = [];
    const recorder: CandidateReranker = {
      modelId: 'r',
      rerank: async (_q, c) => {
        glossaryOf.push(...c.filter((x) => (x.glossary ?? 0) > 0).map((x) => x.articleId));
        return c.map((x) => (x.articleId === 99 ? 1000 : -x.articleId));
      },
    };
    const reranked = await runPipeline(named(deps(recorder, seen)), { query: 'q', budget: { preset: null, k: 30, n: 5 }, retriever: 'hybrid', filters: {} });
    expect(seen.flat()).toContain(99);
    expect(glossaryOf).toEqual([99]);
    expect(reranked.hits[0]!.articleId).toBe(99);
    // K stays 30: the pin took the place of the last fused candidate.
    expect(seen.flat()).toHaveLength(30);

    // Without reranking the fused order stands: the pin last, where no list placed it.
    const fusedOrder = await runPipeline(named(deps(null, [])), { query: 'q', budget: { preset: null, k: 30, n: 0 }, retriever: 'hybrid', filters: {} });
    expect(fusedOrder.hits.map((h) => h.articleId).at(-1)).toBe(99);
    // A filter the article fails keeps it out.
    const filtered = await runPipeline({ ...named(deps(null, [])), passes: (id) => id !== 99 }, { query: 'q', budget: { preset: null, k: 30, n: 0 }, retriever: 'hybrid', filters: { category: 'x' } });
    expect(filtered.hits.map((h) => h.articleId)).not.toContain(99);
  });

  it('with N = 0 returns the K candidates in first-stage order, unreranked', async () => {
    const seen: number[][] = [];
    const r = await runPipeline(deps(byId, seen), { query: 'q', budget: { preset: null, k: 30, n: 0 }, retriever: 'hybrid', filters: {} });
    expect(seen).toEqual([]);
    expect(r.hits.map((h) => h.articleId)).toEqual(ids.slice(0, 30));
    expect(r.hits.some((h) => h.reranked)).toBe(false);
  });

  it('without a reranker returns the first N in first-stage order and says why', async () => {
    const r = await runPipeline(deps(null, []), { query: 'q', budget: { preset: null, k: 30, n: 7 }, retriever: 'hybrid', filters: {} });
    expect(r.hits.map((h) => h.articleId)).toEqual(ids.slice(0, 7));
    expect(r.degraded).toMatch(/no reranker/);
  });
});
