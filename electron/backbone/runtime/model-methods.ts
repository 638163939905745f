/**
 * The embed and rerank API methods: the served models used directly, through the same inference
 * host and the same adapters the search pipeline uses.
 *
 * Rerank with a built-in reranker: `lexbone-features` (and `lexbone-reader`, which also reads the
 * question and the article) scores feature vectors (BM25 and dense
 * scores and ranks, fused rank, overlaps, law priors), not text. Given library article ids, the
 * first stage is run for the query at RERANK_POOL (lexical and dense, fused as in search) and each
 * article gets the features it would have as a candidate: its ranks and scores where the first
 * stage found it, none (like a candidate one list missed) where it did not. Raw texts have no such
 * features and are refused with RERANK_NEEDS_ARTICLES; text-pair rerankers take either.
 */
import { createError } from '../../contract/errors';
import { said } from '../../contract/said';
import type { ApiHandlers } from '../../contract/api';
import type { EmbedResponse, RerankResponse, RerankResult } from '../../contract/model-api-types';
import { isFeatureReranker } from '../inference/types';
import type { Library } from '../library';
import { fuse } from '../pipeline/fusion';
import { FUSION_WEIGHTS } from '../pipeline/pipeline';
import type { RerankCandidate } from '../pipeline/stages';
import { formatCitation } from '../text/citation';
import type { ModelRuntime } from './model-runtime';

/** First-stage depth used to place the given articles (the research preset's K is 300). */
const RERANK_POOL = 1000;

type Handlers = Pick<ApiHandlers, 'embed' | 'rerank'>;

export function modelMethods(library: () => Library, runtime: () => ModelRuntime | null): Handlers {
  const noModels = said('the service runs without models (none installed, or started with --no-models)', '服务在无模型状态下运行（未安装模型，或以 --no-models 启动）');
  return {
    async embed(req): Promise<EmbedResponse> {
      const rt = runtime();
      const serving = rt?.servingEmbedder();
      if (!rt || !serving) throw createError('EMBEDDER_UNAVAILABLE', rt ? rt.unavailableReason('embedder') : noModels);
      const vectors = await serving.model.embed(req.texts, req.kind);
      const info = serving.model.info;
      return { model: { id: info.id, stage: info.stage, dimension: serving.model.dimension }, kind: req.kind, vectors: vectors.map((v) => Array.from(v)) };
    },

    async rerank(req): Promise<RerankResponse> {
      const rt = runtime();
      const serving = rt?.servingReranker();
      if (!rt || !serving) throw createError('RERANKER_UNAVAILABLE', rt ? rt.unavailableReason('reranker') : noModels);
      const features = isFeatureReranker(serving.model);
      const model = { id: serving.id, stage: serving.stage, kind: features ? ('features' as const) : ('text-pair' as const) };
      const docs = req.documents;
      let scores: number[];
      let ids: (number | null)[];
      if (typeof docs[0] === 'string') {
        if (features) throw createError('RERANK_NEEDS_ARTICLES', serving.id);
        scores = await serving.model.score(req.query, docs as string[]);
        ids = docs.map(() => null);
      } else {
        ids = docs as number[];
        const candidates = await articleCandidates(library(), rt, req.query, ids as number[]);
        scores = await serving.adapter.rerank(req.query, candidates);
      }
      const lib = library();
      const results: RerankResult[] = scores.map((score, index) => ({ index, articleId: ids[index]!, citation: citationOf(lib, ids[index]!), score, rank: 0 }));
      results.sort((a, b) => b.score - a.score || a.index - b.index);
      results.forEach((r, i) => (r.rank = i + 1));
      return { model, results: req.top ? results.slice(0, req.top) : results };
    },
  };
}

function citationOf(lib: Library, id: number | null): string | null {
  if (id === null) return null;
  const a = lib.searchService.reader.articleRow(id)!;
  return formatCitation(lib.searchService.reader.lawRow(a.law_id)!.title, a.label);
}

/** The given articles as rerank candidates, with the first-stage features the pipeline would give them. */
async function articleCandidates(lib: Library, rt: ModelRuntime, query: string, ids: number[]): Promise<RerankCandidate[]> {
  const reader = lib.searchService.reader;
  const missing = ids.filter((id) => !reader.articleRow(id));
  if (missing.length) throw createError('NOT_FOUND', said(`Article ${missing.slice(0, 5).join(', ')}`, `条文 ${missing.slice(0, 5).join(', ')}`));
  // As search does by default: over the versions in force, unless an article of a superseded version is given.
  const superseded = ids.some((id) => reader.lawRow(reader.articleRow(id)!.law_id)!.status !== 'current');
  const dense = rt.denseRetriever();
  const denseItems = dense ? await dense.search(query, RERANK_POOL, { currentOnly: !superseded }).catch(() => []) : [];
  const lexical = lib.lexical.search(query, { includeSuperseded: superseded }, RERANK_POOL).hits;
  const fused = fuse([
    { source: 'dense', weight: dense ? FUSION_WEIGHTS.dense : 0, items: denseItems },
    { source: 'lexical', weight: dense ? FUSION_WEIGHTS.lexical : 1, items: lexical },
  ]);
  const place = new Map(fused.map((c, i) => [c.articleId, { c, rank: i + 1 }]));
  const described = lib.searchService.describeArticles(ids);
  const named = new Map<number, number>();
  for (const g of lib.searchService.glossary.find(query)) for (const id of g.articleIds) named.set(id, Math.max(named.get(id) ?? 0, g.coverage));
  return ids.map((id) => {
    const found = place.get(id);
    return {
      ...described.get(id)!,
      lexical: found?.c.lexical ?? null, dense: found?.c.dense ?? null,
      glossary: named.get(id) ?? 0,
      // Not found by the first stage: ranked after everything it found.
      fusedRank: found?.rank ?? fused.length + 1,
    };
  });
}
