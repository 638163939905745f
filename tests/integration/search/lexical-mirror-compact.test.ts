import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { BM25_WEIGHTS, LexicalSearch, type LexicalHit } from '../../../electron/backbone/search/lexical-search';
import { mirrorDf, searchMemoryBm25, type MemoryBm25Data } from '../../../electron/backbone/search/memory-bm25';
import { buildMemoryBm25 } from '../../../electron/backbone/search/memory-bm25-build';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * The lexical mirror's compact layout (memory-bm25.ts): document numbers in 2 bytes (4 past 65,536
 * documents) and one class number per posting for its (body, head, anchor) counts, 1 byte while
 * there are at most 256 classes and 2 beyond. A law whose articles repeat words 1 to 320 times
 * makes more than 256 classes; the mirror must still score exactly as FTS5, and the wide layout
 * exactly as the compact one.
 */
const tempDir = useTempDirs('all');
let lib: Library;
let compact: MemoryBm25Data;
let wide: MemoryBm25Data;
const dfLimit = 1e9;

beforeAll(async () => {
  const dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  const lines = Array.from({ length: 320 }, (_, i) =>
    JSON.stringify({ id: i + 1, name: `某县重复条例第${i + 1}条`, content: `${'违约金'.repeat(i + 1)}，${'解除合同'.repeat(i % 7)}。编号${i}` }),
  );
  const file = join(dir, '某县重复条例.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  lib.import(file);
  compact = (await buildMemoryBm25(lib.db, { dfLimit, weights: BM25_WEIGHTS }))!;
  wide = (await buildMemoryBm25(lib.db, { dfLimit, weights: BM25_WEIGHTS, maxCompactDocs: 0 }))!;
});
afterAll(() => lib.close());

function expectSame(a: LexicalHit[], b: LexicalHit[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((h, i) => expect(Math.abs(h.score - b[i]!.score)).toBeLessThan(1e-9));
  const count = new Map<number, number>();
  for (const h of b) count.set(h.score, (count.get(h.score) ?? 0) + 1);
  a.forEach((h, i) => {
    if (count.get(b[i]!.score) === 1) expect(h.articleId).toBe(b[i]!.articleId);
  });
}

describe('compact lexical mirror', () => {
  it('uses 2-byte documents, and 2-byte classes once there are more than 256', () => {
    expect(compact.postDoc).toBeInstanceOf(Uint16Array);
    expect(wide.postDoc).toBeInstanceOf(Int32Array);
    expect(compact.tfWeight.length).toBeGreaterThan(256);
    expect(compact.postTf).toBeInstanceOf(Uint16Array);
    // Every posting is held once, documents ascending within a token.
    expect(compact.postDoc.length).toBe(wide.postDoc.length);
    const t = compact.tokens.get('违约')!;
    const start = compact.tokenStart[t]!;
    const docs = Array.from(compact.postDoc.subarray(start, start + compact.tokenDf[t]!));
    expect(docs).toEqual([...docs].sort((a, b) => a - b));
    expect(compact.tokenDf[t]).toBeGreaterThanOrEqual(320);
  });

  it('scores with the wide layout exactly as with the compact one', () => {
    for (const q of [['违约', '约金'], ['解除', '合同', '违约'], ['编号'], ['重复', '条例', '金违']]) {
      const tokens = q.map((t) => ({ t, df: mirrorDf(compact, t) }));
      expect(tokens.every((x) => x.df > 0)).toBe(true);
      for (const k of [10, 60, 300]) expect(searchMemoryBm25(wide, tokens, k, 0)).toEqual(searchMemoryBm25(compact, tokens, k, 0));
    }
  });

  it('gives FTS5’s articles and scores for words repeated up to 320 times', async () => {
    const warm = new LexicalSearch(lib.db);
    const cold = new LexicalSearch(lib.db);
    await warm.warm();
    expect(warm.mirrorSize()).toMatchObject({ postings: compact.postDoc.length, docs: compact.docs });
    for (const q of ['违约金', '解除合同的违约金', '某县重复条例', '违约金 编号12']) {
      for (const k of [10, 60, 300]) {
        const before = warm.stats.memory;
        expectSame(warm.search(q, {}, k).hits, cold.search(q, {}, k).hits);
        expect(warm.stats.memory).toBe(before + 1);
      }
    }
  });
});
