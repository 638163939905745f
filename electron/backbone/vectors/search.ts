import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { loadVectorExtension } from './extension';
import { knn, type VectorHit } from './knn';
import { MAX_K } from './quantization';
import { servableIndex, type ModelIdentity } from './registry';

export type { VectorHit } from './knn';

export interface SearchVectorsOptions {
  /** The model that embedded the query: must be the index's model, with the same fingerprint. */
  model: ModelIdentity;
  /** Only articles of current law versions (default false: all versions). */
  currentOnly?: boolean;
}

/**
 * The k articles nearest to `queryVector` in index `indexKey`, best first, with cosine similarity
 * as score. Refuses with a typed error an index of another model or dimension
 * (VECTOR_MODEL_MISMATCH), of the same model with another fingerprint (VECTOR_INDEX_STALE), or one
 * still building (VECTOR_INDEX_NOT_READY). Needs sqlite-vec (loaded here if missing).
 *
 * Vectors can lag the articles table until the next indexing run (an import deleted an article or
 * superseded a law): every hit is checked against articles/laws, and when checks drop some the
 * query is repeated with a larger k, so the answer is exactly the k best live articles.
 */
export function searchVectors(db: Database, indexKey: string, queryVector: Float32Array, k: number, opts: SearchVectorsOptions): VectorHit[] {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw createError('INVALID_REQUEST', `k must be an integer from 1 to ${MAX_K}, got ${k}`);
  const info = servableIndex(db, indexKey, opts.model, queryVector.length);
  loadVectorExtension(db);
  const target = { tables: info.tables, quantization: info.quantization, dimension: info.dimension };
  const query = unit(queryVector);
  const currentOnly = opts.currentOnly ?? false;
  const live = liveFilter(db, currentOnly);
  for (let fetch = k; ; ) {
    const hits = knn(db, target, query, fetch, { currentOnly });
    const kept = live(hits);
    if (kept.length >= k || hits.length < fetch || fetch === MAX_K) return kept.slice(0, k);
    fetch = Math.min(MAX_K, fetch * 2 + (hits.length - kept.length));
  }
}

export function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  if (!Number.isFinite(s) || s === 0) throw createError('VECTOR_MODEL_MISMATCH', 'the query vector is zero or not finite');
  if (Math.abs(s - 1) < 1e-4) return v;
  const n = Math.sqrt(s);
  return v.map((x) => x / n);
}

/** Keeps hits whose article exists (and, for currentOnly, whose law version is current), in order. */
export function liveFilter(db: Database, currentOnly: boolean): (hits: VectorHit[]) => VectorHit[] {
  const s = db.prepare(
    // CROSS JOIN fixes the loop order: walk the hits, look each article up. Left to itself the
    // planner may start from laws.status and scan every current article per hit (seconds at k = 300).
    `SELECT a.id FROM json_each(?) j CROSS JOIN articles a ON a.id = j.value
     ${currentOnly ? "CROSS JOIN laws l ON l.id = a.law_id WHERE l.status = 'current'" : ''}`,
  );
  return (hits) => {
    if (hits.length === 0) return hits;
    const ok = new Set((s.all(JSON.stringify(hits.map((h) => h.articleId))) as { id: number }[]).map((r) => r.id));
    return ok.size === hits.length ? hits : hits.filter((h) => ok.has(h.articleId));
  };
}
