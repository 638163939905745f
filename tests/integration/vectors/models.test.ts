import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLexboneError } from '../../../electron/contract/errors';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { readArticles } from '../../../electron/backbone/vectors/index-plan';
import { indexArticles } from '../../../electron/backbone/vectors/indexer';
import { activateIndex, activeIndex, dropIndex, getIndex, listIndexes } from '../../../electron/backbone/vectors/registry';
import { searchVectors } from '../../../electron/backbone/vectors/search';
import { useTempDirs } from '../../helpers/temp';
import { syntheticLibrary } from './synthetic-corpus';
import { bruteForce, HashEmbedder } from './test-embedder';

const tempDir = useTempDirs();

function library(): Database {
  const db = syntheticLibrary(join(tempDir(), 'lexbone.db'), { laws: 20, articlesPerLaw: 20 });
  loadVectorExtension(db);
  return db;
}

/** The typed error code thrown by fn. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isLexboneError(e)) return e.code;
    throw e;
  }
  throw new Error('did not throw');
}

/** Every article's vector from the test embedder, for brute-force comparison. */
function allVectors(db: Database, e: HashEmbedder): Map<number, Float32Array> {
  const ids = (db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  return new Map(readArticles(db, ids).map((a) => [a.id, e.vector(a.text)]));
}

describe('indexes of several models', () => {
  it('keeps two models apart: each index answers with its own model’s neighbours', async () => {
    const db = library();
    const a = new HashEmbedder('model-a', 16, 1);
    const b = new HashEmbedder('model-b', 16, 2);
    await indexArticles(db, a, { fingerprint: 'fa' });
    await indexArticles(db, b, { fingerprint: 'fb' });
    expect(listIndexes(db).map((i) => [i.key, i.state])).toEqual([['model-a@16', 'ready'], ['model-b@16', 'ready']]);
    const [docsA, docsB] = [allVectors(db, a), allVectors(db, b)];
    const question = '合同违约赔偿损失';
    const qb = b.vector(question);
    const hits = searchVectors(db, 'model-b@16', qb, 10, { model: { id: 'model-b', fingerprint: 'fb' } });
    expect(hits.map((h) => h.articleId)).toEqual(bruteForce(qb, docsB, 10).map((h) => h.articleId));
    // The same query through model A's index ranks by A's vectors, which differ.
    const qa = a.vector(question);
    const hitsA = searchVectors(db, 'model-a@16', qa, 10, { model: { id: 'model-a', fingerprint: 'fa' } });
    expect(hitsA.map((h) => h.articleId)).toEqual(bruteForce(qa, docsA, 10).map((h) => h.articleId));
    expect(hitsA.map((h) => h.articleId)).not.toEqual(hits.map((h) => h.articleId));
    // A query of model A against model B's index is refused, whatever its dimension.
    expect(codeOf(() => searchVectors(db, 'model-b@16', qa, 10, { model: { id: 'model-a', fingerprint: 'fa' } }))).toBe('VECTOR_MODEL_MISMATCH');
    expect(codeOf(() => searchVectors(db, 'model-b@16', new Float32Array(32).fill(0.1), 10, { model: { id: 'model-b', fingerprint: 'fb' } }))).toBe(
      'VECTOR_MODEL_MISMATCH',
    );
    expect(codeOf(() => searchVectors(db, 'model-c@16', qa, 10, { model: { id: 'model-c', fingerprint: 'fc' } }))).toBe('VECTOR_INDEX_NOT_FOUND');
    db.close();
  });

  it('treats a retrained model (same id, new fingerprint) as stale: refused, then rebuilt from scratch', async () => {
    const db = library();
    const old = new HashEmbedder('model-a', 16, 1);
    await indexArticles(db, old, { fingerprint: 'v1', activate: true });
    const q = old.vector('劳动合同');
    expect(codeOf(() => searchVectors(db, 'model-a@16', q, 5, { model: { id: 'model-a', fingerprint: 'v2' } }))).toBe('VECTOR_INDEX_STALE');

    const retrained = new HashEmbedder('model-a', 16, 7);
    const ctl = new AbortController();
    await indexArticles(db, retrained, {
      fingerprint: 'v2', batchSize: 100, signal: ctl.signal, onProgress: (p) => p.phase === 'embed' && ctl.abort(),
    });
    // Half-built under the new fingerprint: the old vectors are gone and nothing is served.
    expect(getIndex(db, 'model-a@16')).toMatchObject({ fingerprint: 'v2', state: 'building' });
    expect(codeOf(() => searchVectors(db, 'model-a@16', q, 5, { model: { id: 'model-a', fingerprint: 'v2' } }))).toBe('VECTOR_INDEX_NOT_READY');
    expect(codeOf(() => searchVectors(db, 'model-a@16', q, 5, { model: { id: 'model-a', fingerprint: 'v1' } }))).toBe('VECTOR_INDEX_STALE');

    const r = await indexArticles(db, retrained, { fingerprint: 'v2' });
    expect(r).toMatchObject({ complete: true, embedded: 300, unchanged: 100 });
    const q2 = retrained.vector('劳动合同');
    const hits = searchVectors(db, 'model-a@16', q2, 5, { model: { id: 'model-a', fingerprint: 'v2' } });
    expect(hits.map((h) => h.articleId)).toEqual(bruteForce(q2, allVectors(db, retrained), 5).map((h) => h.articleId));
    // Only the new tables remain.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'vec\\_%' ESCAPE '\\' AND name NOT LIKE '%\\_knn\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
    expect(tables.sort()).toEqual([r.index.tables.docs, r.index.tables.knn].sort());
    db.close();
  });

  it('moves the active pointer only to a complete index; the old one serves while the new one builds', async () => {
    const db = library();
    const a = new HashEmbedder('model-a', 16, 1);
    const b = new HashEmbedder('model-b', 16, 2);
    expect(activeIndex(db)).toBeNull();
    await indexArticles(db, a, { fingerprint: 'fa', activate: true });
    expect(activeIndex(db)?.key).toBe('model-a@16');

    const ctl = new AbortController();
    const partial = await indexArticles(db, b, {
      fingerprint: 'fb', activate: true, batchSize: 50, signal: ctl.signal, onProgress: (p) => p.phase === 'embed' && p.done >= 200 && ctl.abort(),
    });
    expect(partial.complete).toBe(false);
    expect(activeIndex(db)?.key).toBe('model-a@16');
    expect(codeOf(() => activateIndex(db, 'model-b@16'))).toBe('VECTOR_INDEX_NOT_READY');
    expect(codeOf(() => searchVectors(db, 'model-b@16', b.vector('合同'), 5, { model: { id: 'model-b', fingerprint: 'fb' } }))).toBe(
      'VECTOR_INDEX_NOT_READY',
    );
    // Meanwhile model A's index keeps answering.
    expect(searchVectors(db, 'model-a@16', a.vector('合同'), 5, { model: { id: 'model-a', fingerprint: 'fa' } })).toHaveLength(5);

    await indexArticles(db, b, { fingerprint: 'fb', activate: true });
    expect(activeIndex(db)?.key).toBe('model-b@16');
    activateIndex(db, 'model-a@16');
    expect(activeIndex(db)?.key).toBe('model-a@16');
    dropIndex(db, 'model-a@16');
    expect(activeIndex(db)).toBeNull();
    expect(codeOf(() => activateIndex(db, 'model-a@16'))).toBe('VECTOR_INDEX_NOT_FOUND');
    db.close();
  });
});
