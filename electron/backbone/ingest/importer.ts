import type { Database } from 'better-sqlite3';
import type { ImportReport } from '../../contract/types';
import { collectGarbage } from '../heap';
import { rebuildArticleAnchors } from '../store/article-anchors';
import { rebuildArticleRefs } from '../store/article-refs';
import { emptyCounts, LawWriter, type WriteCounts } from '../store/law-writer';
import { loadSource } from './load-source';
import type { ParsedLaw } from '../store/parsed-law';
import type { ProgressFn } from './types';

export interface ImportOptions {
  /** Category for JSONL/CSV sources (markdown takes it from the folder). */
  category?: string;
  onProgress?: ProgressFn;
}

/** Whether the writes changed any law or article (else the derived tables still hold). */
const changed = (c: WriteCounts): boolean =>
  c.lawsAdded + c.lawsUpdated + c.articlesAdded + c.articlesUpdated + c.articlesRemoved > 0;

/**
 * Imports one source (a folder, a file, or the bundled corpus). Parsing happens first and fails
 * before anything is written; the writes then happen in ONE transaction, so a crash or kill leaves
 * the store exactly as it was before the import. The reverse reference index is rebuilt inside
 * that transaction when anything changed, and with it the anchor text (store/article-anchors.ts).
 */
export function importSource(db: Database, path: string, opts: ImportOptions = {}): ImportReport {
  const started = performance.now();
  const { laws, skipped } = loadSource(path, { category: opts.category, onProgress: opts.onProgress });
  const counts = emptyCounts();
  const writer = new LawWriter(db);
  // A law once written is let go, so the parsed source is not all held to the end of the import.
  const pending: (ParsedLaw | undefined)[] = laws;
  const total = pending.length;
  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      writer.write(pending[i]!, counts);
      pending[i] = undefined;
      if (i % 20 === 0 || i === total - 1) opts.onProgress?.('indexing', i + 1, total);
    }
    writer.finish();
    // The reverse reference index, rebuilt whole in the same transaction: a killed import leaves
    // the old one with the old articles, never a half-built or stale one.
    if (changed(counts)) {
      opts.onProgress?.('references', 0, 1);
      rebuildArticleRefs(db);
      rebuildArticleAnchors(db);
      opts.onProgress?.('references', 1, 1);
    }
    const report: ImportReport = { source: path, ...counts, skipped, tookMs: Math.round(performance.now() - started) };
    db.prepare('INSERT INTO imports (source, finished_at, report) VALUES (?, ?, ?)').run(
      path, new Date().toISOString(), JSON.stringify(report),
    );
  })();
  const tookMs = Math.round(performance.now() - started);
  // The parsed source and the unpacked file are garbage now (tens of MB for the bundled corpus):
  // collected at once rather than whenever V8 gets to them, so what runs next (indexing, the
  // lexical mirror, another import) reuses that memory instead of adding to it.
  collectGarbage();
  return { source: path, ...counts, skipped, tookMs };
}
