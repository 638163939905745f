import type { Database } from 'better-sqlite3';
import { collectGarbage } from '../heap';
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
  /** How it was read: sqlite-vec's storage tables directly, or row by row through vec0. */
  source: 'chunks' | 'vec0';
}

/** Score added to rows outside a current-only search; any real cosine is ≥ −1. */
const EXCLUDED = -1e4;

export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Chunks (1024 vectors, 1 MB at 256 dimensions) read between two collections while loading. */
const GC_EVERY_CHUNKS = 4;

type Rows = { ids: Int32Array; matrix: Float32Array; current: Uint8Array };

/**
 * The rows straight from vec0's storage tables (`_rowids`: article → chunk and slot,
 * `_vector_chunks00`: 1024 vectors a blob; `current` from the docs table, written with the knn
 * row): ≈ 0.1 s for 64k × 256, where vec0's own full scan reads each vector through a blob handle
 * (≈ 15 µs a row, 1–2 s). sqlite-vec's storage is not a public format, so the copy is checked
 * against vec0's own answers for a sample of rows; any difference (another sqlite-vec layout)
 * returns null and the caller reads through vec0.
 */
function readFromChunks(db: Database, info: VectorIndexInfo): Rows | null {
  const { knn, docs } = info.tables;
  const d = info.dimension;
  const bytesPerRow = d * 4;
  // Every docs row has its knn row and the reverse (written together): a mismatch is another layout.
  const n = db.prepare(`SELECT count(*) FROM ${docs}`).pluck().get() as number;
  const ids = new Int32Array(n);
  const chunkOf = new Float64Array(n);
  const slotOf = new Int32Array(n);
  const current = new Uint8Array(n);
  let r = 0;
  try {
    // Where each vector is, as typed arrays (not one JS array per row).
    const slots = db.prepare(`SELECT r.rowid, r.chunk_id, r.chunk_offset, d.current FROM ${knn}_rowids r JOIN ${docs} d ON d.article_id = r.rowid ORDER BY r.rowid`).raw();
    for (const [id, chunk, offset, cur] of slots.iterate() as IterableIterator<[number, number, number, number]>) {
      if (r === n) return null;
      ids[r] = Number(id);
      chunkOf[r] = Number(chunk);
      slotOf[r] = Number(offset);
      current[r++] = cur === 1 ? 1 : 0;
    }
  } catch {
    return null; // no such tables: another layout
  }
  if (r !== n) return null;
  // Rows grouped by chunk, so that the chunks are read one at a time: only one chunk's blob (1024
  // vectors) is in memory beside the matrix, never all of them (a second copy of the index).
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => chunkOf[a]! - chunkOf[b]! || a - b);
  const matrix = new Float32Array(n * d);
  const bytes = new Uint8Array(matrix.buffer);
  let at = 0;
  let read = 0;
  try {
    const chunks = db.prepare(`SELECT rowid, vectors FROM ${knn}_vector_chunks00 ORDER BY rowid`).raw();
    for (const [chunkId, blob] of chunks.iterate() as IterableIterator<[number, Buffer]>) {
      const chunk = Number(chunkId);
      // The chunks copied so far are garbage: collected every few chunks, their memory is reused
      // for the next ones (left to V8, 64 MB of them pile up and ≈ 40 MB stays resident after).
      if (++read % GC_EVERY_CHUNKS === 0) collectGarbage();
      if (at < n && chunkOf[order[at]!]! < chunk) return null; // a row in a chunk that does not exist
      for (; at < n && chunkOf[order[at]!] === chunk; at++) {
        const row = order[at]!;
        const from = slotOf[row]! * bytesPerRow;
        if (from + bytesPerRow > blob.byteLength) return null;
        bytes.set(blob.subarray(from, from + bytesPerRow), row * bytesPerRow);
      }
    }
  } catch {
    return null;
  }
  if (at !== n) return null;
  // The check: vec0's own vector and flag for a spread of rows must be the ones copied.
  const one = db.prepare(`SELECT embedding, current FROM ${knn} WHERE rowid = ?`).raw();
  for (let i = 0; i < Math.min(n, 64); i++) {
    const r = Math.floor((i * (n - 1)) / Math.max(1, Math.min(n, 64) - 1));
    const [v, c] = one.get(BigInt(ids[r]!)) as [Buffer, number];
    if (!v.equals(Buffer.from(matrix.buffer, r * bytesPerRow, bytesPerRow)) || (c === 1 ? 1 : 0) !== current[r]) return null;
  }
  return { ids, matrix, current };
}

/** Every row through vec0 itself (slow, but any layout). */
function readThroughVec0(db: Database, info: VectorIndexInfo): Rows {
  const d = info.dimension;
  const rows = db.prepare(`SELECT rowid AS id, embedding AS v, current AS c FROM ${info.tables.knn}`).raw().all() as [number | bigint, Buffer, number][];
  const ids = new Int32Array(rows.length);
  const matrix = new Float32Array(rows.length * d);
  const current = new Uint8Array(rows.length);
  rows.forEach(([id, v, c], r) => {
    if (v.byteLength !== d * 4) throw new Error(`vector of article ${id} has ${v.byteLength} bytes, expected ${d * 4}`);
    ids[r] = Number(id);
    matrix.set(blobToFloat(v), r * d);
    current[r] = c === 1 ? 1 : 0;
  });
  return { ids, matrix, current };
}

/** Reads a float index's vectors (in one read transaction: one consistent snapshot). */
export function loadVectorMatrix(db: Database, info: VectorIndexInfo): VectorMatrix | null {
  if (info.quantization !== 'float' || info.state !== 'ready') return null;
  loadVectorExtension(db);
  const started = performance.now();
  const read = db.transaction(() => {
    const version = dataVersion(db);
    const direct = readFromChunks(db, info);
    return { version, rows: direct ?? readThroughVec0(db, info), source: direct ? ('chunks' as const) : ('vec0' as const) };
  });
  const { version, rows, source } = read();
  const currentBias = Float32Array.from(rows.current, (c) => (c ? 0 : EXCLUDED));
  return {
    key: info.key, fingerprint: info.fingerprint, prefix: info.tables.prefix, dimension: info.dimension, ids: rows.ids, matrix: rows.matrix, currentBias,
    noBias: new Float32Array(rows.ids.length), dataVersion: version, loadedMs: performance.now() - started, source,
  };
}

/** Whether `m` still shows what `db` holds for `info` (same tables, nothing committed since). */
export function matrixIsCurrent(db: Database, m: VectorMatrix | null, info: VectorIndexInfo): m is VectorMatrix {
  return !!m && m.key === info.key && m.fingerprint === info.fingerprint && m.prefix === info.tables.prefix && m.dataVersion === dataVersion(db);
}
