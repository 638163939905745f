import type { Database, Statement } from 'better-sqlite3';
import type { ArticleView, LawSummary } from '../../contract/types';
import { formatCitation } from '../text/citation';
import { expandAbbreviation, lawLookups } from '../text/law-abbreviations';
import { lawKey } from '../text/normalize';

interface LawRow {
  id: number;
  title: string;
  short_title: string;
  category: string;
  version_date: string | null;
  status: 'current' | 'superseded';
  superseded_by: number | null;
  history: string;
  article_count: number;
}

/** An article view without who cites it (`Library.article` adds that; search's citation hits need none). */
export type ArticleCore = Omit<ArticleView, 'citedBy'>;

export interface ArticleRow {
  id: number;
  law_id: number;
  label: string;
  number: number;
  sub: number;
  ordinal: number;
  path: string;
  text: string;
}

const LAW_COLUMNS = `l.id, l.title, l.short_title, l.category, l.version_date, l.status, l.superseded_by, l.history,
  (SELECT count(*) FROM articles x WHERE x.law_id = l.id) AS article_count`;

export function toLawSummary(r: LawRow): LawSummary {
  return {
    id: r.id, title: r.title, shortTitle: r.short_title, category: r.category, versionDate: r.version_date,
    status: r.status, supersededBy: r.superseded_by, articleCount: r.article_count,
  };
}

/** Read access to laws and articles; rows come back as contract types. */
export class LawReader {
  private readonly s: Record<string, Statement>;
  private readonly lawCache = new Map<number, LawRow>();

  constructor(private readonly db: Database) {
    this.s = {
      law: db.prepare(`SELECT ${LAW_COLUMNS} FROM laws l WHERE l.id = ?`),
      article: db.prepare('SELECT * FROM articles WHERE id = ?'),
      byNumber: db.prepare('SELECT * FROM articles WHERE law_id = ? AND number = ? AND sub = ?'),
      prev: db.prepare('SELECT id FROM articles WHERE law_id = ? AND ordinal < ? ORDER BY ordinal DESC LIMIT 1'),
      next: db.prepare('SELECT id FROM articles WHERE law_id = ? AND ordinal > ? ORDER BY ordinal LIMIT 1'),
      byShort: db.prepare(
        `SELECT ${LAW_COLUMNS} FROM laws l WHERE l.law_key = ? ORDER BY (l.status = 'current') DESC, l.version_key DESC`,
      ),
      // Current laws whose key starts with a prefix (substr, not LIKE: keys may hold % or _).
      withPrefix: db.prepare(
        `SELECT ${LAW_COLUMNS}, l.law_key FROM laws l WHERE substr(l.law_key, 1, length(@prefix)) = @prefix AND l.status = 'current'
         ORDER BY length(l.law_key), l.law_key LIMIT 50`,
      ),
      containing: db.prepare(
        `SELECT ${LAW_COLUMNS} FROM laws l WHERE instr(l.law_key, ?) > 0 AND l.status = 'current'
         ORDER BY length(l.law_key) LIMIT 1`,
      ),
    };
  }

  /** Laws change only on import; summaries are cached per reader and dropped by `invalidate`. */
  lawRow(id: number): LawRow | undefined {
    let row = this.lawCache.get(id);
    if (!row) {
      row = this.s.law!.get(id) as LawRow | undefined;
      if (row) this.lawCache.set(id, row);
    }
    return row;
  }

  invalidate(): void {
    this.lawCache.clear();
  }

  law(id: number): LawSummary | undefined {
    const r = this.lawRow(id);
    return r && toLawSummary(r);
  }

  articleRow(id: number): ArticleRow | undefined {
    return this.s.article!.get(id) as ArticleRow | undefined;
  }

  articleByNumber(lawId: number, number: number, sub: number): ArticleRow | undefined {
    return this.s.byNumber!.get(lawId, number, sub) as ArticleRow | undefined;
  }

  /** Finds a law by its key (exact first, then the shortest current law whose key contains it). */
  findLaw(key: string): LawSummary | undefined {
    const exact = this.s.byShort!.get(key) as LawRow | undefined;
    const row = exact ?? (this.s.containing!.get(key) as LawRow | undefined);
    return row && toLawSummary(row);
  }

  /** A law whose key is exactly `key` (the current version first), or its common abbreviation's; nothing partial. */
  findLawExact(key: string): LawSummary | undefined {
    const row = (this.s.byShort!.get(key) ?? this.s.byShort!.get(lawKey(expandAbbreviation(key)))) as LawRow | undefined;
    return row && toLawSummary(row);
  }

  /**
   * Finds a law by the name a user typed: its key as `findLaw` does, else a common abbreviation
   * (民诉法, 个保法) or a judicial interpretation named after its law (民诉法解释, 公司法解释三,
   * 婚姻家庭编解释一): text/law-abbreviations.ts.
   */
  findLawByName(name: string): LawSummary | undefined {
    for (const look of lawLookups(name)) {
      if ('key' in look) {
        const found = this.findLaw(look.key);
        if (found) return found;
        continue;
      }
      const rows = this.s.withPrefix!.all({ prefix: look.prefix }) as (LawRow & { law_key: string })[];
      const row = rows.find((r) => r.law_key.endsWith(look.suffix));
      if (row) return toLawSummary(row);
    }
    return undefined;
  }

  articleView(id: number): ArticleCore | undefined {
    const a = this.articleRow(id);
    if (!a) return undefined;
    const law = this.lawRow(a.law_id)!;
    const prev = this.s.prev!.get(a.law_id, a.ordinal) as { id: number } | undefined;
    const next = this.s.next!.get(a.law_id, a.ordinal) as { id: number } | undefined;
    return {
      articleId: a.id,
      citation: formatCitation(law.title, a.label),
      label: a.label,
      law: { ...toLawSummary(law), history: JSON.parse(law.history) as string[] },
      path: JSON.parse(a.path) as string[],
      text: a.text,
      prevId: prev?.id ?? null,
      nextId: next?.id ?? null,
    };
  }
}
