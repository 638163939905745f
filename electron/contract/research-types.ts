/**
 * Deep research: a run spends the `research` budget (K candidates → the best N after reranking)
 * and streams its result while the reranker works. The client starts a run, polls it (one contract
 * for IPC and HTTP), and may cancel it; a cancelled run keeps what it had. Plain data, no runtime code.
 */
import type { ApiErrorShape } from './errors';
import type { Budget, SearchHit, SearchMode } from './types';

export type ResearchState = 'running' | 'done' | 'cancelled' | 'failed';

/** `retrieving`: the first stage; `reranking`: `done` of `total` candidates scored; `done`: finished. */
export type ResearchPhase = 'retrieving' | 'reranking' | 'done';

export interface ResearchProgress {
  phase: ResearchPhase;
  done: number;
  total: number;
  /** Milliseconds left, from the reranker's rate so far; null until one batch is scored. */
  etaMs: number | null;
}

/** A candidate the reranker scored but put below the top N ("considered but ranked low"). */
export interface LowRankedHit extends Pick<SearchHit, 'articleId' | 'citation' | 'label' | 'law'> {
  /** Its place in the reranker's order (N + 1 and below). */
  rank: number;
  /** Its place in the first stage's candidate list (1-based). */
  beforeRerank: number;
  rerankScore: number;
}

/**
 * A hit linked to a related provision by a cross-reference, and the words of the reference as
 * written in the citing text (the hit's for `citedBy`, the related provision's for `cites`).
 */
export interface CitingHit {
  articleId: number;
  citation: string;
  /** The hit's rank in the run's result. */
  rank: number;
  /** The reference as written, e.g. 第四十七条 (of 本法第四十七条). */
  reference: string;
}

/** `cited`: hits cite the provision; `citing`: it cites hits; `both`. */
export type RelatedRelation = 'cited' | 'citing' | 'both';

/** An article one cross-reference away from the top hits (either direction), not itself a hit. */
export interface RelatedProvision extends Pick<SearchHit, 'articleId' | 'citation' | 'label' | 'law' | 'path'> {
  /** Cited: the article's opening text; citing only: its text around the reference to a hit (the `hit` run). */
  snippet: SearchHit['snippet'];
  relation: RelatedRelation;
  /** The hits that cite it, best ranked first (empty when it only cites hits). */
  citedBy: CitingHit[];
  /** The hits it cites, best ranked first (empty when it is only cited). */
  cites: CitingHit[];
}

export interface ResearchRunView {
  runId: string;
  query: string;
  state: ResearchState;
  progress: ResearchProgress;
  budget: Budget;
  /** How the first stage ran (null while it runs). */
  mode: SearchMode | null;
  models: { embedder: string | null; reranker: string | null };
  /** Why a stage was skipped (e.g. no reranker: first-stage order), or null; in English, and in Chinese. */
  degraded: string | null;
  degradedZh: string | null;
  /** The current top N by rerank score (all of them once the run is done). */
  hits: SearchHit[];
  /** Scored candidates below the top N, in rerank order. */
  lowRanked: LowRankedHit[];
  /**
   * Provisions the hits cite, most cited first; then provisions that cite the hits (the first 50 of
   * those, most hits cited first).
   */
  related: RelatedProvision[];
  error: ApiErrorShape | null;
  /** ISO time the run started; milliseconds it has run (until it ended). */
  startedAt: string;
  tookMs: number;
}

export interface ResearchStarted {
  runId: string;
}
