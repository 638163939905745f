import type { Database } from 'better-sqlite3';
import { loadVectorExtension } from './extension';
import { blobToFloat } from './quantization';
import type { VectorIndexInfo } from './registry';

/**
 * One float index's vectors held in memory as a dense row-major matrix, for a batched exact scan
 * (inference/matrix-scan.ts: one GEMM for several queries reads the matrix once, where vec0 reads
 * every vector again for every query). A copy is only served while it is provably the store's
 * state: it remembers `PRAGMA data_version` of the connection it was read on, which changes
 * whenever another connection commits (an import, an indexing batch, an activation), and a changed
 * value makes it stale. Float indexes only (int8 is approximate, bit keeps its own path).
 */
export interface VectorMatrix {
  key: string;
  fingerprint: string;
  prefix: string;
  dimension: number;
  /** Row r's article id. */
  ids: Int32Array;
  /** rows × dimension, unit vectors as stored. */
  matrix: Float32Array;
  /** Per row: 0 for a current law version, a large negative number otherwise (added to scores). */
  currentBias: Float32Array;
  /** Per row: 0 (all versions). */
  noBias: Float32Array;
  dataVersion: number;
  loadedMs: number;
}

/** Score added to rows outside a current-only search; any real cosine is ≥ −1. */
export const EXCLUDED = -1e4;

export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Reads a float index's vectors (in one read transaction: one consistent snapshot). */
export function loadVectorMatrix(db: Database, info: VectorIndexInfo): VectorMatrix | null {
  if (info.quantization !== 'float' || info.state !== 'ready') return null;
  loadVectorExtension(db);
  const started = performance.now();
  const read = db.transaction(() => {
    const version = dataVersion(db);
    const rows = db.prepare(`SELECT rowid AS id, embedding AS v, current AS c FROM ${info.tables.knn}`).raw().all() as [number | bigint, Buffer, number][];
    return { version, rows };
  });
  const { version, rows } = read();
  const d = info.dimension;
  const ids = new Int32Array(rows.length);
  const matrix = new Float32Array(rows.length * d);
  const currentBias = new Float32Array(rows.length);
  rows.forEach(([id, v, c], r) => {
    if (v.byteLength !== d * 4) throw new Error(`vector of article ${id} has ${v.byteLength} bytes, expected ${d * 4}`);
    ids[r] = Number(id);
    matrix.set(blobToFloat(v), r * d);
    currentBias[r] = c === 1 ? 0 : EXCLUDED;
  });
  return {
    key: info.key, fingerprint: info.fingerprint, prefix: info.tables.prefix, dimension: d, ids, matrix, currentBias,
    noBias: new Float32Array(rows.length), dataVersion: version, loadedMs: performance.now() - started,
  };
}

/** Whether `m` still shows what `db` holds for `info` (same tables, nothing committed since). */
export function matrixIsCurrent(db: Database, m: VectorMatrix | null, info: VectorIndexInfo): m is VectorMatrix {
  return !!m && m.key === info.key && m.fingerprint === info.fingerprint && m.prefix === info.tables.prefix && m.dataVersion === dataVersion(db);
}
