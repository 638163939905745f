import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READING_FEATURE_NAMES, readingFeatures, readingText } from '../../../electron/backbone/inference/reading';
import type { Library } from '../../../electron/backbone/library';
import type { ModelRuntime } from '../../../electron/backbone/runtime/model-runtime';
import { firstStageFeatureWeights, writeReaderModel } from '../../../electron/backbone/train/feature-model-writer';
import { readerTableFromStatic } from '../../../electron/backbone/train/reranker/reading-table';
import { readStaticModel } from '../../../electron/backbone/train/static-model-reader';
import { SearchRequest } from '../../../electron/contract/schemas';
import { TEST_FEATURES, writeTestModels } from '../../helpers/builtin-models';
import { useFixtureRuntime } from '../../helpers/fixture-runtime';

/**
 * A lexbone-reader served like any reranker: the pipeline hands it the question and each
 * candidate's headings and text, in candidate order, through the real inference host. The reader
 * here scores by one reading feature only (the share of the question found word for word in the
 * article), so every reranked hit's score can be recomputed from the article in the database.
 */
let lib: Library;
let runtime: ModelRuntime;
let table: ReturnType<typeof readerTableFromStatic>['table'];
useFixtureRuntime((l, dir) => {
  const modelsDir = join(dir, 'models');
  writeTestModels(l, modelsDir);
  const reader = readerTableFromStatic(readStaticModel(join(modelsDir, 'test-static')), 16);
  table = reader.table;
  const names = [...TEST_FEATURES, ...READING_FEATURE_NAMES];
  writeReaderModel(join(modelsDir, 'test-reader'), {
    id: 'test-reader', stage: 'stage2', featureNames: TEST_FEATURES,
    weights: firstStageFeatureWeights(names, { reading_question_k0: 1 }),
    reader: reader.stored, tokens: readStaticModel(join(modelsDir, 'test-static')).tokens,
  });
  return [modelsDir];
}, (fx) => ({ lib, runtime } = fx));

describe('a reader reranks searches', () => {
  it('scores each candidate from its own headings and text, in the order the pipeline sent them', async () => {
    await runtime.apply({ embedder: 'test-static', reranker: 'test-reader' });
    await runtime.idle();
    const query = '用人单位解除劳动合同的情形';
    const res = await lib.search(SearchRequest.parse({ query, preset: 'standard' }));
    expect(res.models.reranker).toBe('test-reader');
    const reranked = res.hits.filter((h) => h.reranked);
    expect(reranked.length).toBeGreaterThan(2);
    const row = lib.db.prepare('SELECT path, text FROM articles WHERE id = ?');
    const expected = reranked.map((h) => {
      const a = row.get(h.articleId) as { path: string; text: string };
      return readingFeatures(table, query, [readingText({ path: JSON.parse(a.path) as string[], text: a.text })])[0]![0]!;
    });
    reranked.forEach((h, i) => expect(h.scores.rerank).toBeCloseTo(expected[i]!, 4));
    // Best first by that share, and not all alike (the reader tells the articles apart).
    expect(expected).toEqual([...expected].sort((a, b) => b - a));
    expect(new Set(expected.map((x) => x.toFixed(4))).size).toBeGreaterThan(1);
  });
});
