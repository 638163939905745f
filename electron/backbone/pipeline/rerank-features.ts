import type { RerankCandidate } from './stages';

/**
 * Named features a `lexbone-features` reranker can be trained on. A model's manifest lists the
 * names it uses, in order; the vector is computed here from what the first stage already knows.
 * Add features, never change the meaning of an existing name.
 */
type Feature = (query: string, c: RerankCandidate) => number;

const rr = (r: { rank: number } | null): number => (r ? 1 / r.rank : 0);
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
  bigram_overlap: (q, c) => {
    const grams = new Set<string>();
    for (let i = 0; i + 1 < q.length; i++) if (/\p{Script=Han}{2}/u.test(q.slice(i, i + 2))) grams.add(q.slice(i, i + 2));
    if (grams.size === 0) return 0;
    let hit = 0;
    for (const g of grams) if (c.text.includes(g)) hit++;
    return hit / grams.size;
  },
  /** log of the article length in characters. */
  log_length: (_q, c) => Math.log1p(c.text.length),
};

export function checkFeatureNames(names: string[]): string[] {
  return names.filter((n) => !Object.hasOwn(FEATURES, n));
}

export function featureVector(names: string[], query: string, c: RerankCandidate): Float32Array {
  return Float32Array.from(names, (n) => FEATURES[n]!(query, c));
}
