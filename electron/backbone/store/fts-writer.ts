import type { Database, Statement } from 'better-sqlite3';
import { toIndexText } from '../text/bigrams';
import { CURRENT_FTS, SUPERSEDED_FTS } from './fts-tables';

export type LawStatus = 'current' | 'superseded';

/** What one article's lexical row is made of. */
export interface FtsRowSource {
  /** The law's short title (民法典). */
  short: string;
  path: readonly string[];
  text: string;
  /** Anchor text (store/article-anchors.ts), '' when nothing cites the article. */
  anchor: string;
}

/**
 * Writes and removes articles' rows in the lexical index (the table of their law's status). The
 * one place that knows how an article becomes FTS columns; callers hold the transaction.
 */
export class FtsWriter {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      insertCurrent: db.prepare(`INSERT INTO ${CURRENT_FTS} (rowid, body, head, anchor) VALUES (?, ?, ?, ?)`),
      insertSuperseded: db.prepare(`INSERT INTO ${SUPERSEDED_FTS} (rowid, body, head, anchor) VALUES (?, ?, ?, ?)`),
      deleteCurrent: db.prepare(`DELETE FROM ${CURRENT_FTS} WHERE rowid = ?`),
      deleteSuperseded: db.prepare(`DELETE FROM ${SUPERSEDED_FTS} WHERE rowid = ?`),
    };
  }

  index(id: number, status: LawStatus, row: FtsRowSource): void {
    const insert = status === 'current' ? this.s.insertCurrent! : this.s.insertSuperseded!;
    insert.run(id, toIndexText(row.text), toIndexText([row.short, ...row.path].join(' ')), toIndexText(row.anchor));
  }

  unindex(id: number, status: LawStatus): void {
    (status === 'current' ? this.s.deleteCurrent! : this.s.deleteSuperseded!).run(id);
  }
}
