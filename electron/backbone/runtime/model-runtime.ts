import { createError, toApiError } from '../../contract/errors';
import { said, type Said } from '../../contract/said';
import type { IndexingControl, MissingModel } from '../../contract/models-types';
import type { ActiveModel, ModelsStatus, ModelSummary } from '../../contract/types';
import type { InferenceClient } from '../inference/client';
import { listModels, type ListedModel } from '../inference/registry';
import type { Embedder, Reranker } from '../inference/types';
import type { Library } from '../library';
import { candidateReranker } from '../pipeline/rerankers';
import type { CandidateReranker, DenseRetriever } from '../pipeline/stages';
import { activeIndex, getIndex, vectorIndexKey } from '../vectors/registry';
import { BackgroundIndexer, type LoadedEmbedder } from './background-indexer';
import { denseRetriever } from './dense-retriever';
import { modelFingerprint } from './fingerprint';
import { openModelSet, type ModelIds, type ModelSet, type ModelSetOptions } from './model-set';
import { missingModels, type WantedModels } from './missing-models';
import { selectModels } from './select-models';

export interface ModelRuntimeOptions {
  modelDirs: string[];
  /** Model ids to use; undefined = choose by stage; null = none. */
  embedder?: string | null;
  reranker?: string | null;
  /** Articles per embedding batch while indexing. */
  batchSize?: number;
  /** Test-only: a wait after each indexing batch (see runtime/indexing-knobs.ts). */
  batchDelayMs?: number;
  /** Where users put their own models (named in the missing-model message); default: the last of modelDirs. */
  userModelsDir?: string;
  /** better_sqlite3.node the inference host opens the database with (Electron's ABI in the app). */
  hostNativeBinding?: string;
}

const summary = (m: ListedModel): ModelSummary => ({
  id: m.id, role: m.role, stage: m.stage, family: m.family, dir: m.dir, dimension: m.mrlDimension ?? m.dimension ?? null,
});

/**
 * Puts models to work for a library: loads the chosen embedder and reranker in the inference host,
 * keeps the embedder's vector index up to date in the background, and wires dense retrieval and
 * reranking into the search pipeline. A new embedder's index is built while the previous index keeps
 * serving (with its own model), then swapped in; a failure leaves search lexical, with the reason.
 */
export class ModelRuntime {
  private installed: ListedModel[] = [];
  private problems: ModelsStatus['problems'] = [];
  private listingProblems: ModelsStatus['problems'] = [];
  /** The embedder id asked for (it may still be indexing while another serves). */
  private target: string | null = null;
  private applying: Promise<void> = Promise.resolve();
  private embedder: LoadedEmbedder | null = null;
  private reranker: { model: Reranker; listed: ListedModel; adapter: CandidateReranker } | null = null;
  private dense: DenseRetriever | null = null;
  private missing: MissingModel[] = [];
  private error: ModelsStatus['error'] = null;
  private readonly indexer: BackgroundIndexer;

  constructor(private readonly lib: Library, private readonly client: InferenceClient, private readonly opts: ModelRuntimeOptions) {
    this.indexer = new BackgroundIndexer({
      db: lib.db,
      client,
      batchSize: opts.batchSize,
      batchDelayMs: opts.batchDelayMs,
      wants: (modelId) => this.target === modelId,
      completed: (next) => this.serve(next),
      failed: (e) => (this.error = toApiError(e)),
    });
  }

  /**
   * Loads models and starts indexing; resolves once models are loaded (indexing goes on: see idle()).
   * `wanted` (default: the options' ids) may name the backbone version asking for them.
   */
  async start(wanted: WantedModels = { embedder: this.opts.embedder, reranker: this.opts.reranker }): Promise<void> {
    this.rescanModels();
    await this.apply(wanted);
  }

  /** Reads the model folders again (a model was written since: a training from feedback); what serves is unchanged. */
  rescanModels(): void {
    const listing = listModels(this.opts.modelDirs);
    this.installed = listing.models;
    this.listingProblems = listing.problems.map((p) => ({ dir: p.dir, ...p.error }));
  }

  /**
   * Serves other models (a backbone version was activated or rolled back): ids as in the options
   * (undefined: chosen by stage; null: none). The reranker changes at once; a new embedder's index
   * is built in the background while the current one keeps serving, then swapped in.
   */
  apply(wanted: WantedModels): Promise<void> {
    // One switch at a time, in the order asked (two quick activations end on the second).
    this.applying = this.applying.then(() => this.switchTo(wanted));
    return this.applying;
  }

  private async switchTo(wanted: WantedModels): Promise<void> {
    const choice = selectModels(this.installed, wanted);
    this.problems = [...this.listingProblems];
    for (const id of choice.missing) {
      this.problems.push({ dir: id, ...toApiError(createError('NOT_FOUND', said(`An installed model with the id "${id}"`, `id 为“${id}”的已安装模型`))) });
    }
    const userDir = this.opts.userModelsDir ?? this.opts.modelDirs.at(-1) ?? 'models';
    this.missing = missingModels(wanted, this.installed, this.listingProblems, userDir);
    this.error = null;
    try {
      if (choice.reranker?.id !== this.reranker?.listed.id) {
        const previous = this.reranker;
        const model = choice.reranker ? await this.client.loadReranker(choice.reranker.dir) : null;
        this.reranker = model && choice.reranker ? { model, listed: choice.reranker, adapter: candidateReranker(model) } : null;
        this.wire();
        await previous?.model.close().catch(() => undefined);
      }
      if (choice.embedder?.id !== this.target) {
        this.target = choice.embedder?.id ?? null;
        const paused = this.indexer.pausedFor();
        if (paused && paused.listed.id !== this.target) this.indexer.dropPaused();
        await this.indexer.idle(); // one indexing pass at a time
        if (choice.embedder) await this.useEmbedder(choice.embedder);
        else {
          const previous = this.embedder;
          this.embedder = null;
          this.dense = null;
          this.wire();
          await previous?.model.close().catch(() => undefined);
        }
      }
    } catch (e) {
      this.error = toApiError(e);
    }
    this.wire();
  }

  private async useEmbedder(listed: ListedModel): Promise<void> {
    const model = await this.client.loadEmbedder(listed.dir);
    const fingerprint = modelFingerprint(listed.dir, listed.files.model);
    const next: LoadedEmbedder = { model, listed, fingerprint, key: vectorIndexKey(listed.id, model.dimension) };
    const own = getIndex(this.lib.db, next.key);
    if (own?.state === 'ready' && own.fingerprint === fingerprint) await this.serve(next).catch(() => undefined);
    else await this.serveOldIndexMeanwhile(next);
    this.indexer.start(next);
  }

  /** `next` serves dense search from now on (its index is whole); the model it replaces is closed. */
  private async serve(next: LoadedEmbedder): Promise<void> {
    const previous = this.embedder;
    this.embedder = next;
    this.dense = this.retriever(next);
    this.wire();
    if (previous && previous.model !== next.model) await previous.model.close();
  }

  /** While a new model's index builds, the active index keeps serving with the model that made it. */
  private async serveOldIndexMeanwhile(next: LoadedEmbedder): Promise<void> {
    const active = activeIndex(this.lib.db);
    const oldListed = active && active.key !== next.key ? this.installed.find((m) => m.id === active.modelId) : undefined;
    if (!active || active.state !== 'ready' || !oldListed) return;
    if (this.embedder?.key === active.key && this.dense) return; // already serving it
    const oldFingerprint = modelFingerprint(oldListed.dir, oldListed.files.model);
    if (oldFingerprint !== active.fingerprint) return;
    const oldModel = await this.client.loadEmbedder(oldListed.dir);
    const previous = this.embedder;
    this.embedder = { model: oldModel, listed: oldListed, fingerprint: oldFingerprint, key: active.key };
    this.dense = this.retriever(this.embedder);
    this.wire();
    await previous?.model.close().catch(() => undefined);
  }

  /**
   * Pauses the indexing pass in flight: it stops before its next batch (a batch being embedded is
   * dropped, never half-written), and everything committed stays. Search keeps the index that was
   * serving (or keywords). Resolves once the pass has stopped.
   */
  pause(): Promise<IndexingControl> {
    return this.indexer.pause();
  }

  /**
   * One writer at a time: stops the indexing pass in flight between batches (nothing half-written)
   * while another writer (an import in its worker) has the database, and starts it again where it
   * stopped when the returned release is called. A pass asked for meanwhile waits too. A user's
   * pause stays a pause.
   */
  holdIndexing(): Promise<() => void> {
    return this.indexer.hold();
  }

  /** Resumes a paused pass: it embeds what is still missing (articles imported meanwhile too). */
  resume(): IndexingControl {
    return this.indexer.resume();
  }

  /** Embeds new or changed articles after an import (only those); while paused, resume() does it. */
  reindex(): Promise<void> {
    if (!this.embedder || this.indexer.pausedFor()) return this.indexer.idle();
    return this.indexer.enqueue(this.embedder);
  }

  private retriever(e: LoadedEmbedder): DenseRetriever {
    return denseRetriever(this.lib, { model: e.model, modelId: e.listed.id, fingerprint: e.fingerprint, key: e.key }, this.opts.hostNativeBinding);
  }

  private wire(): void {
    this.lib.setModels({ dense: this.dense, reranker: this.reranker?.adapter ?? null });
  }

  /** The embedder serving dense search, with its fingerprint and index key (benchmarks, evaluation). */
  servingEmbedder(): { model: Embedder; fingerprint: string; key: string } | null {
    return this.embedder && { model: this.embedder.model, fingerprint: this.embedder.fingerprint, key: this.embedder.key };
  }

  /** The reranker serving search, with the pipeline's adapter (features or text pairs) for it. */
  servingReranker(): { model: Reranker; id: string; stage: string; adapter: CandidateReranker } | null {
    return this.reranker && { model: this.reranker.model, id: this.reranker.listed.id, stage: this.reranker.listed.stage, adapter: this.reranker.adapter };
  }

  /** Dense retrieval as the pipeline uses it (null: no embedder serving). */
  denseRetriever(): DenseRetriever | null {
    return this.dense;
  }

  /** Why nothing serves a role: an error of the last switch, indexing in progress, or none installed. */
  unavailableReason(role: 'embedder' | 'reranker'): Said {
    if (this.error) return said(this.error.message, this.error.messageZh ?? this.error.message);
    const zh = role === 'embedder' ? '检索模型' : '重排模型';
    if (!this.installed.some((m) => m.role === role)) return said(`no ${role} model is installed`, `未安装${zh}`);
    return said(`the ${role} is still loading`, `${zh}仍在加载`);
  }

  /** The models found on disk (at start, or at the last rescan). */
  installedModels(): ListedModel[] {
    return [...this.installed];
  }

  /**
   * Exactly these models as a set of their own in the same inference host (model-set.ts), for
   * searches that must not change what this runtime serves (an A/B preparation).
   */
  openModelSet(ids: ModelIds, opts?: ModelSetOptions): Promise<ModelSet> {
    const deps = { lib: this.lib, client: this.client, installed: this.installed, hostNativeBinding: this.opts.hostNativeBinding, batchSize: this.opts.batchSize };
    return openModelSet(deps, ids, opts);
  }

  /** Resolves when model switches asked for so far and background indexing have finished. */
  async idle(): Promise<void> {
    await this.applying;
    await this.indexer.idle();
  }

  status(): ModelsStatus {
    const active = (m: { listed: ListedModel; model: Embedder | Reranker } | null): ActiveModel | null =>
      m ? { ...summary(m.listed), provider: m.model.provider() } : null;
    const index = this.embedder ? getIndex(this.lib.db, this.embedder.key) : null;
    return {
      installed: this.installed.map(summary),
      problems: this.problems,
      embedder: active(this.embedder),
      reranker: active(this.reranker),
      index: index && this.dense
        ? { key: index.key, modelId: index.modelId, state: index.state, articles: index.articleCount, quantization: index.quantization }
        : null,
      indexing: this.indexer.progress(),
      missingModels: this.missing,
      error: this.error,
      inference: this.client.status(),
    };
  }

  async close(): Promise<void> {
    await this.indexer.close();
    await this.embedder?.model.close().catch(() => undefined);
    await this.reranker?.model.close().catch(() => undefined);
  }
}
