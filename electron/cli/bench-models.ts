import { join } from 'node:path';
import type { Library } from '../backbone/library';
import { FEATURES } from '../backbone/pipeline/rerank-features';
import { firstStageFeatureWeights, writeFeatureModel } from '../backbone/train/feature-model-writer';
import { randomStaticWeights, writeStaticModel } from '../backbone/train/static-model-writer';
import { buildVocab } from '../backbone/train/vocab';
import { articleEmbeddingText } from '../backbone/vectors/article-text';

/**
 * Models for timing runs when no trained models are installed: an untrained lexbone-static
 * embedder of the built-in size (vocabulary from the corpus, random directions, idf weights) and a
 * hand-set linear reranker over every first-stage feature. Same graphs and code paths as the
 * trained ones, so the timings hold; the quality does not.
 */
function writeBenchModels(lib: Library, dir: string, dimension: number): void {
  const rows = lib.db
    .prepare("SELECT a.text, a.path, l.short_title AS t FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'current'")
    .iterate() as Iterable<{ text: string; path: string; t: string }>;
  const texts = (function* () {
    for (const r of rows) yield articleEmbeddingText({ shortTitle: r.t, path: JSON.parse(r.path) as string[], text: r.text });
  })();
  const vocab = buildVocab(texts, { maxBigrams: 100_000, minDocFreq: 2 });
  writeStaticModel(join(dir, 'bench-static'), {
    id: 'bench-static', stage: 'base', tokens: vocab.tokens,
    weights: randomStaticWeights(vocab.docFreq, vocab.docs, dimension), maxLength: 1024,
  });
  const names = Object.keys(FEATURES);
  writeFeatureModel(join(dir, 'bench-features'), {
    id: 'bench-features', stage: 'base', featureNames: names,
    weights: firstStageFeatureWeights(names, { lexical_rr: 1, dense_rr: 1, bigram_overlap: 1 }),
  });
}

// As a script: tsx bench-models.ts <db> <models dir> <dimension>
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { Library: Lib } = await import('../backbone/library');
  const [db, out, dim] = process.argv.slice(2);
  const lib = new Lib(db!);
  writeBenchModels(lib, out!, Number(dim));
  lib.close();
}
