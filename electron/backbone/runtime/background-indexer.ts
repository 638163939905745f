import type { Database } from 'better-sqlite3';
import type { IndexingControl, IndexingProgress } from '../../contract/models-types';
import type { InferenceClient } from '../inference/client';
import type { Embedder } from '../inference/types';
import type { ListedModel } from '../inference/registry';
import { indexArticles } from '../vectors/indexer';

/** An embedder loaded in the inference host, with the fingerprint of its weights and its index key. */
export interface LoadedEmbedder {
  model: Embedder;
  listed: ListedModel;
  fingerprint: string;
  key: string;
}

/** Host crashes in a row, without a batch committed between them, after which an indexing pass gives up. */
const MAX_CRASH_RESUMES = 3;

export interface BackgroundIndexerOptions {
  db: Database;
  client: InferenceClient;
  /** Articles per embedding batch. */
  batchSize?: number;
  /** Test-only: a wait after each batch (see runtime/indexing-knobs.ts). */
  batchDelayMs?: number;
  /** Whether the runtime still wants this embedder (a pass for one it no longer wants is not kept paused or held). */
  wants: (modelId: string) => boolean;
  /** A pass completed: the embedder's index is whole and may serve. */
  completed: (e: LoadedEmbedder) => Promise<void>;
  /** A pass failed for a reason other than being stopped. */
  failed: (e: unknown) => void;
}

/**
 * The background indexing of ModelRuntime: one pass at a time over the library's articles for an
 * embedder, which can be paused and resumed by the user, held while another writer (an import) has
 * the database and run again on release, resumed after the inference host crashes under it, and
 * stopped for good on close. A stopped pass drops the batch being embedded (never half-written);
 * every committed batch stays, so the next pass embeds only what is still missing.
 */
export class BackgroundIndexer {
  private indexing: IndexingProgress | null = null;
  /** The pass in flight: its own abort (pause, hold) and the embedder it indexes for. */
  private pass: { controller: AbortController; target: LoadedEmbedder; pausing: boolean; holding: boolean } | null = null;
  /** Another writer (an import) has the database: holds taken, and the pass they stopped, run again on release. */
  private holds = 0;
  private held: LoadedEmbedder | null = null;
  /** A pass stopped by pause(), to run again on resume(). */
  private paused: LoadedEmbedder | null = null;
  private readonly stopped = new AbortController();
  private job: Promise<void> = Promise.resolve();

  constructor(private readonly opts: BackgroundIndexerOptions) {}

  progress(): IndexingProgress | null {
    return this.indexing;
  }

  control(): IndexingControl {
    return { state: this.paused ? 'paused' : this.pass ? 'running' : 'idle', indexing: this.indexing };
  }

  /** The embedder a user's pause stopped, if any. */
  pausedFor(): LoadedEmbedder | null {
    return this.paused;
  }

  /** Forgets a paused pass (the runtime switched to another embedder). */
  dropPaused(): void {
    this.paused = null;
    this.indexing = null;
  }

  /** Resolves when the pass in flight, and those queued after it, have ended. */
  idle(): Promise<void> {
    return this.job.catch(() => undefined);
  }

  /** Starts a pass for `next` now (the caller waited for idle()). */
  start(next: LoadedEmbedder): void {
    this.job = this.run(next);
  }

  /** Runs a pass for `next` after the one in flight (new or changed articles after an import). */
  enqueue(next: LoadedEmbedder): Promise<void> {
    this.job = this.job.then(() => this.run(next));
    return this.job;
  }

  /**
   * Pauses the pass in flight: it stops before its next batch (a batch being embedded is dropped,
   * never half-written), and everything committed stays. Resolves once the pass has stopped.
   */
  async pause(): Promise<IndexingControl> {
    if (this.pass && !this.paused) {
      this.pass.pausing = true;
      this.pass.controller.abort();
      await this.idle();
    }
    return this.control();
  }

  /** Resumes a paused pass: it embeds what is still missing (articles imported meanwhile too). */
  resume(): IndexingControl {
    const target = this.paused;
    if (target) this.job = this.run(target);
    return this.control();
  }

  /**
   * One writer at a time: stops the pass in flight between batches while another writer has the
   * database, and starts it again where it stopped when the returned release is called. A pass
   * asked for meanwhile waits too. A user's pause stays a pause.
   */
  async hold(): Promise<() => void> {
    this.holds++;
    if (this.pass && !this.pass.pausing) {
      this.pass.holding = true;
      this.pass.controller.abort();
      await this.idle();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      const target = this.held;
      this.held = null;
      if (target && !this.paused && !this.stopped.signal.aborted) this.job = this.job.then(() => this.run(target));
    };
  }

  /** Stops for good: the pass in flight stops before its next batch; resolves once it has. */
  async close(): Promise<void> {
    this.stopped.abort();
    await this.idle();
  }

  private async run(next: LoadedEmbedder): Promise<void> {
    if (this.stopped.signal.aborted) return;
    if (this.holds > 0) {
      this.paused = null;
      this.held = next; // runs when the other writer is done
      return;
    }
    this.paused = null;
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    this.stopped.signal.addEventListener('abort', stop, { once: true });
    const pass = { controller, target: next, pausing: false, holding: false };
    this.pass = pass;
    const modelId = next.listed.id;
    if (this.indexing?.modelId === modelId) this.indexing = { ...this.indexing, state: 'running', etaMs: null };
    try {
      const report = await this.resumingAfterCrashes(next, controller.signal, modelId);
      if (report.complete) await this.opts.completed(next);
    } catch (e) {
      if (!this.stopped.signal.aborted) this.opts.failed(e);
    } finally {
      this.stopped.signal.removeEventListener('abort', stop);
      this.pass = null;
      const wanted = !this.stopped.signal.aborted && this.opts.wants(modelId);
      if (pass.holding && !pass.pausing && wanted) {
        this.held = next;
        this.indexing = this.indexing ? { ...this.indexing, etaMs: null } : null;
      } else if (pass.pausing && wanted) {
        this.paused = next;
        this.indexing = this.indexing ? { ...this.indexing, state: 'paused', etaMs: null } : null;
      } else this.indexing = null;
    }
  }

  /**
   * One indexing pass. When the inference host dies under it (the batch in flight is lost, never
   * half-written), it waits for the restarted host and goes on with what is still missing, up to
   * MAX_CRASH_RESUMES times in a row without progress.
   */
  private async resumingAfterCrashes(next: LoadedEmbedder, signal: AbortSignal, modelId: string) {
    let stalled = 0;
    for (;;) {
      let embedded = 0;
      try {
        return await this.once(next, signal, modelId, (n) => (embedded = n));
      } catch (e) {
        if (signal.aborted || (e as { code?: string }).code !== 'INFERENCE_UNAVAILABLE') throw e;
        stalled = embedded > 0 ? 0 : stalled + 1;
        if (stalled > MAX_CRASH_RESUMES) throw e;
        // Until the host is back, or the pass is stopped (a host that keeps dying must not block close()).
        // Stopped meanwhile: the next round returns at once, as an aborted pass.
        await Promise.race([this.opts.client.recovered(), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
      }
    }
  }

  private once(next: LoadedEmbedder, signal: AbortSignal, modelId: string, onEmbedded: (n: number) => void) {
    return indexArticles(this.opts.db, next.model, {
      fingerprint: next.fingerprint,
      batchSize: this.opts.batchSize ?? 64,
      batchDelayMs: this.opts.batchDelayMs,
      activate: true,
      signal,
      onProgress: (p) => {
        if (p.phase === 'embed') onEmbedded(p.done);
        // A resumed pass scans again before embedding: keep showing how far the embedding got.
        if (p.phase === 'scan' && this.indexing?.modelId === modelId && this.indexing.phase === 'indexing:embed') return;
        this.indexing = { phase: `indexing:${p.phase}`, done: p.done, total: p.total, etaMs: p.etaMs, state: 'running', modelId };
      },
    });
  }
}
