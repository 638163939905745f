import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Quantization } from './quantization';

/**
 * The two tables behind one vector index, named from a hash of the index key and the model
 * fingerprint (never from the text itself, which is user-controlled):
 *
 * - `<prefix>_knn`, what nearest-neighbour queries scan. float/int8: a vec0 table, rowid = article
 *   id, `embedding`, and the metadata column `current` (1 when the article's law version is
 *   current) that vec0 filters on inside the KNN scan. bit: a plain table (article_id, current,
 *   bits) scanned with `ORDER BY vec_distance_hamming(…) LIMIT M` — vec0's own KNN costs O(N·k) in
 *   0.1.9, far slower for the long shortlists rescoring needs (DESIGN.md).
 * - `<prefix>_docs`: one row per embedded article: the hash of the text that was embedded, the
 *   `current` flag as last written to the knn table, and for bit the float32 vector that
 *   rescoring reads (point lookups into a plain table; into vec0 they are slow).
 *
 * A row in docs and a row in knn are written and deleted in the same transaction.
 */
export interface IndexTables {
  prefix: string;
  knn: string;
  docs: string;
}

const PREFIX = /^vec_[0-9a-f]{16}$/;

export function tablePrefix(key: string, fingerprint: string): string {
  return `vec_${createHash('sha256').update(`${key}\n${fingerprint}`).digest('hex').slice(0, 16)}`;
}

/** Table names for a prefix read from the registry; refuses anything that is not a hash prefix. */
export function indexTables(prefix: string): IndexTables {
  if (!PREFIX.test(prefix)) throw new Error(`not a vector table prefix: ${JSON.stringify(prefix)}`);
  return { prefix, knn: `${prefix}_knn`, docs: `${prefix}_docs` };
}

function knnTableSql(t: IndexTables, q: Quantization, dim: number): string {
  if (q === 'float') return `CREATE VIRTUAL TABLE ${t.knn} USING vec0(embedding float[${dim}] distance_metric=l2, current integer)`;
  if (q === 'int8') return `CREATE VIRTUAL TABLE ${t.knn} USING vec0(embedding int8[${dim}] distance_metric=l2, current integer)`;
  // Sign bits, one per dimension, packed in bytes by vec_quantize_binary.
  if (dim % 8 !== 0) throw new Error(`bit quantization needs a dimension divisible by 8, got ${dim}`);
  return `CREATE TABLE ${t.knn} (article_id INTEGER PRIMARY KEY, current INTEGER NOT NULL, bits BLOB NOT NULL)`;
}

/** Creates both tables (the caller holds a transaction and has loaded sqlite-vec). */
export function createIndexTables(db: Database, t: IndexTables, dim: number, q: Quantization): void {
  if (!Number.isInteger(dim) || dim < 1 || dim > 8192) throw new Error(`bad vector dimension ${dim}`);
  db.exec(`
    ${knnTableSql(t, q, dim)};
    CREATE TABLE ${t.docs} (
      article_id INTEGER PRIMARY KEY,
      hash       TEXT NOT NULL,
      current    INTEGER NOT NULL,
      vector     BLOB
    );
  `);
}

/** Drops both tables if they exist (dropping a vec0 table needs sqlite-vec loaded). */
export function dropIndexTables(db: Database, t: IndexTables): void {
  db.exec(`DROP TABLE IF EXISTS ${t.knn}; DROP TABLE IF EXISTS ${t.docs};`);
}
