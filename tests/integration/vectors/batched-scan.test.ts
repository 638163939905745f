import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseSearcher, type DenseJob } from '../../../electron/backbone/inference/dense-batch';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { indexArticles } from '../../../electron/backbone/vectors/indexer';
import { getIndex } from '../../../electron/backbone/vectors/registry';
import { searchVectors, type VectorHit } from '../../../electron/backbone/vectors/search';
import { loadVectorMatrix } from '../../../electron/backbone/vectors/vector-matrix';
import { useTempDirs } from '../../helpers/temp';
import { syntheticLibrary } from './synthetic-corpus';
import { HashEmbedder } from './test-embedder';

/**
 * The inference host's batched dense search (in-memory matrix, one ONNX GEMM + TopK per batch)
 * against sqlite-vec's own KNN on the same real database: the same articles and scores, the same
 * filters, and never an answer from a copy older than the store.
 */
const tempDir = useTempDirs('all');
const dir = tempDir();
const dbPath = join(dir, 'lexbone.db');
// 3000 articles, every 5th law superseded (synthetic-corpus.ts).
const db = syntheticLibrary(dbPath, { laws: 150, articlesPerLaw: 20, supersededEvery: 5 });
loadVectorExtension(db);
const e = new HashEmbedder('hash', 64, 3);
await indexArticles(db, e, { fingerprint: 'f', quantization: 'float', batchSize: 500 });
const texts = (db.prepare('SELECT text FROM articles ORDER BY id').all() as { text: string }[]).map((r) => r.text);
const job = (i: number, k: number, currentOnly: boolean): DenseJob => ({
  search: { dbPath, indexKey: 'hash@64', model: { id: 'hash', fingerprint: 'f' }, query: '', k, currentOnly },
  vector: e.vector(texts[(i * 97) % texts.length]!.slice(i % 7, (i % 7) + 9)),
});
const viaSqlite = (j: DenseJob): VectorHit[] =>
  searchVectors(db, j.search.indexKey, j.vector, j.search.k, { model: j.search.model, currentOnly: j.search.currentOnly });

/** Same scores to float32 rounding; the same article wherever no near-tie could swap places. */
function expectSame(a: VectorHit[], b: VectorHit[]): void {
  expect(a).toHaveLength(b.length);
  a.forEach((h, i) => {
    expect(Math.abs(h.score - b[i]!.score)).toBeLessThan(1e-5);
    const tied = b.some((o, j) => j !== i && Math.abs(o.score - b[i]!.score) < 1e-5);
    if (!tied) expect(h.articleId).toBe(b[i]!.articleId);
  });
}

const searchers: DenseSearcher[] = [];
const searcher = (opts: ConstructorParameters<typeof DenseSearcher>[0] = {}) => {
  const s = new DenseSearcher({ enabled: true, reloadQuietMs: 0, ...opts });
  searchers.push(s);
  return s;
};
afterAll(() => {
  for (const s of searchers) s.close();
  db.close();
});

describe('batched dense search in the host', () => {
  it('answers a batch of mixed searches (k, current-only or all versions) exactly as sqlite-vec does, in one scan per filter', async () => {
    const s = searcher();
    const jobs = Array.from({ length: 24 }, (_, i) => job(i, [10, 60, 300][i % 3]!, i % 2 === 0));
    const out = await s.searchAll(jobs);
    out.forEach((hits, i) => {
      expect(hits).not.toBeInstanceOf(Error);
      expectSame(hits as VectorHit[], viaSqlite(jobs[i]!));
    });
    expect(s.stats).toMatchObject({ matrix: 24, sqlite: 0, reloads: 1, batches: 2, largestBatch: 12 });
  });

  it('current-only leaves superseded versions out even when k exceeds the current articles', async () => {
    const s = searcher();
    const current = (db.prepare("SELECT count(*) AS n FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'current'").get() as { n: number }).n;
    const [hits] = (await s.searchAll([job(3, 4000, true)])) as VectorHit[][];
    expect(hits).toHaveLength(current);
    expectSame(hits!, viaSqlite(job(3, 4000, true)));
  });

  it('never answers from a copy older than the store: after a commit it goes to sqlite-vec, then reloads', async () => {
    const s = searcher({ reloadQuietMs: 0 });
    await s.searchAll([job(1, 60, true)]);
    expect(s.stats.reloads).toBe(1);
    // Another connection deletes the best article of the next query (its vector stays until re-indexing).
    const next = job(2, 60, true);
    const best = viaSqlite(next)[0]!.articleId;
    db.prepare('DELETE FROM articles WHERE id = ?').run(best);
    const [after] = (await s.searchAll([next])) as VectorHit[][];
    expect(after!.some((h) => h.articleId === best)).toBe(false);
    expectSame(after!, viaSqlite(next));
    // Quiet time 0: the changed store was read again at once, and the copy answered.
    expect(s.stats).toMatchObject({ matrix: 2, sqlite: 0, reloads: 2 });

    // A store still changing (quiet time not reached) is searched through sqlite-vec, exactly.
    const patient = searcher({ reloadQuietMs: 60_000 });
    const [first] = (await patient.searchAll([next])) as VectorHit[][];
    expectSame(first!, viaSqlite(next));
    expect(patient.stats).toMatchObject({ matrix: 0, sqlite: 1, reloads: 0 });
  });

  it('reads every vector and current flag exactly as vec0 holds them, also after re-indexing changed some', async () => {
    // Articles whose text changed are re-embedded (DELETE + INSERT in vec0: new slots in its chunks).
    db.prepare("UPDATE articles SET text = text || '补充规定。' WHERE id % 7 = 0").run();
    await indexArticles(db, e, { fingerprint: 'f', quantization: 'float', batchSize: 500 });
    const m = loadVectorMatrix(db, getIndex(db, 'hash@64')!)!;
    // sqlite-vec 0.1.9's storage was read directly (not the slow per-row vec0 scan).
    expect(m.source).toBe('chunks');
    const truth = db.prepare(`SELECT rowid AS id, embedding AS v, current AS c FROM ${getIndex(db, 'hash@64')!.tables.knn}`).all() as { id: number; v: Buffer; c: number }[];
    expect(m.ids.length).toBe(truth.length);
    const row = new Map(Array.from(m.ids, (id, r) => [id, r]));
    for (const t of truth) {
      const r = row.get(t.id)!;
      expect(Buffer.from(m.matrix.buffer, r * 64 * 4, 64 * 4).equals(t.v)).toBe(true);
      expect(m.currentBias[r]).toBe(t.c === 1 ? 0 : -1e4);
    }
  });

  it('answers each job of a batch on its own: a wrong model fails that job only', async () => {
    const s = searcher();
    const bad = { ...job(5, 10, true), search: { ...job(5, 10, true).search, model: { id: 'hash', fingerprint: 'other' } } };
    const out = await s.searchAll([job(4, 10, true), bad]);
    expect(out[0]).not.toBeInstanceOf(Error);
    expect((out[1] as Error & { code?: string }).code).toBe('VECTOR_INDEX_STALE');
  });
});
