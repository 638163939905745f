/**
 * What the backbone tells a service about its own state (readiness, metrics), and what the HTTP
 * service's /healthz and /readyz answer. No runtime code here.
 */
import type { ApiErrorShape } from './errors';

/** A snapshot of the backbone, cheap enough to take on every readiness probe or metrics scrape. */
export interface BackboneHealth {
  /** 'opening': not started yet; 'importing': the first-run import; 'error': the library cannot be used. */
  library: 'opening' | 'importing' | 'ready' | 'error';
  /** Why the library cannot be used (library === 'error'). */
  libraryError: ApiErrorShape | null;
  /** A user's statute import is running (importStatutes). */
  userImport: boolean;
  /**
   * 'none': no models configured (lexical search by design); 'loading': being loaded into the
   * inference host; 'loaded': serving; 'failed': loading failed (search is lexical, `modelsError` says why).
   */
  models: 'none' | 'loading' | 'loaded' | 'failed';
  modelsError: ApiErrorShape | null;
  embedder: string | null;
  reranker: string | null;
  /** The vector index serving dense search, and its size in articles. */
  index: { state: 'building' | 'ready'; articles: number } | null;
  /** Articles in the library (all versions); null while it is not open. */
  libraryArticles: number | null;
  /** How many times the inference host process died and was started again. */
  inferenceRestarts: number;
  /** The active backbone version (null: none, each model at its best stage). */
  versionId: number | null;
}

/**
 * GET /readyz: ready (200) or not (503), and in which way search answers. Probes carry no key, so
 * it holds states and fixed sentences only — no file paths, error details, model names or counts
 * (those are in the `status` and `models` methods and in /metrics, which need a key where keys are
 * required).
 */
export interface Readiness {
  ready: boolean;
  /** 'full': dense retrieval and reranking; 'lexical': keywords only (degraded, or no models by design). */
  search: 'full' | 'lexical' | null;
  /** Why not ready, or why search is lexical; null when fully ready. */
  reason: string | null;
  library: BackboneHealth['library'];
  models: BackboneHealth['models'];
}
