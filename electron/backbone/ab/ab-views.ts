/**
 * What the A/B API answers, made from a session file: the list entry (no version names), the
 * blinded items with their articles looked up in the library, and the unblinded tally.
 */
import type { AbArticle, AbItemView, AbReveal, AbSessionSummary, AbTally } from '../../contract/ab-types';
import type { Library } from '../library';
import { unblind } from './ab-compare';
import { judgedItems, sessionTally, type AbSession } from './ab-session';

const EXCERPT_CHARS = 160;

export function summaryOf(id: string, s: AbSession): AbSessionSummary {
  return {
    id,
    createdAt: s.createdAt,
    state: 'ready',
    progress: null,
    error: null,
    querySource: s.origin ? (s.origin.source === 'file' ? null : s.origin.source) : null,
    preset: s.origin?.preset ?? null,
    queries: s.items.length + s.identical.length,
    items: s.items.length,
    identical: s.identical.length,
    judged: s.items.filter((it) => it.itemId in s.judgments).length,
  };
}

function articleOf(lib: Library, articleId: number): AbArticle {
  try {
    const a = lib.article({ id: articleId });
    const text = a.text.replace(/\s+/g, ' ').trim();
    return {
      articleId,
      citation: a.citation,
      shortTitle: a.law.shortTitle,
      label: a.label,
      path: a.path,
      excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
      found: true,
    };
  } catch {
    return { articleId, citation: '', shortTitle: '', label: '', path: [], excerpt: '', found: false };
  }
}

export function itemOf(lib: Library, s: AbSession, index: number): AbItemView {
  const item = s.items[index]!;
  return {
    index,
    query: item.query,
    left: item.leftIds.map((id) => articleOf(lib, id)),
    right: item.rightIds.map((id) => articleOf(lib, id)),
    verdict: s.judgments[item.itemId] ?? null,
  };
}

export function tallyOf(id: string, s: AbSession): AbTally {
  const t = sessionTally(s);
  const index = new Map(s.items.map((it, i) => [it.itemId, i]));
  const reveals: AbReveal[] = judgedItems(s).map(({ item, verdict }) => ({
    index: index.get(item.itemId)!,
    query: item.query,
    left: item.left,
    verdict,
    winner: unblind(item, verdict),
  }));
  return {
    id,
    versionA: s.versionA,
    versionB: s.versionB,
    a: t.a,
    b: t.b,
    ties: t.ties,
    identical: t.identical,
    judged: t.judged,
    items: s.items.length,
    complete: t.judged === s.items.length,
    preferenceA: t.preferenceA,
    ci95: t.ci95,
    pValue: t.pValue,
    reveals,
  };
}
