import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { ResearchRuns, researchHandlers, MAX_RUNS, RUN_TTL_MINUTES } from '../../electron/backbone/research/research-runs';
import { ModelRuntime } from '../../electron/backbone/runtime/model-runtime';
import { dispatch } from '../../electron/contract/dispatch';
import type { ApiHandlers } from '../../electron/contract/api';
import type { ResearchRunView } from '../../electron/contract/research-types';
import { SearchRequest, StartResearchRequest } from '../../electron/contract/schemas';
import { BUILTIN_MODELS, useFixtureRuntime } from '../helpers/fixture-runtime';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * Deep-research runs over the fixture corpus with the built-in models (models/) in a real inference
 * host, a real sqlite-vec index and the real reranker: batches stream in order, the final order is
 * the one-shot search's, cancel keeps the partial result, and the low-ranked and related sections.
 */
const tempDir = useTempDirs('all');
let lib: Library;
let runtime: ModelRuntime;
useFixtureRuntime(() => [BUILTIN_MODELS], (fx) => ({ lib, runtime } = fx));

// 第八十七条 (违法解除 → 赔偿金) ranks first for this question; it cites 本法第四十七条 (经济补偿),
// which the built-in reranker puts fourth: with N = 3 it is both "ranked low" and a related provision.
const QUERY = '用人单位违法解除劳动合同 赔偿金';
const K = 300;
// 第四十七条's own words: the reranker puts it first.
const CITED_QUERY = '经济补偿按劳动者在本单位工作的年限支付';
const N = 3;

function handlers(runs: ResearchRuns): Pick<ApiHandlers, 'startResearch' | 'researchRun' | 'cancelResearch'> {
  return researchHandlers(runs, () => lib);
}

/** Polls a run every few ms until it is no longer running, keeping every distinct view seen. */
async function watch(h: ReturnType<typeof handlers>, runId: string): Promise<ResearchRunView[]> {
  const seen: ResearchRunView[] = [];
  for (;;) {
    const v = await h.researchRun({ runId });
    if (!seen.length || JSON.stringify(seen.at(-1)!.progress) !== JSON.stringify(v.progress) || v.state !== 'running') seen.push(v);
    if (v.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 3));
  }
}

const start = (h: ReturnType<typeof handlers>, req: Record<string, unknown>) => h.startResearch(StartResearchRequest.parse(req));

describe('a deep-research run', () => {
  it('streams the reranker’s batches: progress grows monotonically and each partial result is re-sorted', async () => {
    const h = handlers(new ResearchRuns({ batchSize: 4, batchDelayMs: 30 }));
    const { runId } = await start(h, { query: QUERY, k: K, n: N });
    const seen = await watch(h, runId);
    const reranking = seen.filter((v) => v.progress.phase === 'reranking');
    // 17 current articles are candidates: batches of 4 → 0, 4, 8, 12, 16, 17 scored.
    expect(reranking.length).toBeGreaterThanOrEqual(4);
    const done = seen.map((v) => v.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const v of reranking) {
      expect(v.progress.total).toBe(17);
      const scored = [...v.hits.map((x) => x.scores.rerank!), ...v.lowRanked.map((x) => x.rerankScore)];
      expect(scored).toHaveLength(v.progress.done);
      expect(scored).toEqual([...scored].sort((a, b) => b - a));
      if (v.progress.done > 0 && v.progress.done < 17) expect(v.progress.etaMs).toBeGreaterThanOrEqual(0);
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'done', progress: { phase: 'done', done: 17, total: 17 }, budget: { preset: null, k: K, n: N }, degraded: null, error: null });
    expect(last.models.reranker).toMatch(/^builtin-(reranker|reader)-stage/);
  });

  it('ends in the one-shot search’s rerank order for the same budget', async () => {
    const h = handlers(new ResearchRuns({ batchSize: 5 }));
    const { runId } = await start(h, { query: QUERY, k: K, n: N });
    const [run] = (await watch(h, runId)).slice(-1);
    const oneShot = await lib.search(SearchRequest.parse({ query: QUERY, k: K, n: N, limit: N }));
    expect(run!.hits.map((x) => [x.articleId, x.scores.rerank])).toEqual(oneShot.hits.map((x) => [x.articleId, x.scores.rerank]));
    expect(run!.hits[0]!.citation).toBe('《中华人民共和国劳动合同法》第八十七条');
    // The whole reranked list (N = K) continues with exactly the low-ranked, in the same order.
    const all = await lib.search(SearchRequest.parse({ query: QUERY, k: K, n: 17, limit: 17 }));
    expect(run!.lowRanked.map((x) => x.articleId)).toEqual(all.hits.slice(N).map((x) => x.articleId));
    expect(run!.lowRanked.map((x) => x.rank)).toEqual(all.hits.slice(N).map((x) => x.rank));
    expect(run!.lowRanked.map((x) => x.beforeRerank)).toEqual(all.hits.slice(N).map((x) => x.ranks.beforeRerank));
  });

  it('without k / n spends the active version’s research preset', async () => {
    const h = handlers(new ResearchRuns());
    const { runId } = await start(h, { query: QUERY });
    const [run] = (await watch(h, runId)).slice(-1);
    expect(run!.budget).toEqual({ preset: 'research', k: 300, n: 50 });
    // 50 > 17 candidates: all are results, nothing is ranked low.
    expect(run!.hits).toHaveLength(17);
    expect(run!.lowRanked).toEqual([]);
  });

  it('shows what the reranker set aside and the provisions one cross-reference away', async () => {
    const h = handlers(new ResearchRuns());
    const { runId } = await start(h, { query: QUERY, k: K, n: N });
    const [run] = (await watch(h, runId)).slice(-1);
    const labels = run!.hits.map((x) => x.citation);
    expect(labels).not.toContain('《中华人民共和国劳动合同法》第四十七条');
    const low47 = run!.lowRanked.find((x) => x.citation === '《中华人民共和国劳动合同法》第四十七条');
    expect(low47).toMatchObject({ rank: 4, law: { versionDate: '2012-12-28', status: 'current' } });
    // Its place among the 17 candidates before reranking (the one-shot search's, checked above).
    expect(low47!.beforeRerank).toBeGreaterThanOrEqual(1);
    expect(low47!.beforeRerank).toBeLessThanOrEqual(17);
    expect(run!.lowRanked.every((x) => x.rerankScore <= run!.hits.at(-1)!.scores.rerank!)).toBe(true);

    const related = run!.related.find((r) => r.citation === '《中华人民共和国劳动合同法》第四十七条');
    expect(related?.citedBy).toEqual([
      { articleId: run!.hits[0]!.articleId, citation: '《中华人民共和国劳动合同法》第八十七条', rank: 1, reference: '第四十七条' },
    ]);
    expect(related).toMatchObject({ relation: 'cited', cites: [] });
    expect(related!.snippet.map((s) => s.text).join('')).toMatch(/^经济补偿按劳动者在本单位工作的年限/);
    // Related provisions never repeat a hit.
    const hitIds = new Set(run!.hits.map((x) => x.articleId));
    expect(run!.related.every((r) => !hitIds.has(r.articleId))).toBe(true);

    // With N large enough for 第四十七条 to be a hit, it is no longer "related".
    const wide = handlers(new ResearchRuns());
    const w = await start(wide, { query: QUERY, k: K, n: 6 });
    const [wideRun] = (await watch(wide, w.runId)).slice(-1);
    expect(wideRun!.hits.map((x) => x.citation)).toContain('《中华人民共和国劳动合同法》第四十七条');
    expect(wideRun!.related.map((r) => r.citation)).not.toContain('《中华人民共和国劳动合同法》第四十七条');
  });

  it('lists the provisions that cite the hits too, marked citing, through the contract', async () => {
    // 第四十七条 (经济补偿) is the one hit; 第八十七条 cites it (本法第四十七条) and is not a hit.
    const h = handlers(new ResearchRuns()) as ApiHandlers;
    const started = await dispatch(h, 'startResearch', { query: CITED_QUERY, k: K, n: 1 });
    if (!started.ok) throw new Error(started.error.message);
    const [run] = (await watch(h as ReturnType<typeof handlers>, started.value.runId)).slice(-1);
    expect(run!.hits.map((x) => x.citation)).toEqual(['《中华人民共和国劳动合同法》第四十七条']);
    const a87 = lib.article({ citation: '劳动合同法第八十七条' });
    expect(run!.related).toEqual([
      expect.objectContaining({
        articleId: a87.articleId, citation: '《中华人民共和国劳动合同法》第八十七条', relation: 'citing', citedBy: [],
        cites: [{ articleId: run!.hits[0]!.articleId, citation: '《中华人民共和国劳动合同法》第四十七条', rank: 1, reference: '第四十七条' }],
      }),
    ]);
    // Its snippet is the citing sentence, the reference highlighted.
    const snippet = run!.related[0]!.snippet;
    expect(snippet.filter((x) => x.hit).map((x) => x.text)).toEqual(['第四十七条']);
    expect(snippet.map((x) => x.text).join('')).toContain('依照本法第四十七条规定的经济补偿标准的二倍');
  });

  it('cancelled midway: it stops, says cancelled and keeps its partial result', async () => {
    const runs = new ResearchRuns({ batchSize: 2, batchDelayMs: 80 });
    const h = handlers(runs);
    const { runId } = await start(h, { query: QUERY, k: K, n: N });
    let v = await h.researchRun({ runId });
    while (v.progress.done < 4) {
      await new Promise((r) => setTimeout(r, 5));
      v = await h.researchRun({ runId });
    }
    const cancelled = await h.cancelResearch({ runId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress.done).toBeGreaterThanOrEqual(4);
    expect(cancelled.progress.done).toBeLessThan(17);
    expect(cancelled.hits.length).toBeGreaterThan(0);
    // Once the run's work has ended (the batch in flight, and the pause after it), nothing moved.
    await runs.get(runId).done;
    const later = await h.researchRun({ runId });
    expect(later.state).toBe('cancelled');
    expect(later.progress).toEqual(cancelled.progress);
    expect(later.hits.map((x) => x.articleId)).toEqual(cancelled.hits.map((x) => x.articleId));
    expect(later.lowRanked).toEqual(cancelled.lowRanked);
    // Cancelling again changes nothing.
    expect((await h.cancelResearch({ runId })).progress).toEqual(cancelled.progress);
  });

  it('without a reranker returns the first-stage order and says the reranker is unavailable', async () => {
    const dir = tempDir();
    const plain = new Library(join(dir, 'plain.db'));
    plain.import(FIXTURE_CORPUS);
    try {
      const h = researchHandlers(new ResearchRuns(), () => plain);
      const { runId } = await h.startResearch(StartResearchRequest.parse({ query: QUERY, k: 10, n: 3 }));
      const [v] = (await watch(h, runId)).slice(-1);
      expect(v).toMatchObject({ state: 'done', mode: 'lexical', lowRanked: [] });
      expect(v!.progress).toMatchObject({ phase: 'done', done: 3, total: 3 });
      expect(v!.degraded).toMatch(/no reranker/);
      expect(v!.degradedZh).toBe('未安装重排模型：按初检顺序');
      expect(v!.hits.map((x) => x.ranks.beforeRerank)).toEqual([1, 2, 3]);
      expect(v!.hits.every((x) => !x.reranked)).toBe(true);
    } finally {
      plain.close();
    }
  });

  it('keeps a few runs, forgets them after a while, and says so with a typed error', async () => {
    let now = Date.now();
    const runs = new ResearchRuns({ now: () => now });
    const h = researchHandlers(runs, () => lib);
    const ids: string[] = [];
    for (let i = 0; i <= MAX_RUNS; i++) ids.push((await start(h, { query: QUERY, k: 5, n: 2 })).runId);
    // The oldest was dropped (cancelled if it still ran) to keep MAX_RUNS.
    const gone = await dispatch(h as ApiHandlers, 'researchRun', { runId: ids[0] });
    expect(gone).toMatchObject({ ok: false, error: { code: 'RESEARCH_RUN_NOT_FOUND' } });
    if (!gone.ok) expect(gone.error.message).toMatch(/Start the research again/);
    const last = ids.at(-1)!;
    await watch(h, last);
    now += (RUN_TTL_MINUTES + 1) * 60_000;
    expect(await dispatch(h as ApiHandlers, 'researchRun', { runId: last })).toMatchObject({ ok: false, error: { code: 'RESEARCH_RUN_NOT_FOUND' } });
    await runs.close();
  });

  it('refuses bad input with a message that says what to fix', async () => {
    const h = handlers(new ResearchRuns()) as ApiHandlers;
    expect(await dispatch(h, 'startResearch', { query: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/query must not be empty/) } });
    expect(await dispatch(h, 'startResearch', { query: '违约', n: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^The request is not valid: n:/) } });
    // An unknown law is refused at the start, not as a failed run.
    expect(await dispatch(h, 'startResearch', { query: '违约', law: '没有这部法' })).toMatchObject({ ok: false, error: { code: 'LAW_NOT_FOUND' } });
  });
});
