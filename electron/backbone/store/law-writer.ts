import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { lawKey, shortTitle } from '../text/normalize';
import type { ImportReport } from '../../contract/types';
import type { ParsedArticle, ParsedLaw } from './parsed-law';
import { createError } from '../../contract/errors';
import { FtsWriter, type LawStatus } from './fts-writer';
import { said } from '../../contract/said';

export type WriteCounts = Omit<ImportReport, 'source' | 'skipped' | 'tookMs'>;

export const emptyCounts = (): WriteCounts => ({
  lawsAdded: 0, lawsUpdated: 0, lawsUnchanged: 0, articlesAdded: 0, articlesUpdated: 0, articlesRemoved: 0,
});

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

function articleHash(a: ParsedArticle): string {
  return sha1(JSON.stringify([a.label, a.path, a.text]));
}

function partHash(law: ParsedLaw): string {
  return sha1(JSON.stringify([law.title, law.category, law.history, law.articles.map(articleHash)]));
}

type Status = LawStatus;

interface ExistingArticle {
  id: number;
  number: number;
  sub: number;
  hash: string;
}

/**
 * Writes parsed laws into the store, idempotently: a law version is identified by its short title
 * and version date, an article by (law, number, sub). Unchanged parts are skipped by hash, changed
 * articles are updated in place (ids stay stable), vanished ones are removed. Callers wrap a whole
 * source in one transaction.
 */
export class LawWriter {
  private readonly s: Record<string, Statement>;
  private readonly touched = new Set<string>();
  /** Laws created by this writer: their later parts count as part of the same addition. */
  private readonly added = new Set<number>();
  private readonly fts: FtsWriter;

  constructor(private readonly db: Database) {
    this.fts = new FtsWriter(db);
    this.s = {
      findLaw: db.prepare('SELECT id, status FROM laws WHERE law_key = ? AND version_key = ?'),
      insertLaw: db.prepare(
        `INSERT INTO laws (title, short_title, law_key, category, version_date, version_key, history, source)
         VALUES (@title, @short, @lawKey, @category, @date, @key, @history, @source)`,
      ),
      updateLaw: db.prepare('UPDATE laws SET title = @title, category = @category, history = @history, source = @source WHERE id = @id'),
      partHash: db.prepare('SELECT hash FROM law_parts WHERE law_id = ? AND part = ?'),
      upsertPart: db.prepare(
        'INSERT INTO law_parts (law_id, part, hash) VALUES (?, ?, ?) ON CONFLICT (law_id, part) DO UPDATE SET hash = excluded.hash',
      ),
      partArticles: db.prepare('SELECT id, number, sub, hash FROM articles WHERE law_id = ? AND part = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (law_id, part, label, number, sub, ordinal, path, text, hash)
         VALUES (@lawId, @part, @label, @number, @sub, @ordinal, @path, @text, @hash)`,
      ),
      updateArticle: db.prepare(
        'UPDATE articles SET label = @label, path = @path, text = @text, hash = @hash, ordinal = @ordinal WHERE id = @id',
      ),
      deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      otherPart: db.prepare('SELECT part FROM articles WHERE law_id = ? AND number = ? AND sub = ?'),
      anchor: db.prepare('SELECT text FROM article_anchors WHERE article_id = ?').pluck(),
      lawArticles: db.prepare('SELECT id, path, text FROM articles WHERE law_id = ?'),
      versions: db.prepare('SELECT id, status, short_title FROM laws WHERE law_key = ? ORDER BY version_key DESC, id DESC'),
      setCurrent: db.prepare("UPDATE laws SET status = 'current', superseded_by = NULL WHERE id = ?"),
      setSuperseded: db.prepare("UPDATE laws SET status = 'superseded', superseded_by = ? WHERE id = ?"),
    };
  }

  /** Writes one law (or one part of a law) and returns what changed. */
  write(law: ParsedLaw, counts: WriteCounts): void {
    const short = shortTitle(law.title);
    const identity = lawKey(law.title);
    const key = law.versionDate ?? '';
    const part = law.part ?? '';
    const row = {
      title: law.title, short, lawKey: identity, category: law.category, date: law.versionDate, key,
      history: JSON.stringify(law.history), source: law.source,
    };
    const found = this.s.findLaw!.get(identity, key) as { id: number; status: Status } | undefined;
    const lawId = found ? found.id : Number(this.s.insertLaw!.run(row).lastInsertRowid);
    const hash = partHash(law);
    if (found) {
      const old = this.s.partHash!.get(lawId, part) as { hash: string } | undefined;
      if (old?.hash === hash) {
        counts.lawsUnchanged++;
        return;
      }
      this.s.updateLaw!.run({ ...row, id: lawId });
      if (!this.added.has(lawId)) counts.lawsUpdated++;
    } else {
      this.added.add(lawId);
      counts.lawsAdded++;
    }
    this.touched.add(identity);
    this.s.upsertPart!.run(lawId, part, hash);
    this.writeArticles(lawId, found?.status ?? 'current', part, short, law.articles, counts, law.readFrom ?? law.source);
  }

  /** Indexes an article with the anchor text it has now (the import's anchor rebuild updates what changes). */
  private indexArticle(id: number, status: Status, short: string, path: string[], text: string): void {
    const anchor = (this.s.anchor!.get(id) as string | undefined) ?? '';
    this.fts.index(id, status, { short, path, text, anchor });
  }

  private unindexArticle(id: number, status: Status): void {
    this.fts.unindex(id, status);
  }

  /**
   * Inserts a new article. The same number in another part of the law (two books of one code, or
   * parts from two imports) is refused with the file and line, never as a raw constraint error.
   */
  private insertArticle(values: Record<string, unknown>, a: ParsedArticle, source: string): number {
    try {
      return Number(this.s.insertArticle!.run(values).lastInsertRowid);
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
      const other = this.s.otherPart!.get(values.lawId, a.number, a.sub) as { part: string } | undefined;
      const where = other?.part ? `part "${other.part}"` : 'the main text';
      throw createError('MALFORMED_RECORD', source, a.line, said(`${a.label} is already in ${where} of this law version. Each article number may occur once per law version: renumber it, or give the law another date.`, `${a.label}已在该法律版本的${where}中。同一法律版本中每个条文序号只能出现一次：请重新编号，或为该法律另定日期。`));
    }
  }

  private writeArticles(lawId: number, status: Status, part: string, short: string, articles: ParsedArticle[], counts: WriteCounts, source: string): void {
    const existing = new Map<string, ExistingArticle>();
    for (const a of this.s.partArticles!.all(lawId, part) as ExistingArticle[]) existing.set(`${a.number}.${a.sub}`, a);
    for (const a of articles) {
      const hash = articleHash(a);
      const k = `${a.number}.${a.sub}`;
      const old = existing.get(k);
      existing.delete(k);
      if (old && old.hash === hash) continue;
      const values = {
        lawId, part, label: a.label, number: a.number, sub: a.sub, ordinal: a.number * 1000 + a.sub,
        path: JSON.stringify(a.path), text: a.text, hash,
      };
      let id: number;
      if (old) {
        id = old.id;
        this.s.updateArticle!.run({ ...values, id });
        this.unindexArticle(id, status);
        counts.articlesUpdated++;
      } else {
        id = this.insertArticle(values, a, source);
        counts.articlesAdded++;
      }
      this.indexArticle(id, status, short, a.path, a.text);
    }
    for (const gone of existing.values()) {
      this.unindexArticle(gone.id, status);
      this.s.deleteArticle!.run(gone.id);
      counts.articlesRemoved++;
    }
  }

  /**
   * Marks the latest version of every touched law current and the earlier ones superseded by it,
   * moving the articles of a law whose status changed to the matching lexical index.
   */
  finish(): void {
    for (const identity of this.touched) {
      const versions = this.s.versions!.all(identity) as { id: number; status: Status; short_title: string }[];
      versions.forEach((v, i) => {
        const status: Status = i === 0 ? 'current' : 'superseded';
        if (status === 'current') this.s.setCurrent!.run(v.id);
        else this.s.setSuperseded!.run(versions[0]!.id, v.id);
        if (v.status === status) return;
        for (const a of this.s.lawArticles!.all(v.id) as { id: number; path: string; text: string }[]) {
          this.unindexArticle(a.id, v.status);
          this.indexArticle(a.id, status, v.short_title, JSON.parse(a.path) as string[], a.text);
        }
      });
    }
    this.touched.clear();
  }
}
