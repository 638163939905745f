/**
 * The pluggable stages of the retrieval pipeline, as the pipeline sees them. Dense retrieval wraps
 * an embedder and a vector index; reranking wraps a text-pair or feature reranker.
 */

export interface DenseRetriever {
  /** The embedder model id whose vectors are searched. */
  readonly modelId: string;
  /** Best-first article ids with cosine similarity. */
  search(query: string, k: number, opts: { currentOnly: boolean }): Promise<{ articleId: number; score: number }[]>;
  /**
   * Those of `articleIds` that have no vector in the index now (imported while indexing has not
   * reached them). Synchronous, so the pipeline can ask in the same turn as it sends the search:
   * a vector committed later is one the search itself sees.
   */
  unindexed?(articleIds: number[]): number[];
  /** The query's similarity to these articles, embedded now (for articles without a vector). */
  scoreArticles?(query: string, articleIds: number[]): Promise<{ articleId: number; score: number }[]>;
}

/** What a reranker may look at for one candidate. */
export interface RerankCandidate {
  articleId: number;
  lawTitle: string;
  /** The article's label, e.g. 第五十四条. */
  label: string;
  path: string[];
  text: string;
  /** What citing provisions say of the article (store/article-anchors.ts); absent or '' when none. */
  anchor?: string;
  /** Share of the query covered by a glossary name that points at this article; absent or 0 when none does. */
  glossary?: number;
  lexical: { rank: number; score: number } | null;
  dense: { rank: number; score: number } | null;
  fusedRank: number;
}

/** What describes an article to a reranker, whatever the query (the store's part of a candidate). */
export type CandidateArticle = Omit<RerankCandidate, 'lexical' | 'dense' | 'fusedRank' | 'glossary'>;

export interface CandidateReranker {
  readonly modelId: string;
  /** One score per candidate, higher is better, in input order. */
  rerank(query: string, candidates: RerankCandidate[]): Promise<number[]>;
}
