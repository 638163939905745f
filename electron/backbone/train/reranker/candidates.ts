import type { Database } from 'better-sqlite3';
import { fuseCandidates } from '../../pipeline/fusion';
import { FUSION_WEIGHTS } from '../../pipeline/pipeline';
import { featureVectorWithPriors, priorKeys, type PriorFeatureProvider } from '../../pipeline/rerank-features';
import type { CandidateArticle, RerankCandidate } from '../../pipeline/stages';
import type { EvalList } from './list-metrics';

/**
 * Candidate lists for training and validating the reranker, built the way the pipeline builds
 * them: dense and lexical top-K fused by the pipeline's weighted RRF, each candidate described by
 * its law, label, headings and text. The dense side runs in-process (the trainer's evaluator), so
 * the lists need no inference host.
 */
export interface FirstStage {
  dense(query: string, k: number): { articleId: number; score: number }[];
  lexical(query: string, k: number): { articleId: number; score: number }[];
  describe(id: number): CandidateArticle;
  /** The articles glossary names in the query point at, with the share of the query the name covers. */
  glossary?(query: string): { articleId: number; coverage: number }[];
}

export function firstStageCandidates(fs: FirstStage, query: string, k: number): RerankCandidate[] {
  const named = new Map<number, number>();
  for (const g of fs.glossary?.(query) ?? []) named.set(g.articleId, Math.max(named.get(g.articleId) ?? 0, g.coverage));
  const fused = fuseCandidates([
    { source: 'dense', weight: FUSION_WEIGHTS.dense, items: fs.dense(query, k) },
    { source: 'lexical', weight: FUSION_WEIGHTS.lexical, items: fs.lexical(query, k) },
  ], k, [...named.keys()]);
  return fused.map((c, i) => ({ ...fs.describe(c.articleId), lexical: c.lexical, dense: c.dense, fusedRank: i + 1, glossary: named.get(c.articleId) ?? 0 }));
}

/** Describes current and superseded articles from the store (one prepared statement, cached rows). */
export function storeDescriber(db: Database): FirstStage['describe'] {
  const stmt = db.prepare(
    `SELECT a.id, a.label, a.path, a.text, l.title, coalesce(x.text, '') AS anchor FROM articles a JOIN laws l ON l.id = a.law_id
     LEFT JOIN article_anchors x ON x.article_id = a.id WHERE a.id = ?`,
  );
  const cache = new Map<number, CandidateArticle>();
  return (id) => {
    let d = cache.get(id);
    if (!d) {
      const r = stmt.get(id) as { id: number; label: string; path: string; text: string; title: string; anchor: string } | undefined;
      if (!r) throw new Error(`article ${id} is not in the library`);
      d = { articleId: r.id, lawTitle: r.title, label: r.label, path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor };
      cache.set(id, d);
    }
    return d;
  };
}

/** A query's candidates turned into a list the listwise trainer reads. */
export interface QueryCandidates {
  query: string;
  candidates: RerankCandidate[];
  relevant: ReadonlySet<number>;
}

export function toEvalList(q: QueryCandidates, names: string[], priors: PriorFeatureProvider | null): EvalList {
  const labels = q.candidates.map((c) => (q.relevant.has(c.articleId) ? 1 : 0));
  const found = labels.reduce<number>((s, y) => s + y, 0);
  return {
    features: q.candidates.map((c) => featureVectorWithPriors(names, q.query, c, priors)),
    labels,
    missingRelevant: q.relevant.size - found,
  };
}

/** The prior keys (short title, title + label) of articles, for building priors from labelled queries. */
export function keysOf(describe: FirstStage['describe'], ids: Iterable<number>): { articles: string[]; laws: string[] } {
  const articles: string[] = [];
  const laws: string[] = [];
  for (const id of ids) {
    const k = priorKeys(describe(id));
    articles.push(k.article);
    laws.push(k.law);
  }
  return { articles, laws };
}
