/**
 * The pluggable stages of the retrieval pipeline, as the pipeline sees them. Dense retrieval wraps
 * an embedder and a vector index; reranking wraps a text-pair or feature reranker.
 */

export interface DenseRetriever {
  /** The embedder model id whose vectors are searched. */
  readonly modelId: string;
  /** Best-first article ids with cosine similarity. */
  search(query: string, k: number, opts: { currentOnly: boolean }): Promise<{ articleId: number; score: number }[]>;
}

/** What a reranker may look at for one candidate. */
export interface RerankCandidate {
  articleId: number;
  lawTitle: string;
  /** The article's label, e.g. 第五十四条. */
  label: string;
  path: string[];
  text: string;
  lexical: { rank: number; score: number } | null;
  dense: { rank: number; score: number } | null;
  fusedRank: number;
}

export interface CandidateReranker {
  readonly modelId: string;
  /** One score per candidate, higher is better, in input order. */
  rerank(query: string, candidates: RerankCandidate[]): Promise<number[]>;
}
