import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../../contract/errors';
import { writeFileAtomic } from '../store/write-file-atomic';
import type { PriorFeatureProvider, PriorKeys } from './rerank-features';
import { BigramTfidf, type Neighbour } from './bigram-tfidf';
import { parseArticleLabel } from '../text/citation';

/**
 * Reranker features learned from the TRAIN queries (never validation): which laws and articles
 * questions tend to cite, overall and among the questions most like this one. Stored beside the
 * model as priors.json (the training questions and their citations; the index is rebuilt on load)
 * so the pipeline computes exactly what the trainer did.
 *
 * Out of fold: a query whose text equals a training question sees the priors without that
 * question's own citations, at training and at inference alike, so a train query's features never
 * contain its own answer.
 */
export interface PriorTrainingQuery {
  question: string;
  /** Relevant articles by stable key (see `priorKeys`: short law title + label, e.g. 民法典第五十四条). */
  articles: string[];
  /** The law of each relevant article by short title (same order and length as `articles`). */
  laws: string[];
}

export const PRIOR_FEATURE_NAMES = [
  /** ln((citations of the law + 1) / (all citations + laws + 1)): Laplace-smoothed log frequency. */
  'law_prior',
  /** The same for the exact article. */
  'article_prior',
  /** Similarity-weighted share of the top-m most similar train questions citing the candidate's law. */
  'similar_queries_law',
  /** The same for the exact article. */
  'similar_queries_article',
  /**
   * Similarity-weighted share of those questions citing another article of the candidate's law
   * within ±1, ±3 or ±10 articles of it: questions on a topic cite neighbouring articles of a
   * chapter (+0.011 RR@10 over 3 seeds on validation).
   */
  'similar_queries_nearby_1',
  'similar_queries_nearby_3',
  'similar_queries_nearby_10',
  /**
   * Absolute similarities, where the shares above are normalised (a near copy of a train question
   * and a distant one weigh the same in a share): the most similar of the top `WIDE_M` questions
   * citing the article, …
   */
  'similar_queries_article_max',
  /** … the summed similarity of the top-m questions citing it, … */
  'similar_queries_article_sum',
  /** … the most similar of the top `WIDE_M` citing its law, and the nearest question's similarity. */
  'similar_queries_law_max',
  'nearest_question_similarity',
] as const;

const NEARBY = [1, 3, 10] as const;
/**
 * How many similar questions the absolute-similarity features look through (the shares use
 * `topM`). Measured by cross-validation over 1,235 questions with the reader, the four features
 * added +0.001 RR@10, +0.003 nDCG@10, +0.005 R@10 (`scripts/experiments/reader-cv.ts`).
 */
const WIDE_M = 30;

/** The article number of a stable key (民法典第五十四条 with law 民法典 → 54), or null. */
function articleNumber(article: string, law: string): number | null {
  return article.startsWith(law) ? (parseArticleLabel(article.slice(law.length))?.number ?? null) : null;
}

export const PRIORS_FILE = 'priors.json';
const FORMAT = 'lexbone-priors';
const VERSION = 2;

export interface PriorsJson {
  format: typeof FORMAT;
  version: typeof VERSION;
  topM: number;
  queries: PriorTrainingQuery[];
}

type Candidate = PriorKeys;
type QueryFeatures = (c: Candidate) => Record<string, number>;

const increment = (m: Map<string, number>, k: string, by: number) => m.set(k, (m.get(k) ?? 0) + by);
const key = (question: string) => question.trim();

class FeaturePriors implements PriorFeatureProvider {
  readonly names: readonly string[] = PRIOR_FEATURE_NAMES;
  private readonly index: BigramTfidf;
  private readonly lawCounts = new Map<string, number>();
  private readonly articleCounts = new Map<string, number>();
  private readonly citations: number;
  /** Train query indices by question text (for the out-of-fold exclusion). */
  private readonly byText = new Map<string, number[]>();
  private last: { query: string; features: QueryFeatures } | null = null;

  constructor(
    readonly queries: readonly PriorTrainingQuery[],
    readonly topM = 10,
  ) {
    queries.forEach((q, i) => {
      if (q.articles.length !== q.laws.length) throw new Error(`query ${i}: articles and laws differ in length`);
      for (const a of q.articles) increment(this.articleCounts, a, 1);
      for (const l of q.laws) increment(this.lawCounts, l, 1);
      const k = key(q.question);
      this.byText.set(k, [...(this.byText.get(k) ?? []), i]);
    });
    this.citations = queries.reduce((s, q) => s + q.articles.length, 0);
    this.index = new BigramTfidf(queries.map((q) => q.question));
  }

  features(query: string, candidate: Candidate): Record<string, number> {
    if (this.last?.query !== query) this.last = { query, features: this.forQuery(query) };
    return this.last.features(candidate);
  }

  /** The per-query work done once (self exclusion, neighbours); the result scores candidates. */
  forQuery(query: string): QueryFeatures {
    const self = this.byText.get(key(query)) ?? [];
    const selfSet = new Set(self);
    const own = { laws: new Map<string, number>(), articles: new Map<string, number>(), citations: 0 };
    for (const i of self) {
      for (const a of this.queries[i]!.articles) increment(own.articles, a, 1);
      for (const l of this.queries[i]!.laws) increment(own.laws, l, 1);
      own.citations += this.queries[i]!.articles.length;
    }
    const wide = this.index.nearest(query, Math.max(this.topM, WIDE_M), (doc) => selfSet.has(doc));
    const neighbours = wide.slice(0, this.topM);
    const lawSum = this.sumSimilarity(neighbours, (q) => q.laws);
    const articleSum = this.sumSimilarity(neighbours, (q) => q.articles);
    const neighboursSim = neighbours.reduce((s, n) => s + n.sim, 0);
    /** Σ similarity of the neighbours citing it / Σ similarity of all neighbours. */
    const share = (sums: Map<string, number>, id: string) => (sums.get(id) ?? 0) / (neighboursSim || 1);
    const nearby = this.nearbyCitations(neighbours);
    const articleMax = this.maxSimilarity(wide, (q) => q.articles);
    const lawMax = this.maxSimilarity(wide, (q) => q.laws);
    const nearest = wide[0]?.sim ?? 0;
    const total = this.citations - own.citations;
    const logPrior = (counts: Map<string, number>, ownCounts: Map<string, number>, id: string) =>
      Math.log(((counts.get(id) ?? 0) - (ownCounts.get(id) ?? 0) + 1) / (total + counts.size + 1));
    return (c) => ({
      law_prior: logPrior(this.lawCounts, own.laws, c.law),
      article_prior: logPrior(this.articleCounts, own.articles, c.article),
      similar_queries_law: share(lawSum, c.law),
      similar_queries_article: share(articleSum, c.article),
      ...nearby(c),
      similar_queries_article_max: articleMax.get(c.article) ?? 0,
      similar_queries_article_sum: articleSum.get(c.article) ?? 0,
      similar_queries_law_max: lawMax.get(c.law) ?? 0,
      nearest_question_similarity: nearest,
    });
  }

  /** Per id, the similarity of the most similar neighbour citing it. */
  private maxSimilarity(neighbours: Neighbour[], ids: (q: PriorTrainingQuery) => string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const n of neighbours) for (const id of ids(this.queries[n.doc]!)) if (!out.has(id)) out.set(id, n.sim); // best first
    return out;
  }

  /** Per id (law or article), Σ similarity of the neighbours citing it (not normalised). */
  private sumSimilarity(neighbours: Neighbour[], ids: (q: PriorTrainingQuery) => string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const n of neighbours) for (const id of new Set(ids(this.queries[n.doc]!))) increment(out, id, n.sim);
    return out;
  }

  /** The neighbours' citations by law, with their article numbers and weights (similarity share). */
  private nearbyCitations(neighbours: Neighbour[]): (c: Candidate) => Record<string, number> {
    const total = neighbours.reduce((s, n) => s + n.sim, 0);
    const byLaw = new Map<string, { article: string; number: number; weight: number }[]>();
    if (total > 0) {
      for (const n of neighbours) {
        const q = this.queries[n.doc]!;
        q.articles.forEach((article, i) => {
          const number = articleNumber(article, q.laws[i]!);
          if (number === null) return;
          byLaw.set(q.laws[i]!, [...(byLaw.get(q.laws[i]!) ?? []), { article, number, weight: n.sim / total }]);
        });
      }
    }
    return (c) => {
      const sums = NEARBY.map(() => 0);
      const cites = byLaw.get(c.law);
      const number = cites ? articleNumber(c.article, c.law) : null;
      if (cites && number !== null) {
        for (const cite of cites) {
          if (cite.article === c.article) continue;
          const d = Math.abs(cite.number - number);
          NEARBY.forEach((within, i) => {
            if (d <= within) sums[i]! += cite.weight;
          });
        }
      }
      return Object.fromEntries(NEARBY.map((within, i) => [`similar_queries_nearby_${within}`, sums[i]!]));
    };
  }

  toJSON(): PriorsJson {
    return { format: FORMAT, version: VERSION, topM: this.topM, queries: this.queries.map((q) => ({ ...q })) };
  }

  static fromJSON(json: unknown, where = PRIORS_FILE): FeaturePriors {
    const j = json as Partial<PriorsJson> | null;
    if (j?.format !== FORMAT || j.version !== VERSION) throw new Error(`${where} is not a ${FORMAT} v${VERSION} file`);
    if (!Number.isInteger(j.topM) || j.topM! < 1 || !Array.isArray(j.queries)) throw new Error(`${where}: bad topM or queries`);
    for (const q of j.queries) {
      const ids = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
      if (typeof q?.question !== 'string' || !ids(q.articles) || !ids(q.laws)) throw new Error(`${where}: malformed query entry`);
    }
    return new FeaturePriors(j.queries, j.topM);
  }
}

/** Builds the priors from the train split's queries. */
export function buildPriors(trainQueries: readonly PriorTrainingQuery[], opts: { topM?: number } = {}): FeaturePriors {
  return new FeaturePriors(trainQueries, opts.topM ?? 10);
}

/** Writes `dir`/priors.json (whole or not at all). */
export function savePriors(dir: string, priors: FeaturePriors): void {
  writeFileAtomic(join(dir, PRIORS_FILE), JSON.stringify(priors.toJSON()) + '\n');
}

/** Reads `dir`/priors.json; a missing or malformed file is a MODEL_* error naming the folder. */
export function loadPriors(dir: string): FeaturePriors {
  let text: string;
  try {
    text = readFileSync(join(dir, PRIORS_FILE), 'utf8');
  } catch {
    throw createError('MODEL_FILE_MISSING', dir, PRIORS_FILE);
  }
  try {
    return FeaturePriors.fromJSON(JSON.parse(text));
  } catch (e) {
    throw createError('MODEL_INVALID', dir, (e as Error).message);
  }
}
