import { join } from 'node:path';
import { Library } from '../../electron/backbone/library';
import { firstStageFeatureWeights, writeFeatureModel } from '../../electron/backbone/train/feature-model-writer';
import { randomStaticWeights, writeStaticModel } from '../../electron/backbone/train/static-model-writer';
import { buildVocab } from '../../electron/backbone/train/vocab';
import { articleEmbeddingText } from '../../electron/backbone/vectors/article-text';
import { FIXTURE_CORPUS } from './temp';

export const TEST_FEATURES = ['lexical_rr', 'dense_rr', 'title_in_query', 'bigram_overlap'];

/**
 * Writes a small untrained lexbone-static embedder (vocabulary from the library's articles, random
 * directions, idf weights) and a hand-set lexbone-features reranker into `modelsDir`.
 */
export function writeTestModels(lib: Library, modelsDir: string, opts: { dimension?: number; embedderId?: string; seed?: number } = {}): void {
  const rows = lib.db
    .prepare('SELECT a.text, a.path, l.short_title AS shortTitle FROM articles a JOIN laws l ON l.id = a.law_id')
    .all() as { text: string; path: string; shortTitle: string }[];
  const texts = rows.map((r) => articleEmbeddingText({ shortTitle: r.shortTitle, path: JSON.parse(r.path) as string[], text: r.text }));
  const vocab = buildVocab(texts, { maxBigrams: 50_000, minDocFreq: 1 });
  writeStaticModel(join(modelsDir, opts.embedderId ?? 'test-static'), {
    id: opts.embedderId ?? 'test-static',
    stage: 'base',
    tokens: vocab.tokens,
    weights: randomStaticWeights(vocab.docFreq, vocab.docs, opts.dimension ?? 32, opts.seed ?? 7),
    maxLength: 512,
  });
  writeFeatureModel(join(modelsDir, 'test-features'), {
    id: 'test-features',
    stage: 'stage2',
    featureNames: TEST_FEATURES,
    weights: firstStageFeatureWeights(TEST_FEATURES, { lexical_rr: 1, dense_rr: 1, title_in_query: 0.5, bigram_overlap: 2 }),
  });
}

/** A library database in `dir` with the fixture corpus imported and test models written beside it (closed again). */
export function fixtureLibraryWithTestModels(dir: string): { dbPath: string; modelsDir: string } {
  const dbPath = join(dir, 'lexbone.db');
  const modelsDir = join(dir, 'models');
  const lib = new Library(dbPath);
  lib.import(FIXTURE_CORPUS);
  writeTestModels(lib, modelsDir);
  lib.close();
  return { dbPath, modelsDir };
}
