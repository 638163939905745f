/**
 * One deep-research run: the research budget's search with the reranker's batches streamed into a
 * snapshot the client polls. Cancelling stops it at the next batch and keeps the last snapshot; a
 * batch that lands after the cancel is dropped, so what the user saw stays what the run holds.
 */
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { toApiError } from '../../contract/errors';
import type { ResearchProgress, ResearchRunView, ResearchState } from '../../contract/research-types';
import type { ApiParsedRequest } from '../../contract/api';
import type { Budget, SearchMode } from '../../contract/types';
import type { Library } from '../library';
import type { RerankBatch } from '../pipeline/pipeline';
import { SnapshotBuilder, type Snapshot } from './research-snapshot';

/** Candidates per reranker call in a research run. */
const RESEARCH_BATCH_SIZE = 25;

export interface ResearchRunOptions {
  /** Candidates per reranker batch (default RESEARCH_BATCH_SIZE). */
  batchSize?: number;
  /**
   * Test-only: a pause after each batch, so a run over the small fixture corpus lasts long enough
   * to watch its progress and cancel it (LEXBONE_RESEARCH_BATCH_DELAY_MS in the server).
   */
  batchDelayMs?: number;
}

export class ResearchRun {
  state: ResearchState = 'running';
  /** Date.now() when the run ended (for expiry); null while it runs. */
  endedAt: number | null = null;
  private readonly started = Date.now();
  private readonly abort = new AbortController();
  private progress: ResearchProgress = { phase: 'retrieving', done: 0, total: 0, etaMs: null };
  private snapshot: Snapshot = { hits: [], lowRanked: [], related: [] };
  private mode: SearchMode | null = null;
  private models: ResearchRunView['models'] = { embedder: null, reranker: null };
  private degraded: string | null = null;
  private degradedZh: string | null = null;
  private error: ResearchRunView['error'] = null;
  private rerankStarted = 0;
  readonly budget: Budget;
  readonly done: Promise<void>;

  constructor(
    readonly runId: string,
    private readonly req: ApiParsedRequest<'startResearch'>,
    library: Library,
    private readonly opts: ResearchRunOptions = {},
  ) {
    this.budget = library.searchService.budget({ k: req.k, n: req.n }, 'research');
    this.progress.total = this.budget.k;
    this.done = this.drive(library);
  }

  private async drive(library: Library): Promise<void> {
    const builder = new SnapshotBuilder(library.searchService, library.citing);
    const { k, n } = this.budget;
    let last: RerankBatch | null = null;
    try {
      const response = await library.search(
        { query: this.req.query, category: this.req.category, law: this.req.law, includeSuperseded: this.req.includeSuperseded, k, n, limit: Math.max(1, n), offset: 0 },
        {
          signal: this.abort.signal,
          rerankBatchSize: this.opts.batchSize ?? RESEARCH_BATCH_SIZE,
          onRerankBatch: async (batch) => {
            if (this.state !== 'running') return;
            last = batch;
            this.onBatch(batch, builder.fromScored(batch.scored, n, batch.terms));
            if (this.opts.batchDelayMs) await sleep(this.opts.batchDelayMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
            else await yieldToLoop();
          },
        },
      );
      if (this.state !== 'running') return;
      const batch = last as RerankBatch | null;
      const complete = batch !== null && batch.done === batch.total && response.hits.every((h) => h.reranked);
      // The search's own top N is the final order; the low-ranked come from the last, complete batch.
      this.snapshot = complete ? { ...builder.fromScored(batch.scored, n, batch.terms), hits: response.hits } : builder.fromHits(response.hits);
      this.mode = response.mode;
      this.models = response.models;
      this.degraded = response.degraded;
      this.degradedZh = response.degradedZh;
      const total = complete ? batch.total : response.hits.length;
      this.progress = { phase: 'done', done: total, total, etaMs: 0 };
      this.finish('done');
    } catch (e) {
      if (this.state !== 'running') return;
      this.error = toApiError(e);
      this.finish('failed');
    }
  }

  private onBatch(batch: RerankBatch, snapshot: Snapshot): void {
    if (batch.done === 0) this.rerankStarted = Date.now();
    const elapsed = Date.now() - this.rerankStarted;
    const etaMs = batch.done > 0 ? Math.round((elapsed / batch.done) * (batch.total - batch.done)) : null;
    this.progress = { phase: 'reranking', done: batch.done, total: batch.total, etaMs };
    this.snapshot = snapshot;
  }

  private finish(state: ResearchState): void {
    this.state = state;
    this.endedAt = Date.now();
  }

  /** Stops the run at its next batch; the results so far stay. A finished run is left as it is. */
  cancel(): void {
    if (this.state !== 'running') return;
    this.finish('cancelled');
    this.progress = { ...this.progress, etaMs: null };
    this.abort.abort();
  }

  view(): ResearchRunView {
    return {
      runId: this.runId,
      query: this.req.query,
      state: this.state,
      progress: { ...this.progress },
      budget: this.budget,
      mode: this.mode,
      models: this.models,
      degraded: this.degraded,
      degradedZh: this.degradedZh,
      ...this.snapshot,
      error: this.error,
      startedAt: new Date(this.started).toISOString(),
      tookMs: (this.endedAt ?? Date.now()) - this.started,
    };
  }
}
