/**
 * Dense search in the inference host, batched: the searches waiting in the host's queue are
 * embedded in one call per model and scanned together (matrix-scan.ts) over an in-memory copy of
 * the index (vectors/vector-matrix.ts), so under load the host does one pass over the vectors for
 * many queries. Results are exactly those of searchVectors (exact float scores, current-only and
 * live-article filters, the k best live articles); whenever the copy cannot be shown to be the
 * store's state (something was committed since it was read, the index is not float), the search
 * goes through searchVectors instead; the copy is read again once the store has been quiet for
 * RELOAD_QUIET_MS.
 */
import Database from 'better-sqlite3';
import { MAX_K } from '../vectors/quantization';
import { servableIndex } from '../vectors/registry';
import { liveFilter, searchVectors, unit, type VectorHit } from '../vectors/search';
import { dataVersion, loadVectorMatrix, matrixIsCurrent, type VectorMatrix } from '../vectors/vector-matrix';
import type { DenseSearchRequest } from './host-protocol';
import { scanMatrix } from './matrix-scan';

/**
 * A changed store is read into memory again only once it has stayed unchanged this long (an
 * indexing run commits batch after batch: meanwhile its searches go through sqlite-vec).
 */
const RELOAD_QUIET_MS = Number(process.env.LEXBONE_MATRIX_QUIET_MS ?? 1000);
/** LEXBONE_MATRIX_SCAN=0 turns the in-memory scan off (every search through sqlite-vec). */
const ENABLED = process.env.LEXBONE_MATRIX_SCAN !== '0';

/** The host's SQLite page cache per database, KiB. */
const HOST_CACHE_KIB = 2000;

/** Rows fetched beyond the largest k of a batch. */
const SPARE_ROWS = 32;

export interface DenseJob {
  search: DenseSearchRequest;
  vector: Float32Array;
}

interface Connection {
  db: Database.Database;
  live: { current: (h: VectorHit[]) => VectorHit[]; all: (h: VectorHit[]) => VectorHit[] };
  matrices: Map<string, VectorMatrix>;
  /** Per index: the store's data_version when first seen changed, and when. */
  changed: Map<string, { version: number; since: number }>;
}

export class DenseSearcher {
  private readonly connections = new Map<string, Connection>();

  constructor(private readonly opts: { reloadQuietMs?: number; enabled?: boolean } = {}) {}

  /** Counters for tests and benchmarks: searches answered from memory and through sqlite-vec. */
  readonly stats = { matrix: 0, sqlite: 0, reloads: 0, batches: 0, largestBatch: 0 };

  private connection(req: DenseSearchRequest): Connection {
    let c = this.connections.get(req.dbPath);
    if (!c) {
      const db = new Database(req.dbPath, { readonly: true, fileMustExist: true, nativeBinding: req.nativeBinding });
      // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: this connection reads
      // the vectors once into the copy (the chunks would fill 16 MB and stay cached for nothing),
      // then looks up a few hundred article rows a search (bench: host peak −17 MB, dense search as fast).
      db.pragma(`cache_size = -${HOST_CACHE_KIB}`);
      c = { db, live: { current: liveFilter(db, true), all: liveFilter(db, false) }, matrices: new Map(), changed: new Map() };
      this.connections.set(req.dbPath, c);
    }
    return c;
  }

  /** One answer per job (hits, or the error for that job), in order. */
  async searchAll(jobs: DenseJob[]): Promise<(VectorHit[] | Error)[]> {
    const out: (VectorHit[] | Error)[] = new Array(jobs.length);
    const groups = new Map<string, { c: Connection; m: VectorMatrix; idx: number[]; currentOnly: boolean }>();
    jobs.forEach((job, i) => {
      try {
        const c = this.connection(job.search);
        const m = (this.opts.enabled ?? ENABLED) ? this.matrix(c, job) : null;
        if (!m) {
          this.stats.sqlite++;
          out[i] = searchVectors(c.db, job.search.indexKey, job.vector, job.search.k, { model: job.search.model, currentOnly: job.search.currentOnly });
          return;
        }
        const key = `${job.search.dbPath}\n${m.key}\n${job.search.currentOnly}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { c, m, idx: [], currentOnly: job.search.currentOnly }));
        g.idx.push(i);
      } catch (e) {
        out[i] = e as Error;
      }
    });
    for (const g of groups.values()) {
      const vectors = g.idx.map((i) => unit(jobs[i]!.vector));
      // A few extra rows absorb vectors of articles deleted since the last indexing run (the scan's
      // cost hardly depends on k).
      const k = Math.min(MAX_K, Math.max(...g.idx.map((i) => jobs[i]!.search.k)) + SPARE_ROWS);
      let scans;
      try {
        scans = await scanMatrix(g.m.matrix, g.m.dimension, g.currentOnly ? g.m.currentBias : g.m.noBias, vectors, k);
      } catch (e) {
        for (const i of g.idx) out[i] = e as Error;
        continue;
      }
      this.stats.batches++;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, g.idx.length);
      g.idx.forEach((i, j) => {
        const job = jobs[i]!;
        const scan = scans[j]!;
        const hits: VectorHit[] = [];
        for (let r = 0; r < scan.rows.length; r++) {
          if (scan.scores[r]! < -2) break; // past the last row the filter admits
          hits.push({ articleId: g.m.ids[scan.rows[r]!]!, score: scan.scores[r]! });
        }
        const complete = hits.length < scan.rows.length || scan.rows.length === g.m.ids.length;
        hits.sort((a, b) => b.score - a.score || a.articleId - b.articleId);
        const kept = (g.currentOnly ? g.c.live.current : g.c.live.all)(hits);
        if (kept.length >= job.search.k || complete) {
          this.stats.matrix++;
          out[i] = kept.slice(0, job.search.k);
        } else {
          // Vectors of deleted or superseded articles crowd the top: the general loop widens k.
          this.stats.sqlite++;
          out[i] = searchVectors(g.c.db, job.search.indexKey, job.vector, job.search.k, { model: job.search.model, currentOnly: job.search.currentOnly });
        }
      });
    }
    return out;
  }

  /** The in-memory copy of the job's index when it is (or can now be made) the store's state. */
  private matrix(c: Connection, job: DenseJob): VectorMatrix | null {
    const info = servableIndex(c.db, job.search.indexKey, job.search.model, job.vector.length);
    const have = c.matrices.get(info.key) ?? null;
    if (matrixIsCurrent(c.db, have, info)) return have;
    if (info.quantization !== 'float') return null;
    const version = dataVersion(c.db);
    const seen = c.changed.get(info.key);
    if (!seen || seen.version !== version) c.changed.set(info.key, { version, since: performance.now() });
    const quiet = performance.now() - (c.changed.get(info.key)!.since);
    if (quiet < (this.opts.reloadQuietMs ?? RELOAD_QUIET_MS)) return null;
    c.changed.delete(info.key);
    c.matrices.delete(info.key);
    const m = loadVectorMatrix(c.db, info);
    if (!m) return null;
    this.stats.reloads++;
    c.matrices.set(info.key, m);
    return m;
  }

  /** What the in-memory copies hold (bytes of their arrays, in MB), per index. */
  memory(): { vectorCopies: { key: string; rows: number; dimension: number; mb: number }[] } {
    const vectorCopies = [];
    for (const c of this.connections.values()) {
      for (const m of c.matrices.values()) {
        const bytes = m.matrix.byteLength + m.ids.byteLength + m.currentBias.byteLength + m.noBias.byteLength;
        vectorCopies.push({ key: m.key, rows: m.ids.length, dimension: m.dimension, mb: Math.round(bytes / 104857.6) / 10 });
      }
    }
    return { vectorCopies };
  }

  close(): void {
    for (const c of this.connections.values()) c.db.close();
    this.connections.clear();
  }
}
