/**
 * Offline A/B comparison of two backbone versions (two retrieval configurations) on a query set.
 * Queries whose rankings agree are set aside as identical; the rest become blinded judging items
 * (A shown left or right at random, items in random order, both from a seed), and the verdicts are
 * unblinded and tallied into wins, ties, a preference share with a Wilson interval, and an exact
 * sign-test p-value. Pure logic: no I/O, no Electron, no database.
 */
import { createError } from '../../contract/errors';
import { rng } from '../train/random';
import { signTestPValue, wilsonInterval } from './ab-stats';

/** Which backbone version. */
export type Side = 'A' | 'B';

/** A judge's answer about the two lists shown side by side. */
export type Verdict = 'left' | 'right' | 'tie';

/** One query's rankings from both versions. */
export interface QueryRankings {
  queryId: string;
  query: string;
  /** Ranked article ids from version A (best first). */
  a: number[];
  /** Ranked article ids from version B (best first). */
  b: number[];
}

/** One blinded item for a judge: the two lists without saying which version made which. */
export interface JudgingItem {
  itemId: string;
  queryId: string;
  query: string;
  /** The version shown on the left (kept for unblinding; never shown to the judge). */
  left: Side;
  leftIds: number[];
  rightIds: number[];
}

export interface CompareOptions {
  /** Seed for the side assignment and item order; the same seed gives the same items. */
  seed: number;
  /** Compare (and show) only the top `depth` ids; default: the whole lists. */
  depth?: number;
}

export interface Comparison {
  /** Query ids whose top-`depth` lists are identical in order (nothing to judge). */
  identical: string[];
  /** The other queries, blinded and shuffled. */
  items: JudgingItem[];
}

export interface Tally {
  /** Items where the judge preferred version A. */
  a: number;
  /** Items where the judge preferred version B. */
  b: number;
  ties: number;
  /** Queries set aside because both versions returned the same list. */
  identical: number;
  /** Judged items (a + b + ties). */
  judged: number;
  /** a / (a + b); null when a + b = 0. */
  preferenceA: number | null;
  /** 95 % Wilson score interval for preferenceA. */
  ci95: [number, number] | null;
  /** Two-sided exact binomial sign test of a against b (ties left out). */
  pValue: number | null;
}

function sameList(x: readonly number[], y: readonly number[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Splits queries into identical ones and blinded judging items. For each non-identical query (in
 * input order) one draw of the seeded generator decides whether A goes left; then the items are
 * shuffled (Fisher–Yates, same generator) and numbered `item-1`, `item-2`, … in judging order, so
 * neither the id nor the position tells the judge which version is which.
 */
export function compareLists(queries: readonly QueryRankings[], opts: CompareOptions): Comparison {
  const { seed, depth } = opts;
  if (!Number.isFinite(seed)) throw createError('INVALID_REQUEST', `the A/B seed must be a finite number, got ${seed}.`);
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) {
    throw createError('INVALID_REQUEST', `the A/B depth must be a positive integer, got ${depth}.`);
  }
  const cut = (ids: readonly number[]) => (depth === undefined ? ids.slice() : ids.slice(0, depth));
  const seen = new Set<string>();
  const identical: string[] = [];
  const pending: Omit<JudgingItem, 'itemId'>[] = [];
  const random = rng(seed);
  for (const q of queries) {
    if (seen.has(q.queryId)) throw createError('INVALID_REQUEST', `query id "${q.queryId}" appears twice in the A/B query set.`);
    seen.add(q.queryId);
    const a = cut(q.a);
    const b = cut(q.b);
    if (sameList(a, b)) {
      identical.push(q.queryId);
      continue;
    }
    const left: Side = random() < 0.5 ? 'A' : 'B';
    pending.push({
      queryId: q.queryId,
      query: q.query,
      left,
      leftIds: left === 'A' ? a : b,
      rightIds: left === 'A' ? b : a,
    });
  }
  for (let i = pending.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pending[i], pending[j]] = [pending[j], pending[i]];
  }
  const items = pending.map((p, i) => ({ itemId: `item-${i + 1}`, ...p }));
  return { identical, items };
}

/** Turns a verdict about left/right into one about the versions. */
export function unblind(item: Pick<JudgingItem, 'left'>, verdict: Verdict): Side | 'tie' {
  if (verdict === 'tie') return 'tie';
  if (verdict === 'left') return item.left;
  return item.left === 'A' ? 'B' : 'A';
}

/**
 * Counts unblinded verdicts and derives the preference for A with its Wilson interval and the
 * sign-test p-value. `identicalCount` is reported alongside (identical queries are not judged).
 * An item judged twice is refused.
 */
export function tally(judgments: readonly { item: JudgingItem; verdict: Verdict }[], identicalCount: number): Tally {
  if (!Number.isInteger(identicalCount) || identicalCount < 0) {
    throw createError('INVALID_REQUEST', `the identical count must be a non-negative integer, got ${identicalCount}.`);
  }
  const seen = new Set<string>();
  let a = 0;
  let b = 0;
  let ties = 0;
  for (const { item, verdict } of judgments) {
    if (seen.has(item.itemId)) throw createError('INVALID_REQUEST', `item "${item.itemId}" is judged twice.`);
    seen.add(item.itemId);
    const winner = unblind(item, verdict);
    if (winner === 'A') a++;
    else if (winner === 'B') b++;
    else ties++;
  }
  const decided = a + b;
  return {
    a,
    b,
    ties,
    identical: identicalCount,
    judged: a + b + ties,
    preferenceA: decided === 0 ? null : a / decided,
    ci95: wilsonInterval(a, decided),
    pValue: signTestPValue(a, b),
  };
}
