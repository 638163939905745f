import type { RemoteEmbedder } from '../inference/client';
import type { Embedder } from '../inference/types';
import type { Library } from '../library';
import type { DenseRetriever } from '../pipeline/stages';
import { searchVectors } from '../vectors/search';

/** An embedder with the index its vectors are in. */
export interface IndexedEmbedder {
  model: Embedder;
  modelId: string;
  fingerprint: string;
  /** The vector index key (`<model id>@<dimension>`). */
  key: string;
}

/**
 * Dense retrieval for the pipeline over one embedder's index. With a remote embedder the host
 * embeds the query and scans the index itself (read-only connection), so dense and lexical
 * retrieval run at the same time.
 */
export function denseRetriever(lib: Library, e: IndexedEmbedder, hostNativeBinding?: string): DenseRetriever {
  const model = { id: e.modelId, fingerprint: e.fingerprint };
  const remote = 'searchIndex' in e.model ? (e.model as RemoteEmbedder) : null;
  return {
    modelId: e.modelId,
    search: async (query, k, { currentOnly }) => {
      if (remote) {
        return remote.searchIndex({ dbPath: lib.dbPath, nativeBinding: hostNativeBinding, indexKey: e.key, model, query, k, currentOnly });
      }
      const [vector] = await e.model.embed([query], 'query');
      return searchVectors(lib.db, e.key, vector!, k, { model, currentOnly });
    },
  };
}
