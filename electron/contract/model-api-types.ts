/** Answers of the embed and rerank API methods (the served models, used directly). */

export interface EmbedResponse {
  /** The served embedder: its id, stage and the vectors' dimension. */
  model: { id: string; stage: string; dimension: number };
  kind: 'query' | 'document';
  /** One L2-normalised vector per text, in request order. */
  vectors: number[][];
}

export interface RerankResult {
  /** Position of the document in the request. */
  index: number;
  /** The article (documents given as article ids), else null. */
  articleId: number | null;
  /** 《law title》label of the article, else null. */
  citation: string | null;
  /** The reranker's score, higher is better (comparable within one request only). */
  score: number;
  /** 1 = best. */
  rank: number;
}

export interface RerankResponse {
  /**
   * The served reranker. `features`: a feature reranker (the built-in one), fed the first-stage
   * features the search pipeline computes for each article; `text-pair`: scores (query, text).
   */
  model: { id: string; stage: string; kind: 'features' | 'text-pair' };
  /** Best first; `top` of them when asked. */
  results: RerankResult[];
}
