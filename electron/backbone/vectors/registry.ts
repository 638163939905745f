import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { chooseQuantization, type Quantization } from './quantization';
import { createIndexTables, dropIndexTables, indexTables, tablePrefix, type IndexTables } from './tables';

/**
 * The registry of vector indexes (table vector_indexes, migration 2) and the active-index pointer
 * (table vector_active). One index per (model id, dimension); the model fingerprint recorded with
 * it decides whether its vectors may be served for a given model.
 */
export type IndexState = 'building' | 'ready';

export interface VectorIndexInfo {
  /** `${modelId}@${dimension}` */
  key: string;
  modelId: string;
  dimension: number;
  fingerprint: string;
  quantization: Quantization;
  /** 'building' until a run has embedded every article once; never served before 'ready'. */
  state: IndexState;
  /** Articles with a vector, as of the last indexing run. */
  articleCount: number;
  createdAt: string;
  updatedAt: string;
  tables: IndexTables;
}

export interface IndexSpec {
  modelId: string;
  dimension: number;
  /** The caller's fingerprint of the model (e.g. a hash of manifest + weights). */
  fingerprint: string;
  /** Default: chooseQuantization(article count, dimension) when the index is created. */
  quantization?: Quantization;
}

/** A model as search sees it: its id and the fingerprint of the files loaded. */
export interface ModelIdentity {
  id: string;
  fingerprint: string;
}

interface Row {
  key: string; model_id: string; dimension: number; fingerprint: string; table_prefix: string;
  quantization: Quantization; state: IndexState; article_count: number; created_at: string; updated_at: string;
}

const toInfo = (r: Row): VectorIndexInfo => ({
  key: r.key, modelId: r.model_id, dimension: r.dimension, fingerprint: r.fingerprint, quantization: r.quantization,
  state: r.state, articleCount: r.article_count, createdAt: r.created_at, updatedAt: r.updated_at,
  tables: indexTables(r.table_prefix),
});

export function vectorIndexKey(modelId: string, dimension: number): string {
  return `${modelId}@${dimension}`;
}

export function getIndex(db: Database, key: string): VectorIndexInfo | null {
  const r = db.prepare('SELECT * FROM vector_indexes WHERE key = ?').get(key) as Row | undefined;
  return r ? toInfo(r) : null;
}

export function listIndexes(db: Database): VectorIndexInfo[] {
  return (db.prepare('SELECT * FROM vector_indexes ORDER BY key').all() as Row[]).map(toInfo);
}

/**
 * The index for `spec`, created empty ('building') when missing. An index whose fingerprint differs
 * (the same model id, retrained), or whose quantization differs from an explicitly requested one,
 * is dropped and recreated empty in the same transaction: its vectors are never served again.
 * Needs sqlite-vec loaded.
 */
export function ensureIndex(db: Database, spec: IndexSpec): VectorIndexInfo {
  const key = vectorIndexKey(spec.modelId, spec.dimension);
  return db.transaction((): VectorIndexInfo => {
    const old = getIndex(db, key);
    if (old && old.fingerprint === spec.fingerprint && (!spec.quantization || spec.quantization === old.quantization)) return old;
    if (old) dropIndexTables(db, old.tables);
    const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const quantization = spec.quantization ?? chooseQuantization(articles, spec.dimension);
    const tables = indexTables(tablePrefix(key, spec.fingerprint));
    dropIndexTables(db, tables);
    createIndexTables(db, tables, spec.dimension, quantization);
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO vector_indexes (key, model_id, dimension, fingerprint, table_prefix, quantization, state, article_count, created_at, updated_at)
       VALUES (@key, @modelId, @dimension, @fingerprint, @prefix, @quantization, 'building', 0, @now, @now)
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, table_prefix = excluded.table_prefix,
         quantization = excluded.quantization, state = 'building', article_count = 0, created_at = excluded.created_at,
         updated_at = excluded.updated_at`,
    ).run({ key, modelId: spec.modelId, dimension: spec.dimension, fingerprint: spec.fingerprint, prefix: tables.prefix, quantization, now });
    return getIndex(db, key)!;
  }).immediate();
}

/** Records the end of an indexing run; `complete` moves a building index to 'ready'. */
export function recordRun(db: Database, key: string, articleCount: number, complete: boolean): void {
  db.prepare(
    `UPDATE vector_indexes SET article_count = ?, updated_at = ?, state = CASE WHEN ? THEN 'ready' ELSE state END WHERE key = ?`,
  ).run(articleCount, new Date().toISOString(), complete ? 1 : 0, key);
}

/** Drops an index and its tables (and the active pointer when it pointed there). Needs sqlite-vec. */
export function dropIndex(db: Database, key: string): void {
  db.transaction(() => {
    const info = getIndex(db, key);
    if (!info) return;
    dropIndexTables(db, info.tables);
    db.prepare('DELETE FROM vector_indexes WHERE key = ?').run(key);
  }).immediate();
}

/** The index that serves dense search, or null. It may be 'building' again after a retrained model reset it. */
export function activeIndex(db: Database): VectorIndexInfo | null {
  const r = db.prepare('SELECT index_key AS key FROM vector_active WHERE slot = 1').get() as { key: string } | undefined;
  return r ? getIndex(db, r.key) : null;
}

/** Points dense search at `key` in one statement; refuses an index that is missing or not 'ready'. */
export function activateIndex(db: Database, key: string): VectorIndexInfo {
  return db.transaction((): VectorIndexInfo => {
    const info = getIndex(db, key);
    if (!info) throw createError('VECTOR_INDEX_NOT_FOUND', key);
    if (info.state !== 'ready') throw createError('VECTOR_INDEX_NOT_READY', key, countVectors(db, info), countArticles(db));
    db.prepare(
      'INSERT INTO vector_active (slot, index_key) VALUES (1, ?) ON CONFLICT (slot) DO UPDATE SET index_key = excluded.index_key',
    ).run(key);
    return info;
  }).immediate();
}

function countVectors(db: Database, info: VectorIndexInfo): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${info.tables.docs}`).get() as { n: number }).n;
}

function countArticles(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
}

/**
 * The index `key` if its vectors may answer a query from `model` with `dimension`-long vectors;
 * otherwise a typed error: NOT_FOUND, MODEL_MISMATCH (another model or dimension), STALE (same
 * model id, other fingerprint), NOT_READY (still building).
 */
export function servableIndex(db: Database, key: string, model: ModelIdentity, dimension: number): VectorIndexInfo {
  const info = getIndex(db, key);
  if (!info) throw createError('VECTOR_INDEX_NOT_FOUND', key);
  if (info.modelId !== model.id) {
    throw createError('VECTOR_MODEL_MISMATCH', `the index ${key} holds vectors of ${info.modelId}, the query comes from ${model.id}`);
  }
  if (info.dimension !== dimension) {
    throw createError('VECTOR_MODEL_MISMATCH', `the index ${key} has ${info.dimension} dimensions, the query ${dimension}`);
  }
  if (info.fingerprint !== model.fingerprint) throw createError('VECTOR_INDEX_STALE', key);
  if (info.state !== 'ready') throw createError('VECTOR_INDEX_NOT_READY', key, countVectors(db, info), countArticles(db));
  return info;
}
