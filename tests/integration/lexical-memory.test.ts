import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { LexicalSearch, type LexicalHit } from '../../electron/backbone/search/lexical-search';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * The in-memory mirror of the current-law FTS5 index (search/memory-bm25.ts) against FTS5 itself,
 * on the same real database: a warmed LexicalSearch and a cold one (FTS5 only) must give the same
 * articles with the same BM25 scores for every query, and the mirror must step aside whenever the
 * index changed under it.
 */
const tempDir = useTempDirs('all');
const USER_STATUTES = join(import.meta.dirname, '..', 'fixtures', 'user-statutes', '某市物业管理条例.jsonl');
let lib: Library;
let warm: LexicalSearch;
let cold: LexicalSearch;
let texts: string[];

beforeAll(async () => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  warm = new LexicalSearch(lib.db);
  cold = new LexicalSearch(lib.db);
  await warm.warm();
  texts = (lib.db.prepare('SELECT text FROM articles ORDER BY id').all() as { text: string }[]).map((r) => r.text);
});
afterAll(() => lib.close());

/**
 * Same scores in the same order (to 1e-9), and the same article wherever its score is unique
 * (articles with equal scores, e.g. identical texts in two laws, may come in either order).
 */
function expectSame(a: LexicalHit[], b: LexicalHit[]): void {
  expect(a.map((h) => h.score).length).toBe(b.length);
  a.forEach((h, i) => expect(Math.abs(h.score - b[i]!.score)).toBeLessThan(1e-9));
  const count = new Map<number, number>();
  for (const h of b) count.set(h.score, (count.get(h.score) ?? 0) + 1);
  a.forEach((h, i) => {
    if (count.get(b[i]!.score) === 1) expect(h.articleId).toBe(b[i]!.articleId);
  });
}

/** A query as a layperson would type one: pieces of real articles, with noise around them. */
const query = fc.tuple(fc.nat(), fc.integer({ min: 2, max: 30 }), fc.nat(), fc.constantFrom('', '怎么办', '？', ' abc 12', '的规定是什么', '“合同”')).map(([at, len, from, tail]) => {
  const t = texts[at % texts.length]!;
  const start = from % Math.max(1, t.length - 1);
  return t.slice(start, start + len) + tail;
});

describe('lexical search from memory', () => {
  it('gives FTS5’s articles and BM25 scores for any query made of article text', () => {
    const before = warm.stats.memory;
    fc.assert(
      fc.property(query, fc.constantFrom(10, 60, 300), (q, k) => {
        const m = warm.search(q, {}, k);
        const f = cold.search(q, {}, k);
        expectSame(m.hits, f.hits);
        expect(m.terms).toEqual(f.terms);
      }),
      { numRuns: 300, seed: 42 },
    );
    // The mirror answered (not FTS5 behind it): queries with no token at all give nothing either way.
    expect(warm.stats.memory - before).toBeGreaterThan(250);
  });

  it('pages like FTS5 (offset past the first page)', () => {
    const before = warm.stats.memory;
    for (const q of ['合同的解除', '劳动者解除劳动合同', '犯罪的刑事责任']) {
      const page = warm.search(q, {}, 5, 5).hits;
      expect(page.length).toBeGreaterThan(0);
      expectSame(page, cold.search(q, {}, 5, 5).hits);
    }
    expect(warm.stats.memory).toBe(before + 3);
  });

  it('leaves phrases, superseded versions and law filters to FTS5', () => {
    const before = { ...warm.stats };
    warm.search('"违约金"', {}, 10);
    warm.search('合同', { includeSuperseded: true }, 10);
    warm.search('合同', { category: '民法典' }, 10);
    expect(warm.stats.memory).toBe(before.memory);
    expect(warm.stats.fts).toBe(before.fts + 3);
  });

  it('treats FTS5 syntax in a query as text, like FTS5 through the quoting', () => {
    for (const q of ['合同 OR 违约', '违约* NEAR(合同)', 'AND - 合同', '"未闭合的引号 合同']) {
      expectSame(warm.search(q, {}, 60).hits, cold.search(q, {}, 60).hits);
    }
  });

  it('steps aside once the index changes, and is rebuilt for the new state', async () => {
    const q = '物业服务企业应当履行物业服务合同';
    const builds = warm.stats.builds;
    lib.import(USER_STATUTES);
    // Changed under it: this search is FTS5's (the mirror is stale), and it already has the new articles.
    const fts = warm.stats.fts;
    const after = warm.search(q, {}, 60);
    expect(warm.stats.fts).toBe(fts + 1);
    expectSame(after.hits, cold.search(q, {}, 60).hits);
    // The stale mirror started its own rebuild; once done, the mirror answers again, with the new articles.
    await warm.warm();
    expect(warm.stats.builds).toBe(builds + 1);
    const memory = warm.stats.memory;
    expectSame(warm.search(q, {}, 60).hits, cold.search(q, {}, 60).hits);
    expect(warm.stats.memory).toBe(memory + 1);
  });
});
