/**
 * The reader's stage-2 lists (issue 14 experiments), built with the trainer's `trainingList` and
 * cached in .train/dump: the train questions' top 100 from the cross-fitted fold
 * embedders, the 400 vocabulary queries, and the validation questions' top 60, each candidate with
 * its article's prior key (short title + label) so list-level experiments can use them.
 *   import { readerLists } from './reader-lists';
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Library } from '../../electron/backbone/library';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { inSplit } from '../../electron/backbone/eval/split';
import { corpusDocs } from '../../electron/backbone/train/embedder-stages';
import { readStaticModel } from '../../electron/backbone/train/static-model-reader';
import { keysOf, storeDescriber, type FirstStage } from '../../electron/backbone/train/reranker/candidates';
import { buildPriors } from '../../electron/backbone/pipeline/feature-priors';
import { priorKeys } from '../../electron/backbone/pipeline/rerank-features';
import { readerTableFromStatic } from '../../electron/backbone/train/reranker/reading-table';
import { crossFitted, firstStage } from '../../electron/backbone/train/reranker/first-stages';
import { vocabularyPairs } from '../../electron/backbone/train/vocabulary-pairs';
import { rng, sample } from '../../electron/backbone/train/random';
import { trainingList } from '../../electron/backbone/train/reranker-stages';

export interface DumpList { part: 'train' | 'vocabulary' | 'validation'; query: string; ids: number[]; keys: string[]; laws: string[]; features: Float32Array[]; labels: number[]; missingRelevant: number }
export interface Dump { lists: DumpList[]; train: { question: string; articles: string[]; laws: string[] }[] }

const FILE = resolve('.train/dump/reader-stage2.json');

export function readerLists(): Dump {
  if (existsSync(FILE)) {
    const raw = JSON.parse(readFileSync(FILE, 'utf8')) as Dump & { lists: (DumpList & { features: number[][] })[] };
    return { ...raw, lists: raw.lists.map((l) => ({ ...l, features: l.features.map((f) => Float32Array.from(f)) })) };
  }
  const seed = 42;
  const models = resolve('.train/validated');
  const lib = new Library(resolve('.train/library.db'));
  const queries = loadStardQueries(resolve('resources/evaluation/stard/queries.train.json'), lib.searchService);
  const validationQs = queries.filter((q) => inSplit(q.id, 'validation', seed));
  const trainQs = queries.filter((q) => inSplit(q.id, 'train', seed)).filter((q) => q.relevant.size > 0);
  const describe = storeDescriber(lib.db);
  const docs = corpusDocs(lib);
  const embedderDir = join(models, 'builtin-embedder-stage3');
  const ctx = { lib, seed, embedderDir, cacheDir: resolve('.train/folds'), log: (l: string) => console.error(l) };
  const fs = firstStage(ctx, readStaticModel(embedderDir), docs, describe);
  const train = trainQs.map((q) => ({ question: q.text, ...keysOf(describe, q.relevant) }));
  const priors = buildPriors(train);
  const reader = readerTableFromStatic(readStaticModel(join(models, 'builtin-embedder-stage1')), 64).table;
  const folds = crossFitted(ctx, trainQs, docs, describe);
  const vocabulary = vocabularyPairs(lib.db, lib.searchService.glossary.resolvedEntries(), { seed: seed + 200, part: 'reranker' });
  const beside = sample(vocabulary, 400, rng(seed + 201));
  const make = (part: DumpList['part'], st: FirstStage, query: string, relevant: ReadonlySet<number>, k: number): DumpList => {
    const { list, candidates } = trainingList(st, query, relevant, k, priors, reader);
    return {
      part, query, ids: candidates.map((c) => c.articleId), keys: candidates.map((c) => priorKeys(c).article), laws: candidates.map((c) => priorKeys(c).law),
      features: list.features, labels: list.labels, missingRelevant: list.missingRelevant ?? 0,
    };
  };
  const lists: DumpList[] = [];
  trainQs.forEach((q, i) => { if (i % 100 === 0) console.error(`train ${i}`); lists.push(make('train', folds(q), q.text, q.relevant, 100)); });
  for (const p of beside) lists.push(make('vocabulary', fs, p.query, new Set([p.articleId]), 100));
  for (const q of validationQs) lists.push(make('validation', fs, q.text, q.relevant, 60));
  const dump = { lists, train };
  writeFileSync(FILE, JSON.stringify({ ...dump, lists: lists.map((l) => ({ ...l, features: l.features.map((f) => Array.from(f, (x) => Math.round(x * 1e6) / 1e6)) })) }));
  lib.close();
  return dump;
}

if (process.argv[1]?.endsWith('reader-lists.ts')) {
  const t = performance.now();
  const d = readerLists();
  console.log(`${d.lists.length} lists in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
