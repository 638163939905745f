import type { Database, Statement } from 'better-sqlite3';
import { columnValue, columnValueSql, distanceToCosine, floatBlob, MAX_K, rescoreDepth, type Quantization } from './quantization';
import type { IndexTables } from './tables';

/**
 * Nearest neighbours in one index's tables, with no registry checks (search.ts adds those). Scores
 * are cosine similarities, higher first; exact for float and bit (rescored), approximate for int8.
 */
export interface VectorHit {
  articleId: number;
  score: number;
}

export interface KnnTarget {
  tables: IndexTables;
  quantization: Quantization;
  dimension: number;
}

export interface KnnOptions {
  /** Only articles whose `current` flag is 1 (filtered inside the scan, so k results come back when k exist). */
  currentOnly?: boolean;
  /** bit only: shortlist length before exact rescoring (default rescoreDepth(k)). */
  rescoreDepth?: number;
}

const cache = new WeakMap<Database, Map<string, Statement>>();

function prepared(db: Database, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

const byScore = (a: VectorHit, b: VectorHit): number => b.score - a.score || a.articleId - b.articleId;

/** The vec0 KNN query: rowid and distance of the `k` nearest stored vectors (float, int8). */
function scan(db: Database, t: KnnTarget, vector: Float32Array, k: number, currentOnly: boolean): { id: number; distance: number }[] {
  const sql = `SELECT rowid AS id, distance FROM ${t.tables.knn}
    WHERE embedding MATCH ${columnValueSql(t.quantization)} AND k = ?${currentOnly ? ' AND current = 1' : ''}
    ORDER BY distance`;
  return prepared(db, sql).all(columnValue(t.quantization, vector), k) as { id: number; distance: number }[];
}

/** The bit shortlist: a plain scan by Hamming distance, SQLite's sorter keeping the best `depth`. */
function shortlist(db: Database, t: KnnTarget, vector: Float32Array, depth: number, currentOnly: boolean): number[] {
  const sql = `SELECT article_id AS id FROM ${t.tables.knn}${currentOnly ? ' WHERE current = 1' : ''}
    ORDER BY vec_distance_hamming(vec_bit(bits), vec_quantize_binary(?)) LIMIT ?`;
  return (prepared(db, sql).all(floatBlob(vector), depth) as { id: number }[]).map((r) => r.id);
}

/** Exact cosine of the query with each listed article's float32 copy in the docs table. */
function rescore(db: Database, t: KnnTarget, vector: Float32Array, ids: number[]): VectorHit[] {
  const sql = `SELECT d.article_id AS articleId, vec_distance_l2(d.vector, ?) AS d
    FROM json_each(?) AS j JOIN ${t.tables.docs} AS d ON d.article_id = j.value`;
  const rows = prepared(db, sql).all(floatBlob(vector), JSON.stringify(ids)) as { articleId: number; d: number }[];
  return rows.map((r) => ({ articleId: r.articleId, score: 1 - (r.d * r.d) / 2 }));
}

export function knn(db: Database, t: KnnTarget, vector: Float32Array, k: number, opts: KnnOptions = {}): VectorHit[] {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new RangeError(`k must be an integer from 1 to ${MAX_K}, got ${k}`);
  if (vector.length !== t.dimension) throw new RangeError(`query has ${vector.length} dimensions, the index ${t.dimension}`);
  const currentOnly = opts.currentOnly ?? false;
  if (t.quantization !== 'bit') {
    return scan(db, t, vector, k, currentOnly)
      .map((r) => ({ articleId: r.id, score: distanceToCosine(t.quantization, r.distance, t.dimension) }))
      .sort(byScore);
  }
  const depth = Math.max(k, opts.rescoreDepth ?? rescoreDepth(k));
  return rescore(db, t, vector, shortlist(db, t, vector, depth, currentOnly)).sort(byScore).slice(0, k);
}
