import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { loadVectorExtension } from './extension';
import { articleStatus, planIndexRun, readArticles, type ArticleToEmbed } from './index-plan';
import type { Quantization } from './quantization';
import { activateIndex, ensureIndex, getIndex, recordRun, type VectorIndexInfo } from './registry';
import { VectorWriter } from './vector-writer';

/** What indexing needs of an embedder (inference/types.ts's Embedder has it): the vectors layer sits below inference. */
export interface DocumentEmbedder {
  readonly info: { readonly id: string };
  readonly dimension: number;
  embed(texts: string[], kind: 'document'): Promise<Float32Array[]>;
}

/**
 * Incremental, resumable indexing of every article into the index of one embedder. Each batch is
 * embedded, then written in its own transaction (vectors + hashes together), so a crash or kill
 * loses at most the batch in flight and the next run continues from what is on disk. Aborting the
 * signal pauses (the run returns with `complete: false`); running again resumes.
 */
export interface IndexProgress {
  /** 'scan': comparing articles with the index; 'sync': deleting vectors and fixing flags; 'embed'; 'done'. */
  phase: 'scan' | 'sync' | 'embed' | 'done';
  done: number;
  total: number;
  /** Estimated from the embedding rate so far; null until one batch has been embedded. */
  etaMs: number | null;
  articlesPerSecond: number | null;
}

export interface IndexOptions {
  /** The model's fingerprint (e.g. hash of manifest + weights): a different one rebuilds the index. */
  fingerprint: string;
  /** Articles per embed() call and per transaction (default 32). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
  /** For a new index only; default chooseQuantization(articles, dimension). */
  quantization?: Quantization;
  /** Make this index the active one when the run leaves it complete (same transaction). */
  activate?: boolean;
  /** sqlite-vec to load when the connection has none yet (see loadVectorExtension). */
  extensionPath?: string;
  /** Test-only: wait this long after each committed batch (ends early on abort), so a pause can be seen. */
  batchDelayMs?: number;
}

export interface IndexReport {
  key: string;
  articles: number;
  embedded: number;
  removed: number;
  reflagged: number;
  unchanged: number;
  /** Every article had an up-to-date vector when the run ended (state is then 'ready'). */
  complete: boolean;
  aborted: boolean;
  index: VectorIndexInfo;
  tookMs: number;
}

const SYNC_CHUNK = 1000;

/** Waits `ms`, or less if `signal` aborts first. */
function pauseBetweenBatches(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => (clearTimeout(timer), signal?.removeEventListener('abort', done), resolve());
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves with the vectors, or with null as soon as `signal` aborts (the embed call is then abandoned). */
function embedUnlessAborted(embedder: DocumentEmbedder, texts: string[], signal?: AbortSignal): Promise<Float32Array[] | null> {
  if (!signal) return embedder.embed(texts, 'document');
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    embedder.embed(texts, 'document').then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** Checks the embedder's output and returns unit vectors (re-normalising slightly-off ones). */
function checkVectors(vectors: Float32Array[], expected: number, dim: number, model: string): Float32Array[] {
  if (vectors.length !== expected) throw createError('VECTOR_MODEL_MISMATCH', `${model} returned ${vectors.length} vectors for ${expected} texts`);
  return vectors.map((v) => {
    if (v.length !== dim) throw createError('VECTOR_MODEL_MISMATCH', `${model} returned a ${v.length}-dimensional vector, expected ${dim}`);
    let s = 0;
    for (const x of v) s += x * x;
    if (!Number.isFinite(s) || s === 0) throw createError('VECTOR_MODEL_MISMATCH', `${model} returned a zero or non-finite vector`);
    if (Math.abs(s - 1) < 1e-4) return v;
    const n = Math.sqrt(s);
    return v.map((x) => x / n);
  });
}

export async function indexArticles(db: Database, embedder: DocumentEmbedder, opts: IndexOptions): Promise<IndexReport> {
  const started = performance.now();
  loadVectorExtension(db, opts.extensionPath);
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 32));
  const modelId = embedder.info.id;
  const dim = embedder.dimension;
  const index = ensureIndex(db, { modelId, dimension: dim, fingerprint: opts.fingerprint, quantization: opts.quantization });
  const writer = new VectorWriter(db, index.tables, index.quantization, dim);
  const progress = (p: Omit<IndexProgress, 'etaMs' | 'articlesPerSecond'>, rate: number | null = null): void =>
    opts.onProgress?.({ ...p, articlesPerSecond: rate, etaMs: rate ? Math.round(((p.total - p.done) / rate) * 1000) : null });

  const plan = await planIndexRun(db, index.tables);
  progress({ phase: 'scan', done: plan.articles, total: plan.articles });
  const report = {
    key: index.key, articles: plan.articles, embedded: 0, removed: 0, reflagged: 0, unchanged: plan.unchanged, complete: false, aborted: false,
  };

  const syncTotal = plan.remove.length + plan.flags.length;
  for (let i = 0; i < plan.remove.length; i += SYNC_CHUNK) {
    const chunk = plan.remove.slice(i, i + SYNC_CHUNK);
    db.transaction(() => chunk.forEach((id) => writer.remove(id)))();
    report.removed += chunk.length;
  }
  for (let i = 0; i < plan.flags.length; i += SYNC_CHUNK) {
    const chunk = plan.flags.slice(i, i + SYNC_CHUNK);
    db.transaction(() => chunk.forEach((f) => writer.setCurrent(f.id, f.current)))();
    report.reflagged += chunk.length;
  }
  if (syncTotal > 0) progress({ phase: 'sync', done: syncTotal, total: syncTotal });

  const status = articleStatus(db);
  const embedStart = performance.now();
  for (let i = 0; i < plan.embed.length; i += batchSize) {
    if (opts.signal?.aborted) break;
    const batch: ArticleToEmbed[] = readArticles(db, plan.embed.slice(i, i + batchSize));
    if (batch.length === 0) continue;
    const raw = await embedUnlessAborted(embedder, batch.map((a) => a.text), opts.signal);
    if (!raw || opts.signal?.aborted) break;
    const vectors = checkVectors(raw, batch.length, dim, modelId);
    db.transaction(() => {
      batch.forEach((a, j) => {
        // The article may have gone or changed law status while the batch was being embedded.
        const now = status(a.id);
        if (!now) return;
        writer.put(a.id, a.hash, now.current, vectors[j]!);
        report.embedded++;
      });
    })();
    const rate = Math.min(i + batchSize, plan.embed.length) / ((performance.now() - embedStart) / 1000);
    progress({ phase: 'embed', done: Math.min(i + batchSize, plan.embed.length), total: plan.embed.length }, rate);
    if (i + batchSize < plan.embed.length) await pauseBetweenBatches(opts.batchDelayMs ?? 0, opts.signal);
  }

  report.aborted = opts.signal?.aborted ?? false;
  report.complete = !report.aborted;
  const vectors = (db.prepare(`SELECT count(*) AS n FROM ${index.tables.docs}`).get() as { n: number }).n;
  db.transaction(() => {
    recordRun(db, index.key, vectors, report.complete);
    if (report.complete && opts.activate) activateIndex(db, index.key);
  })();
  if (report.complete) progress({ phase: 'done', done: plan.articles, total: plan.articles });
  return { ...report, index: getIndex(db, index.key)!, tookMs: Math.round(performance.now() - started) };
}
