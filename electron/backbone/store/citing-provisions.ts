/**
 * Reading the reverse reference index (`article-refs.ts`): the provisions that cite an article,
 * current versions first, then the cited article's own law, then by law title, newest version
 * and article order; each with the words that cite and the text around them.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CitedBy, CitingProvision } from '../../contract/types';
import { makeSpanSnippet } from '../text/snippet';
import { formatCitation } from '../text/citation';
import { toLawSummary, type LawReader } from './law-reader';
import { hasTable } from './has-table';

/** How many citing provisions an article view lists (the total is always given). */
export const CITED_BY_LIMIT = 50;
/** How much of the citing text is shown around the reference. */
const CITING_SNIPPET_CHARS = 100;

interface CitingRow {
  id: number;
  law_id: number;
  label: string;
  text: string;
  ref_start: number;
  ref_end: number;
}

export class CitingProvisions {
  /** Prepared on first use; null when the table is missing (an older schema opened read-only). */
  private s: Record<'count' | 'list', Statement> | null | undefined;

  constructor(
    private readonly db: Database,
    private readonly reader: LawReader,
  ) {}

  private statements(): Record<'count' | 'list', Statement> | null {
    if (this.s !== undefined) return this.s;
    this.s = !hasTable(this.db, 'article_refs') ? null : {
      count: this.db.prepare('SELECT count(*) AS n FROM article_refs WHERE to_article_id = ?'),
      list: this.db.prepare(
        `SELECT a.id, a.law_id, a.label, a.text, r.ref_start, r.ref_end
         FROM article_refs r JOIN articles a ON a.id = r.from_article_id JOIN laws l ON l.id = a.law_id
         WHERE r.to_article_id = @to
         ORDER BY l.status = 'current' DESC, a.law_id = (SELECT law_id FROM articles WHERE id = @to) DESC,
                  l.short_title, l.version_key DESC, a.ordinal
         LIMIT @limit`,
      ),
    };
    return this.s;
  }

  total(articleId: number): number {
    const s = this.statements();
    return s ? (s.count.get(articleId) as { n: number }).n : 0;
  }

  /** The first `limit` provisions citing `articleId`, in the order above. */
  list(articleId: number, limit = CITED_BY_LIMIT): CitingProvision[] {
    const s = this.statements();
    if (!s) return [];
    return (s.list.all({ to: articleId, limit }) as CitingRow[]).map((r) => {
      const law = this.reader.lawRow(r.law_id)!;
      return {
        articleId: r.id, citation: formatCitation(law.title, r.label), label: r.label, law: toLawSummary(law),
        reference: r.text.slice(r.ref_start, r.ref_end),
        snippet: makeSpanSnippet(r.text, r.ref_start, r.ref_end, CITING_SNIPPET_CHARS),
      };
    });
  }

  citedBy(articleId: number, limit = CITED_BY_LIMIT): CitedBy {
    return { total: this.total(articleId), provisions: this.list(articleId, limit) };
  }
}
