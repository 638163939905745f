/**
 * The two inference roles, as the rest of the backbone sees them. Implementations: ONNX sessions
 * in-process (inference/load-model.ts, used inside the inference host) and proxies that talk to the
 * inference host process (inference/client.ts). Tests and future engines can stand in.
 */

export type ModelRole = 'embedder' | 'reranker';

/** Execution provider actually used by a session, and why when it is not the preferred one. */
export interface ProviderInfo {
  /** e.g. 'cpu', 'cuda', 'dml', 'coreml' */
  active: string;
  /** Providers tried, in order. */
  tried: string[];
  /** Why the GPU provider is not active (missing, failed to initialise…), or null. */
  fallbackReason: string | null;
}

export interface ModelInfo {
  id: string;
  role: ModelRole;
  /** 'base', 'stage1', 'stage2', 'stage3' or free text. */
  stage: string;
  family: string;
  /** Folder the model was loaded from. */
  dir: string;
  /** Embedders: output dimension after any MRL truncation. */
  dimension?: number;
  maxLength: number;
}

export type TextKind = 'query' | 'document';

export interface Embedder {
  readonly info: ModelInfo;
  readonly dimension: number;
  /** L2-normalised vectors, one per text, in order. */
  embed(texts: string[], kind: TextKind): Promise<Float32Array[]>;
  provider(): ProviderInfo;
  close(): Promise<void>;
}

export interface Reranker {
  readonly info: ModelInfo;
  /** Relevance of each document to the query, higher is better, in input order. */
  score(query: string, documents: string[]): Promise<number[]>;
  provider(): ProviderInfo;
  close(): Promise<void>;
}

/** What a reading reranker reads beside the features: the question and each candidate's text, in feature order. */
export interface ReadingInput {
  query: string;
  documents: string[];
}

/**
 * A reranker that scores per-candidate feature vectors (families lexbone-features and
 * lexbone-reader) instead of text. Its `score(query, documents)` throws MODEL_NEEDS_FEATURES.
 */
export interface FeatureReranker extends Reranker {
  /** Names of the feature vector's entries, in order (from the manifest). */
  readonly featureNames: readonly string[];
  /** True when the model also reads the question and the texts (lexbone-reader): scoreFeatures then needs `reading`. */
  readonly reads: boolean;
  /** One score per feature vector (each of length featureNames.length), in input order. */
  scoreFeatures(features: Float32Array[], reading?: ReadingInput): Promise<number[]>;
}

export function isFeatureReranker(r: Reranker): r is FeatureReranker {
  return typeof (r as Partial<FeatureReranker>).scoreFeatures === 'function';
}
