/**
 * A model set of its own: exactly the named embedder and reranker, loaded as separate handles in
 * the app's inference host and wired into search models that a caller passes to one search at a
 * time (`Library.search(req, { models })`), while the app's runtime keeps serving its own. Used by
 * the A/B preparation, so the app's searches go on with the active version meanwhile.
 *
 * The embedder's vector index must be complete for its fingerprint; when it is not, it is built
 * here (incrementally, as the runtime does, but without moving the active-index pointer). A stop
 * (the signal) ends the build between batches: what was committed stays, the set is not opened.
 */
import { createError } from '../../contract/errors';
import type { InferenceClient } from '../inference/client';
import type { ListedModel } from '../inference/registry';
import type { Embedder, Reranker } from '../inference/types';
import type { Library } from '../library';
import { candidateReranker } from '../pipeline/rerankers';
import type { SearchModels } from '../pipeline/search-service';
import { indexArticles } from '../vectors/indexer';
import { getIndex, vectorIndexKey } from '../vectors/registry';
import { denseRetriever } from './dense-retriever';
import { modelFingerprint } from './fingerprint';
import { said } from '../../contract/said';

export interface ModelSetDeps {
  lib: Library;
  client: InferenceClient;
  installed: readonly ListedModel[];
  hostNativeBinding?: string;
  /** Articles per embedding batch when the index has to be built. */
  batchSize?: number;
}

export interface ModelSetOptions {
  /** Stops building the index between batches (the set is then not opened). */
  signal?: AbortSignal;
  /** Indexing progress, when the embedder's index has to be built first. */
  onIndexProgress?: (done: number, total: number) => void;
}

export interface ModelSet {
  models: SearchModels;
  /** Unloads the set's handles from the host (the runtime's own models stay). */
  close(): Promise<void>;
}

/** Model ids; null: that stage is not used. */
export interface ModelIds {
  embedder: string | null;
  reranker: string | null;
}

function listed(installed: readonly ListedModel[], role: 'embedder' | 'reranker', id: string): ListedModel {
  const m = installed.find((x) => x.role === role && x.id === id);
  if (!m) throw createError('NOT_FOUND', said(`The ${role} model "${id}"`, `${role === 'embedder' ? '检索模型' : '重排模型'}“${id}”`));
  return m;
}

export async function openModelSet(deps: ModelSetDeps, ids: ModelIds, opts: ModelSetOptions = {}): Promise<ModelSet> {
  const { lib, client } = deps;
  const loaded: (Embedder | Reranker)[] = [];
  const close = async () => {
    for (const m of loaded.splice(0)) await m.close().catch(() => undefined);
  };
  try {
    let reranker: SearchModels['reranker'] = null;
    if (ids.reranker !== null) {
      const model = await client.loadReranker(listed(deps.installed, 'reranker', ids.reranker).dir);
      loaded.push(model);
      reranker = candidateReranker(model);
    }
    let dense: SearchModels['dense'] = null;
    if (ids.embedder !== null) {
      const entry = listed(deps.installed, 'embedder', ids.embedder);
      const model = await client.loadEmbedder(entry.dir);
      loaded.push(model);
      const fingerprint = modelFingerprint(entry.dir, entry.files.model);
      const key = vectorIndexKey(entry.id, model.dimension);
      const index = getIndex(lib.db, key);
      if (index?.state !== 'ready' || index.fingerprint !== fingerprint) {
        const report = await indexArticles(lib.db, model, {
          fingerprint, batchSize: deps.batchSize ?? 64, activate: false, signal: opts.signal,
          onProgress: (p) => p.phase === 'embed' && opts.onIndexProgress?.(p.done, p.total),
        });
        if (!report.complete) throw createError('VECTOR_INDEX_NOT_READY', key, report.embedded, report.articles);
      }
      dense = denseRetriever(lib, { model, modelId: entry.id, fingerprint, key }, deps.hostNativeBinding);
    }
    return { models: { dense, reranker }, close };
  } catch (e) {
    await close();
    throw e;
  }
}
