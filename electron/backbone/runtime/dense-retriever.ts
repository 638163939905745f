import type { Statement } from 'better-sqlite3';
import type { RemoteEmbedder } from '../inference/client';
import type { Embedder } from '../inference/types';
import type { Library } from '../library';
import type { DenseRetriever } from '../pipeline/stages';
import { shortTitle } from '../text/normalize';
import { ANCHOR_SQL, articleEmbeddingText } from '../vectors/article-text';
import { getIndex } from '../vectors/registry';
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
  const unindexed = unindexedReader(lib, e.key);
  return {
    modelId: e.modelId,
    search: async (query, k, { currentOnly }) => {
      if (remote) {
        return remote.searchIndex({ dbPath: lib.dbPath, nativeBinding: hostNativeBinding, indexKey: e.key, model, query, k, currentOnly });
      }
      const [vector] = await e.model.embed([query], 'query');
      return searchVectors(lib.db, e.key, vector!, k, { model, currentOnly });
    },
    scoreUnindexed: async (query, articleIds) => {
      const missing = unindexed(articleIds);
      if (missing.length === 0) return [];
      const [q] = await e.model.embed([query], 'query');
      const docs = await e.model.embed(missing.map((m) => m.text), 'document');
      // Vectors are L2-normalised: the dot product is the cosine the index would give.
      return missing.map((m, i) => ({ articleId: m.id, score: dot(q!, docs[i]!) }));
    },
  };
}

/**
 * Reads, of some articles, those the index has no vector for, with the text the indexer would embed.
 * Runs on every hybrid search (for the few candidates dense retrieval did not return): statements
 * are prepared once per index table, again only when the index behind the key changes.
 */
function unindexedReader(lib: Library, key: string): (ids: number[]) => { id: number; text: string }[] {
  let has: { table: string; stmt: Statement } | null = null;
  let row: Statement | null = null;
  return (ids) => {
    const info = ids.length ? getIndex(lib.db, key) : null;
    if (!info) return [];
    if (has?.table !== info.tables.docs) has = { table: info.tables.docs, stmt: lib.db.prepare(`SELECT 1 FROM ${info.tables.docs} WHERE article_id = ?`) };
    const stmt = has.stmt;
    const missing = ids.filter((id) => !stmt.get(id));
    if (missing.length === 0) return [];
    row ??= lib.db.prepare(
      `SELECT a.id, a.path, a.text, l.title, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE a.id = ?`,
    );
    const read = row;
    return missing.flatMap((id) => {
      const r = read.get(id) as { id: number; path: string; text: string; title: string; anchor: string } | undefined;
      if (!r) return [];
      return [{ id, text: articleEmbeddingText({ shortTitle: shortTitle(r.title), path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor }) }];
    });
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
