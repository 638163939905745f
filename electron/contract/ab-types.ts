/**
 * Blind A/B judging of two backbone versions in the app: sessions kept in the user's data folder
 * (`<data folder>/ab/<id>.json`, the `npm run ab` session format), their blinded items, verdicts
 * and the unblinded tally. Plain data, no runtime code.
 */
import type { PresetName } from './types';
import type { ApiErrorShape } from './errors';

export type AbVerdict = 'left' | 'right' | 'tie';

/** Where a session's queries came from. */
export type AbQuerySource = 'history' | 'pasted';

/** One version as a session names it (revealed only by the tally). */
export interface AbVersionRef {
  id: string;
  label: string;
}

/** A session as the list shows it: no version names, so the list cannot unblind a judge. */
export interface AbSessionSummary {
  id: string;
  createdAt: string;
  state: 'preparing' | 'ready' | 'failed' | 'cancelled';
  /** Preparing: which step and how far (done of total queries over both versions); cancelled: phase `cancelled` and how far it got. */
  progress: { phase: string; done: number; total: number } | null;
  /** Failed: what went wrong. */
  error: ApiErrorShape | null;
  querySource: AbQuerySource | null;
  preset: PresetName | null;
  /** Queries compared (items + identical). */
  queries: number;
  /** Items to judge (queries whose lists differ). */
  items: number;
  /** Queries whose top N were the same for both versions (not judged). */
  identical: number;
  judged: number;
}

/** One article of a result list. */
export interface AbArticle {
  articleId: number;
  citation: string;
  shortTitle: string;
  label: string;
  /** Book / chapter / section headings above the article. */
  path: string[];
  /** The start of the article's text. */
  excerpt: string;
  /** False when the library no longer holds the article (a re-import since the session was made). */
  found: boolean;
}

/** A blinded item: the query and the two lists, without saying which version made which. */
export interface AbItemView {
  index: number;
  query: string;
  left: AbArticle[];
  right: AbArticle[];
  verdict: AbVerdict | null;
}

export interface AbSessionView {
  summary: AbSessionSummary;
  items: AbItemView[];
}

/** A judged item, unblinded. */
export interface AbReveal {
  index: number;
  query: string;
  /** The version shown on the left. */
  left: 'A' | 'B';
  verdict: AbVerdict;
  winner: 'A' | 'B' | 'tie';
}

export interface AbTally {
  id: string;
  versionA: AbVersionRef;
  versionB: AbVersionRef;
  a: number;
  b: number;
  ties: number;
  identical: number;
  judged: number;
  items: number;
  /** True when every item has a verdict. */
  complete: boolean;
  /** A's share of the preferences, ties left out; null when there are none. */
  preferenceA: number | null;
  /** 95 % Wilson score interval of preferenceA. */
  ci95: [number, number] | null;
  /** Two-sided exact sign test of A's wins against B's. */
  pValue: number | null;
  reveals: AbReveal[];
}
