import type { Database, Statement } from 'better-sqlite3';
import { columnValue, columnValueSql, floatBlob, type Quantization } from './quantization';
import type { IndexTables } from './tables';

/**
 * Row-level writes to one index's knn and docs tables. Callers wrap a batch of calls in one
 * transaction. Ids are bound as BigInt: a JS number binds as REAL, which vec0 refuses as a rowid.
 * sqlite-vec 0.1.9 fails INSERT OR REPLACE on an existing rowid, so a put is DELETE then INSERT
 * (for the plain bit table too, to keep one path).
 */
export class VectorWriter {
  private readonly s: Record<'delKnn' | 'insKnn' | 'upsertDoc' | 'delDoc' | 'setKnnCurrent' | 'setDocCurrent', Statement>;

  constructor(
    db: Database,
    tables: IndexTables,
    private readonly quantization: Quantization,
    private readonly dimension: number,
  ) {
    const { knn, docs } = tables;
    const vec0 = quantization !== 'bit';
    this.s = {
      delKnn: db.prepare(`DELETE FROM ${knn} WHERE ${vec0 ? 'rowid' : 'article_id'} = ?`),
      insKnn: db.prepare(
        vec0
          ? `INSERT INTO ${knn} (rowid, embedding, current) VALUES (?, ${columnValueSql(quantization)}, ?)`
          : `INSERT INTO ${knn} (article_id, bits, current) VALUES (?, ${columnValueSql(quantization)}, ?)`,
      ),
      upsertDoc: db.prepare(
        `INSERT INTO ${docs} (article_id, hash, current, vector) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id) DO UPDATE SET hash = excluded.hash, current = excluded.current, vector = excluded.vector`,
      ),
      delDoc: db.prepare(`DELETE FROM ${docs} WHERE article_id = ?`),
      setKnnCurrent: db.prepare(`UPDATE ${knn} SET current = ? WHERE ${vec0 ? 'rowid' : 'article_id'} = ?`),
      setDocCurrent: db.prepare(`UPDATE ${docs} SET current = ? WHERE article_id = ?`),
    };
  }

  /** Stores (or replaces) the vector of one article; `vector` must be unit length. */
  put(articleId: number, hash: string, current: boolean, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new Error(`vector of ${vector.length} dimensions for a ${this.dimension}-dimensional index`);
    const id = BigInt(articleId);
    const flag = current ? 1n : 0n;
    this.s.delKnn.run(id);
    this.s.insKnn.run(id, columnValue(this.quantization, vector), flag);
    this.s.upsertDoc.run(id, hash, flag, this.quantization === 'bit' ? floatBlob(vector) : null);
  }

  remove(articleId: number): void {
    const id = BigInt(articleId);
    this.s.delKnn.run(id);
    this.s.delDoc.run(id);
  }

  /** Moves an article between current and superseded law (its vector is unchanged). */
  setCurrent(articleId: number, current: boolean): void {
    const id = BigInt(articleId);
    const flag = current ? 1n : 0n;
    this.s.setKnnCurrent.run(flag, id);
    this.s.setDocCurrent.run(flag, id);
  }
}
