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
  const vectorless = vectorlessReader(lib, e.key);
  return {
    modelId: e.modelId,
    search: async (query, k, { currentOnly }) => {
      if (remote) {
        return remote.searchIndex({ dbPath: lib.dbPath, nativeBinding: hostNativeBinding, indexKey: e.key, model, query, k, currentOnly });
      }
      const [vector] = await e.model.embed([query], 'query');
      return searchVectors(lib.db, e.key, vector!, k, { model, currentOnly });
    },
    unindexed: (articleIds) => vectorless(articleIds),
    scoreArticles: async (query, articleIds) => {
      const texts = articleIds.map((id) => embeddingText(lib, id));
      const known = articleIds.filter((_, i) => texts[i] !== null);
      if (known.length === 0) return [];
      const [q] = await e.model.embed([query], 'query');
      const docs = await e.model.embed(texts.filter((t): t is string => t !== null), 'document');
      // Vectors are L2-normalised: the dot product is the cosine the index would give.
      return known.map((articleId, i) => ({ articleId, score: dot(q!, docs[i]!) }));
    },
  };
}

/**
 * Those of some articles the index has no vector for. Runs on every hybrid search (for the lexical
 * hits and glossary pins): the statement is prepared once per index table, again only when the
 * index behind the key changes.
 */
function vectorlessReader(lib: Library, key: string): (ids: number[]) => number[] {
  let has: { table: string; stmt: Statement } | null = null;
  return (ids) => {
    const info = ids.length ? getIndex(lib.db, key) : null;
    if (!info) return [];
    if (has?.table !== info.tables.docs) has = { table: info.tables.docs, stmt: lib.db.prepare(`SELECT 1 FROM ${info.tables.docs} WHERE article_id = ?`) };
    const stmt = has.stmt;
    return ids.filter((id) => !stmt.get(id));
  };
}

/** The text the indexer embeds for an article (null: not in the library). */
function embeddingText(lib: Library, id: number): string | null {
  const r = lib.db.prepare(
    `SELECT a.path, a.text, l.title, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE a.id = ?`,
  ).get(id) as { path: string; text: string; title: string; anchor: string } | undefined;
  return r ? articleEmbeddingText({ shortTitle: shortTitle(r.title), path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor }) : null;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
