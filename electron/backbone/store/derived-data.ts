/**
 * The statute library's derived data, built from the stored laws and articles with today's code:
 * the lexical index (FTS5 rows of every article), the reverse reference index and the anchor text.
 * Migrations only make their tables and name what to build here (store/sqlite-file.ts), so a
 * released migration never runs code that changes later.
 */
import type { Database } from 'better-sqlite3';
import { rebuildArticleAnchors } from './article-anchors';
import { rebuildArticleRefs } from './article-refs';
import { FtsWriter, type LawStatus } from './fts-writer';

export type LibraryDerived = 'lexical' | 'refs' | 'anchors';

/** Indexes every stored article in the (new, empty) lexical tables, anchors empty for now. */
function reindexLexical(db: Database): void {
  const fts = new FtsWriter(db);
  const rows = db
    .prepare('SELECT a.id, a.path, a.text, l.short_title AS short, l.status FROM articles a JOIN laws l ON l.id = a.law_id ORDER BY a.id')
    .all() as { id: number; path: string; text: string; short: string; status: LawStatus }[];
  for (const a of rows) fts.index(a.id, a.status, { short: a.short, path: JSON.parse(a.path) as string[], text: a.text, anchor: '' });
}

/** Builds what `what` names, in dependency order: anchors are read from references and written into the lexical rows. */
export function rebuildLibraryDerived(db: Database, what: ReadonlySet<string>): void {
  if (what.has('lexical')) reindexLexical(db);
  if (what.has('refs') || what.has('anchors')) rebuildArticleRefs(db);
  if (what.has('anchors')) rebuildArticleAnchors(db);
}
