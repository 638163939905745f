/**
 * Anchor text: what other provisions say where they cite an article. A crime's name is rarely in
 * its 刑法 article, but the interpretations that apply it say `依照刑法第二百六十四条的规定，以盗窃罪定罪
 * 处罚`; a doctrine's name sits in the provisions that refer to it. The sentence around each reference
 * (from `article_refs`, cross-law references only: a law citing itself adds little) becomes the cited
 * article's `anchor` column in the lexical index, a separately weighted field.
 *
 * Only references written under the cited law's current numbering count: a revision renumbers, and a
 * 2015 interpretation's 民事诉讼法第二百条 is not the 2023 version's 第二百条. A reference counts when
 * the citing version is dated on or after the cited version, or after the date from which that law's
 * numbering has held (NUMBERING_SINCE; 刑法's amendments insert 之一 articles and never renumber).
 *
 * Derived data: imports rebuild it in their transaction after the reference index, and re-index
 * only the articles whose anchor text changed.
 */
import type { Database } from 'better-sqlite3';
import { FtsWriter, type LawStatus } from './fts-writer';

/** At most this much anchor text per article, and per citing sentence. */
export const ANCHOR_MAX_CHARS = 400;
const SENTENCE_MAX_CHARS = 80;

/**
 * Laws (by key) whose current numbering holds since a date earlier than their current version:
 * later amendments changed text or inserted 之一 articles without renumbering.
 */
const NUMBERING_SINCE: Readonly<Record<string, string>> = {
  刑法: '1997-03-14',
  民法典: '2020-05-28',
  劳动合同法: '2007-06-29',
  行政诉讼法: '2014-11-01',
};

interface RefRow {
  from_id: number;
  to_id: number;
  ref_start: number;
  ref_end: number;
  text: string;
  from_date: string | null;
  to_key: string;
  to_date: string | null;
}

/** Whether a reference dated `citing` uses the cited law's current numbering. */
export function numberingHolds(citedKey: string, citedDate: string | null, citing: string | null): boolean {
  if (!citedDate) return true;
  if (!citing) return false;
  return citing >= (NUMBERING_SINCE[citedKey] ?? citedDate);
}

const STOP = /[。；！？\n]/u;

/** The clause around text[start, end) without the reference itself, at most SENTENCE_MAX_CHARS, centred on it. */
export function citingSentence(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !STOP.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !STOP.test(text[to]!)) to++;
  let before = text.slice(from, start);
  let after = text.slice(end, to);
  const room = SENTENCE_MAX_CHARS;
  if (before.length + after.length > room) {
    const half = Math.floor(room / 2);
    const keepAfter = Math.min(after.length, Math.max(half, room - before.length));
    after = after.slice(0, keepAfter);
    before = before.slice(before.length - (room - keepAfter));
  }
  return (before + ' ' + after).replace(/\s+/g, ' ').trim();
}

/** Every article's anchor text from the stored reference index (articles nobody cites are absent). */
export function computeAnchors(db: Database): Map<number, string> {
  const rows = db.prepare(
    `SELECT r.from_article_id AS from_id, r.to_article_id AS to_id, r.ref_start, r.ref_end, fa.text,
            fl.version_date AS from_date, tl.law_key AS to_key, tl.version_date AS to_date
     FROM article_refs r
     JOIN articles fa ON fa.id = r.from_article_id JOIN laws fl ON fl.id = fa.law_id
     JOIN articles ta ON ta.id = r.to_article_id JOIN laws tl ON tl.id = ta.law_id
     WHERE fl.law_key <> tl.law_key
     ORDER BY r.to_article_id, (fl.status = 'current') DESC, fl.version_date DESC, r.from_article_id`,
  ).all() as RefRow[];
  const out = new Map<number, string>();
  let seen = new Set<string>();
  let last = -1;
  for (const r of rows) {
    if (!numberingHolds(r.to_key, r.to_date, r.from_date)) continue;
    if (r.to_id !== last) {
      last = r.to_id;
      seen = new Set();
    }
    const sentence = citingSentence(r.text, r.ref_start, r.ref_end);
    if (!sentence || seen.has(sentence)) continue;
    seen.add(sentence);
    const sofar = out.get(r.to_id);
    const next = sofar ? `${sofar}；${sentence}` : sentence;
    if (next.length <= ANCHOR_MAX_CHARS) out.set(r.to_id, next);
  }
  return out;
}

/**
 * Replaces the stored anchor texts with a fresh build and re-indexes the articles whose anchor
 * changed; the caller holds the transaction. Returns how many articles have anchor text and how
 * many rows changed.
 */
export function rebuildArticleAnchors(db: Database): { anchored: number; changed: number } {
  const fresh = computeAnchors(db);
  const old = new Map((db.prepare('SELECT article_id, text FROM article_anchors').raw().all() as [number, string][]));
  const changed = new Set<number>();
  for (const [id, text] of fresh) if (old.get(id) !== text) changed.add(id);
  for (const id of old.keys()) if (!fresh.has(id)) changed.add(id);
  if (changed.size === 0) return { anchored: fresh.size, changed: 0 };
  const put = db.prepare('INSERT INTO article_anchors (article_id, text) VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET text = excluded.text');
  const drop = db.prepare('DELETE FROM article_anchors WHERE article_id = ?');
  const source = db.prepare(
    `SELECT a.path, a.text, l.short_title AS short, l.status FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?`,
  );
  const fts = new FtsWriter(db);
  for (const id of changed) {
    const anchor = fresh.get(id) ?? '';
    if (anchor) put.run(id, anchor);
    else drop.run(id);
    const a = source.get(id) as { path: string; text: string; short: string; status: LawStatus } | undefined;
    if (!a) continue;
    fts.unindex(id, a.status);
    fts.index(id, a.status, { short: a.short, path: JSON.parse(a.path) as string[], text: a.text, anchor });
  }
  return { anchored: fresh.size, changed: changed.size };
}
