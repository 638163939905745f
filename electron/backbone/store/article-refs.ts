/**
 * The reverse reference index: `article_refs` holds one row per (citing article, cited article)
 * pair, with the span of the first reference in the citing text. It is derived from the stored
 * articles by the same resolver the article page links with (`cross-reference-resolver.ts`), so
 * "cited by" is exactly the inverse of the links a reader sees. A `《…》第X条` reference resolves to
 * the named law's current version, and a short name to the shortest current law containing it:
 * both depend on which laws are stored, so every import that changes the library rebuilds the
 * whole table inside its own transaction (and migration 4 builds it for an existing database).
 */
import type { Database } from 'better-sqlite3';
import type { LawSummary } from '../../contract/types';
import { resolveCrossReferences, type LawLookup } from './cross-reference-resolver';
import { LawReader } from './law-reader';

export interface ArticleRef {
  from: number;
  to: number;
  /** UTF-16 offsets of the first reference to `to` in the citing article's text, end exclusive. */
  start: number;
  end: number;
}

/** A law lookup that remembers each named law it was asked for (one build asks thousands of times). */
function cachedLookup(reader: LawReader): LawLookup {
  const named = new Map<string, LawSummary | undefined>();
  const exact = new Map<string, LawSummary | undefined>();
  return {
    findLawExact: (key) => {
      if (!exact.has(key)) exact.set(key, reader.findLawExact(key));
      return exact.get(key);
    },
    law: (id) => reader.law(id),
    findLaw: (key) => {
      if (!named.has(key)) named.set(key, reader.findLaw(key));
      return named.get(key);
    },
    articleByNumber: (lawId, number, sub) => reader.articleByNumber(lawId, number, sub),
  };
}

/**
 * Every resolved reference between two different stored articles, once per pair, in article order.
 * References to the article itself and to provisions not in the library are left out.
 */
export function computeArticleRefs(db: Database): ArticleRef[] {
  const lookup = cachedLookup(new LawReader(db));
  // Only texts with a 第…条 can hold a reference (findCrossReferences needs one).
  const rows = db.prepare("SELECT id, law_id, text FROM articles WHERE text LIKE '%第%条%' ORDER BY id").all() as {
    id: number; law_id: number; text: string;
  }[];
  const refs: ArticleRef[] = [];
  for (const a of rows) {
    const seen = new Set<number>();
    for (const r of resolveCrossReferences(lookup, a.law_id, a.text)) {
      if (r.articleId === null || r.articleId === a.id || seen.has(r.articleId)) continue;
      seen.add(r.articleId);
      refs.push({ from: a.id, to: r.articleId, start: r.start, end: r.end });
    }
  }
  return refs;
}

/** Replaces the table's rows with a fresh build; the caller holds the transaction. Returns the row count. */
export function rebuildArticleRefs(db: Database): number {
  const refs = computeArticleRefs(db);
  db.prepare('DELETE FROM article_refs').run();
  const insert = db.prepare('INSERT INTO article_refs (from_article_id, to_article_id, ref_start, ref_end) VALUES (?, ?, ?, ?)');
  for (const r of refs) insert.run(r.from, r.to, r.start, r.end);
  return refs.length;
}
