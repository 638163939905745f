import type { Database, Statement } from 'better-sqlite3';
import { CURRENT_FTS, SUPERSEDED_FTS } from '../store/fts-tables';
import { buildFtsQuery } from './fts-query';
import { mirrorBytes, mirrorDf, searchMemoryBm25, type Bm25Weights, type MemoryBm25Data } from './memory-bm25';
import { buildMemoryBm25, ftsStamp } from './memory-bm25-build';

export interface LexicalFilters {
  category?: string;
  lawId?: number;
  includeSuperseded?: boolean;
  /** Only these law versions (e.g. those in force on a date); searched over current and superseded text. */
  lawIds?: ReadonlySet<number>;
}

export interface LexicalHit {
  articleId: number;
  /** BM25 score, higher is better. */
  score: number;
}

/** BM25 column weights: article text, law title + headings, anchor text (see search/DESIGN.md). */
export const BM25_WEIGHTS: Bm25Weights = {
  body: 1.0,
  head: 1.0,
  anchor: Number(process.env.LEXBONE_ANCHOR_WEIGHT ?? 0.5),
};
/** Tokens in more than this share of articles are left out of loose queries. */
const MAX_TOKEN_SHARE = Number(process.env.LEXBONE_MAX_TOKEN_SHARE ?? 0.1);
/** At most this many loose tokens (the rarest) are searched. */
const MAX_TOKENS = Number(process.env.LEXBONE_MAX_TOKENS ?? 32);
/** LEXBONE_MEMORY_BM25=0 keeps every search on FTS5 (for comparisons). */
const MEMORY_ENABLED = process.env.LEXBONE_MEMORY_BM25 !== '0';

/**
 * BM25 search over the bigram FTS5 indexes. Current versions and superseded versions live in two
 * tables so that the default search (current law only) has BM25 statistics of current law only and
 * needs no join; "all versions" merges both. Statements are prepared once per filter shape.
 */
export class LexicalSearch {
  private readonly statements = new Map<string, Statement>();
  private readonly docFreq: Statement;
  private readonly docCount: Statement;
  private dfLimit: number | null = null;
  /** The in-memory mirror of the current-law index (memory-bm25.ts), once warm() has built it. */
  private memory: MemoryBm25Data | null = null;
  private building: Promise<void> | null = null;
  private warmed = false;
  private closed = false;
  /** Searches answered from memory and by FTS5 (tests, benchmarks). */
  readonly stats = { memory: 0, fts: 0, builds: 0 };

  constructor(private readonly db: Database) {
    this.docFreq = db.prepare('SELECT doc FROM articles_vocab WHERE term = ?');
    this.docCount = db.prepare(`SELECT count(*) AS n FROM ${CURRENT_FTS}`);
  }

  /**
   * Keeps the MAX_TOKENS rarest tokens among those found in at most MAX_TOKEN_SHARE of the
   * articles (tokens found nowhere are dropped too: they cannot match).
   */
  private commonFilter(seen?: Map<string, number>, memory?: MemoryBm25Data | null): (tokens: string[]) => string[] {
    const limit = this.tokenLimit();
    // While the mirror is the index's state its copy of fts5vocab gives the same numbers, without
    // fts5vocab's cost (it counts a token's documents by walking its postings, ∝ df).
    const df = memory ? (t: string) => mirrorDf(memory, t) : (t: string) => (this.docFreq.get(t) as { doc: number } | undefined)?.doc ?? 0;
    return (tokens) =>
      tokens
        .map((t) => ({ t, df: df(t) }))
        .filter((x) => (seen?.set(x.t, x.df), x.df > 0 && x.df <= limit))
        .sort((a, b) => a.df - b.df)
        .slice(0, MAX_TOKENS)
        .map((x) => x.t);
  }

  /** Tokens in more articles than this are left out of loose queries. */
  private tokenLimit(): number {
    // Pruning is for speed on large collections; a token in under 2,000 articles is always cheap.
    this.dfLimit ??= Math.max(2000, (this.docCount.get() as { n: number }).n * MAX_TOKEN_SHARE);
    return this.dfLimit;
  }

  /**
   * Builds the in-memory mirror of the current-law index in the background (chunks of rows, the
   * event loop free in between) and keeps it rebuilt after the store changes; until it is ready,
   * and whenever it is not the index's state, searches go to FTS5. Resolves when built.
   */
  warm(): Promise<void> {
    if (!MEMORY_ENABLED || this.closed) return Promise.resolve();
    this.warmed = true;
    this.building ??= (async () => {
      try {
        const built = await buildMemoryBm25(this.db, {
          dfLimit: this.tokenLimit(), weights: BM25_WEIGHTS, chunk: 500,
          pause: () => new Promise((r) => setImmediate(r)),
          stopped: () => this.closed,
        });
        if (built && !this.closed) {
          this.memory = built;
          this.stats.builds++;
        }
      } catch {
        this.memory = null; // e.g. the database was closed meanwhile: FTS5 keeps serving
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  /** What the in-memory mirror holds (null until built): its arrays in MB, and counts. */
  mirrorSize(): { mb: number; tokens: number; postings: number; docs: number } | null {
    const m = this.memory;
    return m && { mb: Math.round(mirrorBytes(m) / 104857.6) / 10, tokens: m.tokens.size, postings: m.postDoc.length, docs: m.docs };
  }

  /** Stops background building (the database is about to close). */
  stop(): void {
    this.closed = true;
    this.memory = null;
  }

  /** The mirror if it is the index's current state, else null (and a rebuild is started). */
  private currentMemory(): MemoryBm25Data | null {
    if (!this.warmed) return null;
    if (this.memory && this.memory.stamp === ftsStamp(this.db)) return this.memory;
    this.memory = null;
    if (!this.building) void this.warm();
    return null;
  }

  private statement(table: string, f: LexicalFilters): Statement {
    const key = `${table}|${f.category !== undefined}|${f.lawId !== undefined}|${f.lawIds !== undefined}`;
    let s = this.statements.get(key);
    if (!s) {
      const bm25 = `bm25(${table}, ${BM25_WEIGHTS.body}, ${BM25_WEIGHTS.head}, ${BM25_WEIGHTS.anchor})`;
      const filtered = f.category !== undefined || f.lawId !== undefined || f.lawIds !== undefined;
      const where = [`${table} MATCH @match`];
      if (f.category !== undefined) where.push('l.category = @category');
      if (f.lawId !== undefined) where.push('l.id = @lawId');
      if (f.lawIds !== undefined) where.push('l.id IN (SELECT value FROM json_each(@lawIds))');
      const joins = filtered ? `JOIN articles a ON a.id = ${table}.rowid JOIN laws l ON l.id = a.law_id` : '';
      s = this.db.prepare(
        `SELECT ${table}.rowid AS articleId, -${bm25} AS score FROM ${table} ${joins}
         WHERE ${where.join(' AND ')} ORDER BY ${bm25} LIMIT @limit OFFSET @offset`,
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
    const df = new Map<string, number>();
    const plain = filters.category === undefined && filters.lawId === undefined && !filters.lawIds && !filters.includeSuperseded;
    const memory = plain ? this.currentMemory() : null;
    const fts = buildFtsQuery(query, this.commonFilter(df, memory));
    if (!fts) return { hits: [], terms: [] };
    if (memory && fts.phrases === 0 && fts.loose.length > 0) {
      const hits = searchMemoryBm25(memory, fts.loose.map((t) => ({ t, df: df.get(t) ?? -1 })), limit, offset);
      if (hits) {
        this.stats.memory++;
        return { hits, terms: fts.terms };
      }
    }
    this.stats.fts++;
    const lawIds = filters.lawIds && JSON.stringify([...filters.lawIds]);
    const params = { match: fts.match, category: filters.category, lawId: filters.lawId, lawIds };
    if (!filters.includeSuperseded && !filters.lawIds) {
      return { hits: this.statement(CURRENT_FTS, filters).all({ ...params, limit, offset }) as LexicalHit[], terms: fts.terms };
    }
    // Merge the best offset+limit of each table by score, then page.
    const both = [CURRENT_FTS, SUPERSEDED_FTS].flatMap(
      (t) => this.statement(t, filters).all({ ...params, limit: offset + limit, offset: 0 }) as LexicalHit[],
    );
    both.sort((a, b) => b.score - a.score);
    return { hits: both.slice(offset, offset + limit), terms: fts.terms };
  }
}
