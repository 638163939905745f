import type { Database } from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { readArticles } from '../../../electron/backbone/vectors/index-plan';
import { indexArticles } from '../../../electron/backbone/vectors/indexer';
import type { Quantization } from '../../../electron/backbone/vectors/quantization';
import { searchVectors } from '../../../electron/backbone/vectors/search';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { syntheticLibrary } from './synthetic-corpus';
import { bruteForce, HashEmbedder } from './test-embedder';

const tempDir = useTempDirs('all');

/** Every article's vector from the test embedder, for brute-force comparison. */
function docVectors(db: Database, e: HashEmbedder, where = '1'): Map<number, Float32Array> {
  const ids = (db.prepare(`SELECT a.id FROM articles a JOIN laws l ON l.id = a.law_id WHERE ${where}`).all() as { id: number }[]).map((r) => r.id);
  return new Map(readArticles(db, ids).map((a) => [a.id, e.vector(a.text)]));
}

/** Queries: a few words cut from articles (so each has real neighbours) plus free phrases. */
function queries(db: Database, count: number): string[] {
  const texts = (db.prepare('SELECT text FROM articles ORDER BY id').all() as { text: string }[]).map((r) => r.text);
  return Array.from({ length: count }, (_, i) => {
    const t = texts[(i * 97) % texts.length]!;
    return t.slice(i % 5, (i % 5) + 8);
  });
}

const model = (e: HashEmbedder, fingerprint: string) => ({ model: { id: e.info.id, fingerprint } });

/**
 * Exact search up to float32 rounding: the i-th score equals brute force's i-th score, and each
 * hit's score is its true cosine (so only near-ties, |Δ| < 1e-5, may swap places).
 */
function expectExact(hits: { articleId: number; score: number }[], q: Float32Array, docs: Map<number, Float32Array>, k: number): void {
  const exact = bruteForce(q, docs, k);
  const truth = new Map(bruteForce(q, docs, docs.size).map((h) => [h.articleId, h.score]));
  expect(hits).toHaveLength(exact.length);
  hits.forEach((h, i) => {
    expect(Math.abs(h.score - exact[i]!.score)).toBeLessThan(1e-5);
    expect(Math.abs(h.score - truth.get(h.articleId)!)).toBeLessThan(1e-5);
  });
}

describe('dense search', async () => {
  // 3000 articles, every 5th law superseded; one index per quantization, each under its own model
  // id. Bit gets 256 dimensions: sign bits of 64 are too coarse a first cut (recall@60 ≈ 0.91 here).
  const db = syntheticLibrary(join(tempDir(), 'lexbone.db'), { laws: 150, articlesPerLaw: 20, supersededEvery: 5 });
  loadVectorExtension(db);
  const dims: Record<Quantization, number> = { float: 64, int8: 64, bit: 256 };
  const embedders = {} as Record<Quantization, HashEmbedder>;
  for (const q of ['float', 'int8', 'bit'] as const) {
    embedders[q] = new HashEmbedder(`hash-${q}`, dims[q], 3);
    await indexArticles(db, embedders[q], { fingerprint: 'f', quantization: q, batchSize: 500 });
  }
  const key = (q: Quantization): string => `hash-${q}@${dims[q]}`;
  const all = docVectors(db, embedders.float);
  const allBit = docVectors(db, embedders.bit);
  const current = docVectors(db, embedders.float, "l.status = 'current'");
  const queryTexts = queries(db, 30);
  const qs = queryTexts.map((t) => embedders.float.vector(t));
  const qsBit = queryTexts.map((t) => embedders.bit.vector(t));

  it('float: the same neighbours and cosine scores as brute force', () => {
    for (const q of qs) {
      const hits = searchVectors(db, 'hash-float@64', q, 60, model(embedders.float, 'f'));
      expectExact(hits, q, all, 60);
    }
  });

  it('bit + rescoring: recall@60 ≥ 0.95 against brute force, with exact scores', () => {
    let recall = 0;
    for (const q of qsBit) {
      const hits = searchVectors(db, key('bit'), q, 60, model(embedders.bit, 'f'));
      const exact = bruteForce(q, allBit, 60);
      const truth = new Map(exact.map((h) => [h.articleId, h.score]));
      recall += hits.filter((h) => truth.has(h.articleId)).length / 60 / qs.length;
      for (const h of hits) if (truth.has(h.articleId)) expect(h.score).toBeCloseTo(truth.get(h.articleId)!, 5);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    }
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('int8: recall@60 ≥ 0.9 with approximate cosine scores', () => {
    let recall = 0;
    for (const q of qs) {
      const hits = searchVectors(db, 'hash-int8@64', q, 60, model(embedders.int8, 'f'));
      const exact = bruteForce(q, all, 60);
      const truth = new Set(exact.map((h) => h.articleId));
      recall += hits.filter((h) => truth.has(h.articleId)).length / 60 / qs.length;
      expect(hits[0]!.score).toBeCloseTo(exact[0]!.score, 1);
    }
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['float', 'int8', 'bit'] as const)('%s: currentOnly returns only articles of current law, k of them', (q) => {
    for (const v of (q === 'bit' ? qsBit : qs).slice(0, 10)) {
      const hits = searchVectors(db, key(q), v, 100, { ...model(embedders[q], 'f'), currentOnly: true });
      expect(hits).toHaveLength(100);
      expect(hits.every((h) => current.has(h.articleId))).toBe(true);
      if (q === 'float') expectExact(hits, v, current, 100);
    }
  });

  it('accepts k up to 4096 and refuses more', () => {
    expect(searchVectors(db, 'hash-float@64', qs[0]!, 4096, model(embedders.float, 'f'))).toHaveLength(3000);
    expect(() => searchVectors(db, 'hash-float@64', qs[0]!, 4097, model(embedders.float, 'f'))).toThrow(/4096/);
  });
});

describe('dense search over an imported library', () => {
  it('excludes superseded versions with currentOnly, also right after an import superseded a law', async () => {
    const dir = tempDir();
    const lib = new Library(join(dir, 'lexbone.db'));
    lib.import(FIXTURE_CORPUS);
    loadVectorExtension(lib.db);
    const e = new HashEmbedder('hash', 16, 5);
    await indexArticles(lib.db, e, { fingerprint: 'f', activate: true });
    const q = e.vector('用人单位解除劳动合同');
    const superseded = (ids: number[]) =>
      (lib.db.prepare(`SELECT count(*) AS n FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'superseded' AND a.id IN (${ids.join(',')})`).get() as { n: number }).n;
    const everything = searchVectors(lib.db, 'hash@16', q, 18, model(e, 'f'));
    expect(everything).toHaveLength(18);
    expect(superseded(everything.map((h) => h.articleId))).toBe(1); // 劳动合同法 (2007)
    const current = searchVectors(lib.db, 'hash@16', q, 18, { ...model(e, 'f'), currentOnly: true });
    expect(current).toHaveLength(17);
    expect(superseded(current.map((h) => h.articleId))).toBe(0);

    // A newer 刑法 supersedes the old one; before re-indexing, search already leaves its articles out.
    const newer = join(dir, '刑法(2030-01-01).md');
    writeFileSync(newer, '# 中华人民共和国刑法\n\n<!-- INFO END -->\n\n## 第一编 总则\n\n第一条 为了惩罚犯罪，保护人民，制定本法。\n');
    lib.import(newer);
    const oldCriminal = (lib.db.prepare("SELECT a.id FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.short_title = '刑法' AND l.status = 'superseded'").all() as { id: number }[]).map((r) => r.id);
    expect(oldCriminal).toHaveLength(2);
    const stale = searchVectors(lib.db, 'hash@16', q, 18, { ...model(e, 'f'), currentOnly: true });
    expect(stale).toHaveLength(15);
    expect(stale.some((h) => oldCriminal.includes(h.articleId))).toBe(false);

    const r = await indexArticles(lib.db, e, { fingerprint: 'f' });
    expect(r).toMatchObject({ embedded: 1, reflagged: 2, complete: true });
    expect(searchVectors(lib.db, 'hash@16', q, 19, { ...model(e, 'f'), currentOnly: true })).toHaveLength(16);
    lib.close();
  });
});
