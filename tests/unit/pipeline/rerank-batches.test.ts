import { describe, expect, it } from 'vitest';
import { runPipeline, type PipelineDeps, type RerankBatch } from '../../../electron/backbone/pipeline/pipeline';
import type { CandidateReranker } from '../../../electron/backbone/pipeline/stages';
import type { LexicalSearch } from '../../../electron/backbone/search/lexical-search';

/** 30 articles ranked 1..30 by the first stage (lexical only). */
const ids = Array.from({ length: 30 }, (_, i) => i + 1);
const lexical = {
  search: (_q: string, _f: unknown, limit: number) => ({ hits: ids.slice(0, limit).map((articleId, i) => ({ articleId, score: 100 - i })), terms: ['x'] }),
} as unknown as LexicalSearch;

function deps(reranker: CandidateReranker): PipelineDeps {
  return {
    lexical, dense: null, reranker,
    describe: (list) => new Map(list.map((id) => [id, { articleId: id, lawTitle: 'L', label: `第${id}条`, path: [], text: `t${id}` }])),
    passes: () => true,
  };
}

/** Prefers even ids, then higher ones. */
const evenFirst: CandidateReranker = { modelId: 'r', rerank: async (_q, c) => c.map((x) => (x.articleId % 2 ? 0 : 100) + x.articleId) };

describe('streamed reranking (research runs)', () => {
  it('hands over every scored candidate so far, re-sorted, after each batch; the last equals the final order', async () => {
    const batches: RerankBatch[] = [];
    const r = await runPipeline(deps(evenFirst), {
      query: 'q', budget: { preset: null, k: 30, n: 30 }, retriever: 'lexical', filters: {},
      rerankBatchSize: 7, onRerankBatch: (b) => void batches.push(b),
    });
    expect(batches.map((b) => b.done)).toEqual([0, 7, 14, 21, 28, 30]);
    expect(batches.every((b) => b.total === 30 && b.terms[0] === 'x')).toBe(true);
    // After the first batch (ids 1..7): the evens 6, 4, 2, then the odds 7, 5, 3, 1.
    expect(batches[1]!.scored.map((h) => h.articleId)).toEqual([6, 4, 2, 7, 5, 3, 1]);
    expect(batches[1]!.scored.every((h) => h.reranked && h.scores.rerank === h.score)).toBe(true);
    expect(batches.at(-1)!.scored.map((h) => h.articleId)).toEqual(r.hits.map((h) => h.articleId));
  });

  it('a reranker failing midway leaves the first-stage order and says why', async () => {
    let calls = 0;
    const flaky: CandidateReranker = { modelId: 'r', rerank: async (q, c) => (++calls === 2 ? Promise.reject(new Error('host died')) : evenFirst.rerank(q, c)) };
    const r = await runPipeline(deps(flaky), { query: 'q', budget: { preset: null, k: 30, n: 5 }, retriever: 'lexical', filters: {}, rerankBatchSize: 10 });
    expect(r.hits.map((h) => h.articleId)).toEqual([1, 2, 3, 4, 5]);
    expect(r.hits.some((h) => h.reranked)).toBe(false);
    expect(r.degraded).toMatch(/reranking failed \(host died\)/);
  });

  it('an aborted signal stops before the next batch', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const run = runPipeline(deps(evenFirst), {
      query: 'q', budget: { preset: null, k: 30, n: 5 }, retriever: 'lexical', filters: {}, rerankBatchSize: 10, signal: abort.signal,
      onRerankBatch: (b) => {
        seen.push(b.done);
        if (b.done === 10) abort.abort();
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(seen).toEqual([0, 10]);
  });
});
