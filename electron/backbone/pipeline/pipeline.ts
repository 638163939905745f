import { messageZhOf } from '../../contract/errors';
import { said, type Said } from '../../contract/said';
import type { Budget, SearchMode } from '../../contract/types';
import type { LexicalFilters, LexicalSearch } from '../search/lexical-search';
import { fuseCandidates, type FusedCandidate } from './fusion';
import type { RerankCandidate } from './stages';
import type { CandidateArticle, CandidateReranker, DenseRetriever } from './stages';

/**
 * Weighted RRF weights, chosen by `npm run eval -- --embedder <model>` on the validation split
 * (239 queries, built-in stage-2 embedder, top-100 lists): lexical weight 0 → R@60 0.792 / RR@10
 * 0.458; 0.5 → 0.802 / 0.499 (best R@20, R@100 and RR@10 of the grid); 1 (equal weights) → 0.791 /
 * 0.483, lower recall, as the calibration experiment found.
 */
export const FUSION_WEIGHTS = { dense: 1.0, lexical: 0.5 };

export interface PipelineHit {
  articleId: number;
  score: number;
  scores: { lexical: number | null; dense: number | null; fused: number | null; rerank: number | null };
  ranks: { lexical: number | null; dense: number | null; beforeRerank: number | null };
  reranked: boolean;
}

export interface PipelineResult {
  mode: Exclude<SearchMode, 'citation'>;
  hits: PipelineHit[];
  terms: string[];
  /** Why a stage was skipped or failed, in English and in Chinese; null for the full pipeline. */
  degraded: string | null;
  degradedZh: string | null;
  timings: { lexicalMs: number; denseMs: number; rerankMs: number };
}

export interface PipelineDeps {
  lexical: LexicalSearch;
  dense: DenseRetriever | null;
  reranker: CandidateReranker | null;
  /** Loads what the reranker needs for a set of article ids (filters already applied). */
  describe(ids: number[]): Map<number, CandidateArticle>;
  /**
   * The articles glossary names in the query point at (glossary/library-glossary.ts), with the
   * share of the query the name covers: always among the K candidates when they pass the filters.
   */
  glossary?(query: string): { articleId: number; coverage: number }[];
  /** Whether an article passes the law filters (category, law, law versions), for dense results. */
  passes(articleId: number, filters: LexicalFilters): boolean;
}

export interface PipelineRequest {
  query: string;
  budget: Budget;
  retriever: 'lexical' | 'dense' | 'hybrid' | undefined;
  filters: LexicalFilters;
  /** Called as each chunk of candidates is reranked. */
  onRerankProgress?: (done: number, total: number) => void;
  /** Candidates per reranker call (default: RERANK_CHUNK when progress is followed, else all K in one call). */
  rerankBatchSize?: number;
  /**
   * Research mode (streamed results): called before the first chunk (done 0) and after each one
   * with every candidate scored so far, re-sorted; awaited, so the caller may pause or yield.
   */
  onRerankBatch?: (batch: RerankBatch) => void | Promise<void>;
  signal?: AbortSignal;
}

/** The reranker's partial result after a chunk: what a streamed research run shows. */
export interface RerankBatch {
  done: number;
  total: number;
  /** The candidates scored so far, best first by rerank score (copies; ties keep first-stage order). */
  scored: PipelineHit[];
  /** The query terms (for snippets). */
  terms: string[];
}

const RERANK_CHUNK = 16;
const now = () => performance.now();

/**
 * First stage (lexical and/or dense, fused by weighted RRF) → top K candidates → the reranker scores
 * all K → the best N. With N = 0 (or no reranker) the K candidates come back in first-stage order. A missing model degrades the pipeline to what
 * is available and says why, rather than failing the search.
 */
export async function runPipeline(deps: PipelineDeps, req: PipelineRequest): Promise<PipelineResult> {
  const { budget, filters } = req;
  const timings = { lexicalMs: 0, denseMs: 0, rerankMs: 0 };
  const notes: Said[] = [];
  let mode = req.retriever ?? (deps.dense ? 'hybrid' : 'lexical');
  if (mode !== 'lexical' && !deps.dense) {
    notes.push(said('no embedder is installed: lexical retrieval only', '未安装检索模型：仅按关键词检索'));
    mode = 'lexical';
  }
  const filtered = filters.category !== undefined || filters.lawId !== undefined || filters.lawIds !== undefined;

  // Dense retrieval goes out first (to the inference host), lexical runs here meanwhile.
  const t = now();
  const dense =
    mode === 'lexical'
      ? null
      : deps
          .dense!.search(req.query, filtered ? Math.min(4096, budget.k * 5) : budget.k, { currentOnly: !filters.includeSuperseded && !filters.lawIds })
          .then(
            (items) => ({ items, ms: now() - t }),
            (error: Error) => ({ error, ms: now() - t }),
          );
  const lexStart = now();
  const lex = mode === 'dense' ? { hits: [], terms: [] } : deps.lexical.search(req.query, filters, budget.k);
  timings.lexicalMs = now() - lexStart;
  const named = glossaryPins(deps, req);
  // Asked in the same turn as the dense search was sent (no vector can be committed in between).
  const noVector = dense && deps.dense?.unindexed ? new Set(deps.dense.unindexed([...lex.hits.map((h) => h.articleId), ...named.keys()])) : new Set<number>();

  let denseItems: { articleId: number; score: number }[] = [];
  if (dense) {
    const r = await dense;
    timings.denseMs = r.ms;
    if ('error' in r) {
      notes.push(said(`dense retrieval failed (${r.error.message}): lexical results only`, `语义检索失败（${messageZhOf(r.error)}）：仅有关键词结果`));
      mode = 'lexical';
    } else {
      // Over-fetched when law filters apply (category, law, versions in force on a date): the vector
      // index filters only by current/superseded.
      denseItems = (filtered ? r.items.filter((d) => deps.passes(d.articleId, filters)) : r.items).slice(0, budget.k);
    }
  }
  const lexical = mode === 'dense' ? [] : lex.hits;
  const fused: FusedCandidate[] = fuseCandidates([
    { source: 'dense', weight: mode === 'lexical' ? 0 : FUSION_WEIGHTS.dense, items: denseItems },
    { source: 'lexical', weight: mode === 'dense' ? 0 : mode === 'lexical' ? 1 : FUSION_WEIGHTS.lexical, items: lexical },
  ], budget.k, [...named.keys()]);
  if (mode !== 'lexical') timings.denseMs += await scoreUnindexed(deps, req.query, fused, denseItems, noVector);

  const hits: PipelineHit[] = fused.map((c, i) => ({
    articleId: c.articleId,
    score: c.fused,
    scores: { lexical: c.lexical?.score ?? null, dense: c.dense?.score ?? null, fused: c.fused, rerank: null },
    ranks: { lexical: c.lexical?.rank ?? null, dense: c.dense?.rank ?? null, beforeRerank: i + 1 },
    reranked: false,
  }));
  if (mode === 'lexical') for (const h of hits) h.score = h.scores.lexical ?? h.score;

  const n = Math.min(budget.n, hits.length);
  if (n > 0 && !deps.reranker) notes.push(said('no reranker is installed: first-stage order', '未安装重排模型：按初检顺序'));
  if (n > 0 && deps.reranker) {
    const rerankStart = now();
    try {
      await rerankAll(deps, req, hits, fused, lex.terms, named);
    } catch (e) {
      if (req.signal?.aborted) throw e;
      notes.push(said(`reranking failed (${(e as Error).message}): first-stage order`, `重排失败（${messageZhOf(e)}）：按初检顺序`));
    }
    timings.rerankMs = now() - rerankStart;
  }
  // K candidates → N results (the paper's Embedding@K → Rerank@N); without reranking, the first N.
  return { mode, hits: n > 0 ? hits.slice(0, n) : hits, terms: lex.terms, degraded: notes.length ? notes.map((x) => x.en).join('; ') : null, degradedZh: notes.length ? notes.map((x) => x.zh).join('；') : null, timings };
}

/**
 * Candidates that have no vector yet (imported, indexing not done) get the dense score and rank the
 * index would have given them, embedded now, so the reranker weighs them like any other article
 * instead of as ones the dense list passed over. Returns the time it took.
 */
async function scoreUnindexed(
  deps: PipelineDeps, query: string, fused: FusedCandidate[], denseItems: { score: number }[], noVector: ReadonlySet<number>,
): Promise<number> {
  const without = fused.filter((c) => c.dense === null && noVector.has(c.articleId));
  if (!deps.dense?.scoreArticles || without.length === 0) return 0;
  const t = now();
  const scored = await deps.dense.scoreArticles(query, without.map((c) => c.articleId)).catch(() => []);
  const byId = new Map(without.map((c) => [c.articleId, c]));
  for (const s of scored) {
    const c = byId.get(s.articleId);
    if (c) c.dense = { rank: 1 + denseItems.filter((d) => d.score > s.score).length, score: s.score };
  }
  return now() - t;
}

/** Articles glossary names in the query point at (passing the request's filters) → the share of the query the name covers. */
function glossaryPins(deps: PipelineDeps, req: PipelineRequest): Map<number, number> {
  const out = new Map<number, number>();
  for (const g of deps.glossary?.(req.query) ?? []) {
    if (!deps.passes(g.articleId, req.filters)) continue;
    out.set(g.articleId, Math.max(out.get(g.articleId) ?? 0, g.coverage));
  }
  return out;
}

/** Rerank order: higher score first; ties keep first-stage order. */
const byRerank = (a: PipelineHit, b: PipelineHit): number => b.score - a.score || a.ranks.beforeRerank! - b.ranks.beforeRerank!;

const withScore = (h: PipelineHit, score: number): PipelineHit => ({ ...h, score, scores: { ...h.scores, rerank: score }, reranked: true });

/**
 * Scores every candidate in chunks (reporting progress, and the re-sorted partial result to a
 * streamed run) and sorts them by the reranker's score. The hits change only once all are scored.
 */
async function rerankAll(
  deps: PipelineDeps, req: PipelineRequest, hits: PipelineHit[], fused: FusedCandidate[], terms: string[], named: Map<number, number>,
): Promise<void> {
  const top = hits.slice();
  const described = deps.describe(top.map((h) => h.articleId));
  const candidates: RerankCandidate[] = top.map((h, i) => ({
    ...described.get(h.articleId)!,
    lexical: fused[i]!.lexical,
    dense: fused[i]!.dense,
    fusedRank: i + 1,
    glossary: named.get(h.articleId) ?? 0,
  }));
  // Chunks only where someone follows the progress: otherwise one reranker call (one round trip to
  // the inference host, one ONNX run) for all K, which under load is what keeps the host's queue short.
  const followed = req.onRerankProgress !== undefined || req.onRerankBatch !== undefined;
  const chunk = Math.max(1, req.rerankBatchSize ?? (followed ? RERANK_CHUNK : candidates.length));
  const scores: number[] = [];
  await req.onRerankBatch?.({ done: 0, total: candidates.length, scored: [], terms });
  for (let i = 0; i < candidates.length; i += chunk) {
    if (req.signal?.aborted) throw new Error('the search was cancelled');
    scores.push(...(await deps.reranker!.rerank(req.query, candidates.slice(i, i + chunk))));
    req.onRerankProgress?.(scores.length, candidates.length);
    if (req.onRerankBatch) {
      const scored = top.slice(0, scores.length).map((h, j) => withScore(h, scores[j]!)).sort(byRerank);
      await req.onRerankBatch({ done: scores.length, total: candidates.length, scored, terms });
    }
  }
  top.forEach((h, i) => Object.assign(h, withScore(h, scores[i]!)));
  top.sort(byRerank);
  hits.splice(0, hits.length, ...top);
}
