import type { Database, Statement } from 'better-sqlite3';
import { buildFtsQuery } from './fts-query';

export interface LexicalFilters {
  category?: string;
  lawId?: number;
  includeSuperseded?: boolean;
}

export interface LexicalHit {
  articleId: number;
  /** BM25 score, higher is better. */
  score: number;
}

/** BM25 column weights: article text, then law title + headings. */
export const BM25_WEIGHTS = { body: 1.0, head: 1.0 } as const;

/**
 * BM25 search over the bigram FTS5 index with law filters. Statements are prepared once per filter
 * shape and reused.
 */
/** Tokens in more than this share of articles are left out of loose queries. */
export const MAX_TOKEN_SHARE = Number(process.env.LEXBONE_MAX_TOKEN_SHARE ?? 0.1);
/** At most this many loose tokens (the rarest) are searched. */
export const MAX_TOKENS = Number(process.env.LEXBONE_MAX_TOKENS ?? 32);

export class LexicalSearch {
  private readonly statements = new Map<string, Statement>();
  private readonly docFreq: Statement;
  private readonly docCount: Statement;
  private dfLimit: number | null = null;

  constructor(private readonly db: Database) {
    this.docFreq = db.prepare('SELECT doc FROM articles_vocab WHERE term = ?');
    this.docCount = db.prepare('SELECT count(*) AS n FROM articles');
  }

  /**
   * Keeps the MAX_TOKENS rarest tokens among those found in at most MAX_TOKEN_SHARE of the
   * articles (tokens found nowhere are dropped too: they cannot match).
   */
  private commonFilter(): (tokens: string[]) => string[] {
    // Pruning is for speed on large collections; a token in under 2,000 articles is always cheap.
    this.dfLimit ??= Math.max(2000, (this.docCount.get() as { n: number }).n * MAX_TOKEN_SHARE);
    const limit = this.dfLimit;
    return (tokens) =>
      tokens
        .map((t) => ({ t, df: (this.docFreq.get(t) as { doc: number } | undefined)?.doc ?? 0 }))
        .filter((x) => x.df > 0 && x.df <= limit)
        .sort((a, b) => a.df - b.df)
        .slice(0, MAX_TOKENS)
        .map((x) => x.t);
  }

  private statement(f: LexicalFilters): Statement {
    const key = `${f.category !== undefined}|${f.lawId !== undefined}|${f.includeSuperseded === true}`;
    let s = this.statements.get(key);
    if (!s) {
      const where = ['articles_fts MATCH @match'];
      if (!f.includeSuperseded) where.push("l.status = 'current'");
      if (f.category !== undefined) where.push('l.category = @category');
      if (f.lawId !== undefined) where.push('l.id = @lawId');
      s = this.db.prepare(
        `SELECT a.id AS articleId, -bm25(articles_fts, ${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.head}) AS score
         FROM articles_fts
         JOIN articles a ON a.id = articles_fts.rowid
         JOIN laws l ON l.id = a.law_id
         WHERE ${where.join(' AND ')}
         ORDER BY bm25(articles_fts, ${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.head})
         LIMIT @limit OFFSET @offset`,
      );
      this.statements.set(key, s);
    }
    return s;
  }

  /** Call after the store changed (an import), so collection statistics are read again. */
  invalidate(): void {
    this.dfLimit = null;
  }

  search(query: string, filters: LexicalFilters, limit: number, offset = 0): { hits: LexicalHit[]; terms: string[] } {
    const fts = buildFtsQuery(query, this.commonFilter());
    if (!fts) return { hits: [], terms: [] };
    const hits = this.statement(filters).all({
      match: fts.match, category: filters.category, lawId: filters.lawId, limit, offset,
    }) as LexicalHit[];
    return { hits, terms: fts.terms };
  }
}
