import type { RerankCandidate } from './stages';

/**
 * Named features a `lexbone-features` reranker can be trained on. A model's manifest lists the
 * names it uses, in order; the vector is computed here from what the first stage already knows.
 * Add features, never change the meaning of an existing name.
 */
type Feature = (query: string, c: RerankCandidate) => number;

const rr = (r: { rank: number } | null): number => (r ? 1 / r.rank : 0);

/** The distinct Han bigrams of a text. */
function hanBigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) if (/\p{Script=Han}{2}/u.test(text.slice(i, i + 2))) grams.add(text.slice(i, i + 2));
  return grams;
}

/**
 * hanBigrams of the few texts asked again and again while a query's candidates are scored (the
 * query, the law titles): the last 64, least recently used dropped first. Callers never mutate.
 */
const recentGrams = new Map<string, Set<string>>();
function cachedBigrams(text: string): Set<string> {
  let grams = recentGrams.get(text);
  if (grams) recentGrams.delete(text);
  else {
    grams = hanBigrams(text);
    if (recentGrams.size >= 64) recentGrams.delete(recentGrams.keys().next().value!);
  }
  recentGrams.set(text, grams);
  return grams;
}

/** Share of the Han bigrams of `from` found in `text` (0 when `from` has none). */
function shareIn(from: string, text: string): number {
  const grams = cachedBigrams(from);
  if (grams.size === 0 || text === '') return 0;
  let hit = 0;
  for (const g of grams) if (text.includes(g)) hit++;
  return hit / grams.size;
}
const shortTitle = (t: string): string => t.replace(/^中华人民共和国/, '');

export const FEATURES: Record<string, Feature> = {
  /** BM25 score (0 when lexical retrieval did not return the article). */
  lexical_score: (_q, c) => c.lexical?.score ?? 0,
  lexical_rr: (_q, c) => rr(c.lexical),
  dense_score: (_q, c) => c.dense?.score ?? 0,
  dense_rr: (_q, c) => rr(c.dense),
  fused_rr: (_q, c) => 1 / c.fusedRank,
  /** 1 when the query names the article's law (e.g. 劳动合同法 in the question). */
  title_in_query: (q, c) => (q.includes(shortTitle(c.lawTitle)) ? 1 : 0),
  /** Share of the query's Han bigrams that occur in the article text. */
  bigram_overlap: (q, c) => shareIn(q, c.text),
  /** log of the article length in characters. */
  log_length: (_q, c) => Math.log1p(c.text.length),
  /** Share of the law's short title's Han bigrams that occur in the query (a query saying 劳动合同 scores 3/4 for 劳动合同法). */
  title_bigram_overlap: (q, c) => shareIn(shortTitle(c.lawTitle), q),
  /** 1 when a glossary name in the query points at the article (侵占罪 → 刑法第二百七十条). */
  glossary_match: (_q, c) => ((c.glossary ?? 0) > 0 ? 1 : 0),
  /** Share of the query that glossary name covers (1: the query is the name; small: a name inside a long question). */
  glossary_coverage: (_q, c) => c.glossary ?? 0,
  /** Share of the query's Han bigrams in what citing provisions say of the article (its anchor text). */
  anchor_overlap: (q, c) => shareIn(q, c.anchor ?? ''),
  /** Share of the query's Han bigrams in the article's headings (编/章/节 titles). */
  heading_overlap: (q, c) => shareIn(q, c.path.join(' ')),
};

function checkFeatureNames(names: string[]): string[] {
  return names.filter((n) => !Object.hasOwn(FEATURES, n));
}

export function featureVector(names: string[], query: string, c: RerankCandidate): Float32Array {
  return Float32Array.from(names, (n) => FEATURES[n]!(query, c));
}

/**
 * Stable keys of a candidate for prior features: the short law title and title + label
 * (民法典, 民法典第五十四条). Unlike database ids they survive a re-import or another library build,
 * and a new version of a law keeps its priors.
 */
export interface PriorKeys {
  law: string;
  article: string;
}

export const priorKeys = (c: Pick<RerankCandidate, 'lawTitle' | 'label'>): PriorKeys => {
  const law = shortTitle(c.lawTitle);
  return { law, article: law + c.label };
};

/**
 * Features learned from training queries (a per-law prior, the laws cited by similar questions…).
 * A model that uses them ships their data beside its weights (priors.json, loaded into a provider
 * by pipeline/feature-priors.ts); their names sit in the manifest's featureNames like any
 * other.
 */
export interface PriorFeatureProvider {
  /** The feature names this provider computes. */
  readonly names: readonly string[];
  features(query: string, candidate: PriorKeys): Record<string, number>;
}

/** Names neither in FEATURES nor computed by `provider`. */
export function checkFeatureNamesWithPriors(names: string[], provider: PriorFeatureProvider | null): string[] {
  const prior = new Set(provider?.names ?? []);
  return names.filter((n) => !Object.hasOwn(FEATURES, n) && !prior.has(n));
}

/** Like featureVector, with prior features taken from `priors` (which must compute every name not in FEATURES). */
export function featureVectorWithPriors(names: string[], query: string, c: RerankCandidate, priors: PriorFeatureProvider | null): Float32Array {
  const needsPriors = names.some((n) => !Object.hasOwn(FEATURES, n));
  if (needsPriors && !priors) throw new Error(`prior features (${checkFeatureNames(names).join(', ')}) need a PriorFeatureProvider`);
  const p = needsPriors ? priors!.features(query, priorKeys(c)) : {};
  return Float32Array.from(names, (n) => {
    if (Object.hasOwn(FEATURES, n)) return FEATURES[n]!(query, c);
    const v = p[n];
    if (v === undefined) throw new Error(`unknown feature name: ${n}`);
    return v;
  });
}
