import type { ArticleRef } from './folder-types';
import type { PresetName } from './types';

/**
 * Relevance feedback: what a lawyer says about the results they were shown. It lives in the
 * user's research.db, never in the library, and leaves the machine only in an export.
 */

/** `relevant` / `not_relevant`: a mark on one result; `nothing_here`: no result answers the query; `opened`: the article was opened from the results (implicit, not trained on). */
export type FeedbackMark = 'relevant' | 'not_relevant' | 'nothing_here' | 'opened';

/** Where the item was given: a result list, a research run, an article page, a pin, the failure-case curation, or an imported file. */
export type FeedbackSource = 'search' | 'research' | 'article' | 'pin' | 'curation' | 'import';

/** An article as feedback names it: like a pin, by law title, version and label, with its citation. */
export interface FeedbackArticle extends ArticleRef {
  citation: string;
}

export interface FeedbackItem {
  id: number;
  /** The application that gave it on the shared service; '' for the local user. */
  app: string;
  query: string;
  mark: FeedbackMark;
  source: FeedbackSource;
  /** null for `nothing_here`. */
  article: FeedbackArticle | null;
  /** For `nothing_here`: the results that were shown, best first. */
  shown: FeedbackArticle[];
  /** The backbone version and preset that served the results, and the article's rank there (1-based). */
  versionId: number | null;
  preset: PresetName | null;
  rank: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  /** How many items match the filters (the page holds at most `limit`). */
  total: number;
  counts: Record<FeedbackMark, number>;
}

/**
 * A query the results did not serve: marked "nothing here", or searched with no relevant mark, pin
 * or opened article afterwards. `added` are the articles a lawyer has named for it since.
 */
export interface FailureCase {
  query: string;
  reason: 'nothing_here' | 'no_relevant_result';
  preset: PresetName | null;
  /** The results that were shown, best first (up to 10). */
  shown: FeedbackArticle[];
  added: FeedbackItem[];
  at: string;
}

export interface FeedbackImportReport {
  /** Lines read, items added, items that replaced an earlier mark for the same query and article. */
  lines: number;
  added: number;
  updated: number;
  /** When any line is bad, nothing is imported and each bad line is named. */
  errors: { line: number; message: string }[];
}

/** A training from feedback running in the background, or the last one (trainFromFeedback, feedbackTraining). */
export interface FeedbackTrainingView {
  state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Feedback items it was started with (the store's at that moment). */
  items: number;
  progress: { phase: string; done: number; total: number; etaMs: number | null } | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The new version (not active) when done. */
  versionId: number | null;
  error: { code: string; message: string; messageZh?: string } | null;
}

/** What training from feedback measured (train/feedback-stage.ts). */
export interface FeedbackEvidence {
  feedback: { items: number; questions: number; trained: number; heldOut: number; unresolved: number; positives: number; negatives: number; outsideCandidates: number };
  /** RR@10, nDCG@10, R@10 and R@60 of the served version and the new one, 60 candidates → 10 (with a new embedder, its own candidates). */
  measures: Record<'stard' | 'lawyer' | 'feedback', { queries: number; served: Record<string, number>; trained: Record<string, number> }>;
  /** The largest RR@10 drop on STARD validation or the lawyer set (positive: worse). */
  worstDrop: number;
  /** True when that drop is more than 0.01 RR@10: the version is not offered for one-click activation. */
  flagged: boolean;
  epochs: number;
  bestEpoch: number;
  seconds: number;
  /** The new embedder's id when the embedder was trained too (the version then serves it), else null. */
  embedder: string | null;
}

/** The evidence of a backbone version trained from feedback (BackboneVersion.evidence). */
export interface FeedbackVersionEvidence extends FeedbackEvidence {
  source: 'feedback';
  fromVersion: number | null;
  servedReranker: string;
}
