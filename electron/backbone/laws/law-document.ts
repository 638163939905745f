/**
 * One law version read whole: its header (summary and history lines), its table of contents and
 * every article in order, each with its cross-references resolved to stored articles so the
 * renderer can show them as links. Read-only; one statement for the articles.
 */
import type { Database, Statement } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { LawArticle, LawDocument, LawHeader } from '../../contract/law-types';
import type { LawSummary } from '../../contract/types';
import { resolveCrossReferences } from '../store/cross-reference-resolver';
import type { ArticleRow, LawReader } from '../store/law-reader';
import { buildToc } from './toc';

interface VersionRow {
  id: number;
  first_article_id: number | null;
}

export class LawDocuments {
  private readonly s: Record<'articles' | 'versions', Statement>;

  constructor(
    db: Database,
    readonly reader: LawReader,
  ) {
    this.s = {
      articles: db.prepare('SELECT id, law_id, label, number, sub, ordinal, path, text FROM articles WHERE law_id = ? ORDER BY ordinal'),
      // Every dated version of one law (same law key), newest first; '' (no date) sorts last.
      versions: db.prepare(
        `SELECT l.id, (SELECT a.id FROM articles a WHERE a.law_id = l.id ORDER BY a.ordinal LIMIT 1) AS first_article_id
         FROM laws l WHERE l.law_key = (SELECT law_key FROM laws WHERE id = ?)
         ORDER BY l.version_key = '' , l.version_key DESC, l.id DESC`,
      ),
    };
  }

  /** The law version's summary; a typed error that says what to do when there is none. */
  summary(lawId: number): LawSummary {
    const law = this.reader.law(lawId);
    if (!law) throw createError('LAW_VERSION_NOT_FOUND', lawId);
    return law;
  }

  header(lawId: number): LawHeader {
    const law = this.summary(lawId);
    return { ...law, history: JSON.parse(this.reader.lawRow(lawId)!.history) as string[] };
  }

  articleRows(lawId: number): ArticleRow[] {
    return this.s.articles.all(lawId) as ArticleRow[];
  }

  document(lawId: number): LawDocument {
    const law = this.header(lawId);
    const articles: LawArticle[] = this.articleRows(lawId).map((a) => ({
      id: a.id,
      label: a.label,
      path: JSON.parse(a.path) as string[],
      text: a.text,
      links: resolveCrossReferences(this.reader, lawId, a.text).map((r) => ({
        start: r.start,
        end: r.end,
        label: r.label,
        articleId: r.articleId,
        citation: r.citation,
      })),
    }));
    return { law, toc: buildToc(articles), articles };
  }

  /** Ids and first articles of every version of the law `lawId` belongs to, newest first. */
  versionRows(lawId: number): VersionRow[] {
    this.summary(lawId);
    return this.s.versions.all(lawId) as VersionRow[];
  }
}
