import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvalQuery } from '../eval/stard-queries';
import type { FeatureRerankerWeights } from '../onnx/feature-reranker-graph';
import { FEATURES, type PriorFeatureProvider } from '../pipeline/rerank-features';
import type { RerankCandidate } from '../pipeline/stages';
import { corpusDocs, type Stage } from './embedder-stages';
import { firstStageFeatureWeights, readFeatureModel, writeFeatureModel, writeReaderModel } from './feature-model-writer';
import { rng, sample } from './random';
import { firstStageCandidates, keysOf, storeDescriber, toEvalList, type FirstStage } from './reranker/candidates';
import { buildPriors, PRIOR_FEATURE_NAMES, PRIORS_FILE } from '../pipeline/feature-priors';
import { listMeasures, type EvalList } from './reranker/list-metrics';
import { trainListwise } from './reranker/listwise';
import { readStaticModel } from './static-model-reader';
import { vocabularyPairs } from './vocabulary-pairs';
import { weakPairs } from './weak-pairs';
import { refitMetrics, validatedStage } from './refit';
import { READING_FEATURE_NAMES, readingFeatures, readingText, type ReadingTable } from '../inference/reading';
import { readerTableFromStatic } from './reranker/reading-table';
import { DYNAMIC_NEGATIVES, dynamicNegatives } from './reranker/dynamic-negatives';
import { crossFitted, firstStage, FOLDS, type FirstStageContext } from './reranker/first-stages';

/**
 * The built-in feature reranker's three stages (the paper's method), over the candidates of a
 * trained embedder's hybrid first stage:
 *  1. weak supervision: queries made from the corpus (hidden sentences, definitions, headings) and
 *     in the law's vocabulary (glossary names, section titles, citing clauses: train/vocabulary-pairs.ts),
 *     each labelled with its source article, trained from scratch;
 *  2. hard negatives: the train queries, whose lists are the first stage's top 60 (its
 *     highest-ranked wrong articles are the negatives), continuing from stage 1;
 *  3. dynamic negatives: the train queries whose answer the first stage finds in its top 300; at
 *     every epoch each list is re-mined as the relevant articles plus the 40 wrong ones the current
 *     model scores highest, continuing from stage 2.
 * Every stage is validated like the standard budget (60 candidates → top 10) on the validation
 * split, keeps its best epoch, and writes its own model folder with priors.json.
 */
export interface RerankerStageContext extends FirstStageContext {
  train: EvalQuery[];
  validation: EvalQuery[];
  modelsDir: string;
  /** Which family to train: the feature reranker (default) or the reader, which also compares the question and the article token by token. */
  family?: RerankerFamily;
  /**
   * Refit: a models folder whose same stage was trained and validated with a held-out split. The
   * stage then trains for that stage's best epoch count, with no early stopping (`train` may then
   * hold every labelled question), and its manifest keeps the validated run's metrics.
   */
  refitFrom?: string;
}

export type RerankerFamily = 'features' | 'reader';

export const RERANKER_FEATURES = [...Object.keys(FEATURES), ...PRIOR_FEATURE_NAMES];
const rerankerStageDir = (modelsDir: string, stage: Stage, family: RerankerFamily = 'features') =>
  join(modelsDir, `builtin-${family === 'reader' ? 'reader' : 'reranker'}-stage${stage}`);
const VALIDATION_K = 60;
/**
 * Stage 2's lists: the train questions' top 60, the candidates a standard search reranks (top 100
 * before: +0.010 nDCG@10 and +0.012 R@10 by cross-validation over 1,235 questions with the reader,
 * `scripts/experiments/reader-cv.ts`).
 */
const STAGE2_K = VALIDATION_K;
/** Dimension of the reader's token vectors (the embedder's, projected). */
const READER_DIM = 64;
const TRAIN_K = 100;
const POOL_K = 300;
const WEAK_QUERIES = 3000;
/** Of the weak queries (stage 1), and beside the train questions (stages 2 and 3): names in the law's vocabulary. */
const VOCABULARY_QUERIES = 1000;
const VOCABULARY_BESIDE_QUESTIONS = 400;
const MEASURES = ['RR@10', 'nDCG@10', 'R@10'];

/**
 * Where the reader's token vectors come from: an embedder stage that never trained on the train
 * questions (stage 1: the corpus and the law's vocabulary). The later stages learnt those questions'
 * words, so their token similarities would be better on the train lists than on any new question,
 * and the reader would learn to trust them (as the dense score did before cross-fitting).
 */
function readerTableDir(embedderDir: string): string {
  return join(dirname(embedderDir), 'builtin-embedder-stage1');
}

/** The embedder stage with the best validation R@60 (recall at the standard budget) among those trained. */
export function bestEmbedderDir(modelsDir: string): string | null {
  let best: { dir: string; r: number } | null = null;
  for (const s of [1, 2, 3] as const) {
    const dir = join(modelsDir, `builtin-embedder-stage${s}`);
    if (!existsSync(join(dir, 'manifest.json'))) continue;
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { metrics?: Record<string, number> };
    const r = m.metrics?.['R@60'] ?? 0;
    if (!best || r > best.r) best = { dir, r };
  }
  return best?.dir ?? null;
}

export async function runRerankerStage(stage: Stage, ctx: RerankerStageContext): Promise<{ dir: string; metrics: Record<string, number> }> {
  const log = ctx.log ?? (() => undefined);
  const started = performance.now();
  const describe = storeDescriber(ctx.lib.db);
  const docs = corpusDocs(ctx.lib);
  const embedderModel = readStaticModel(ctx.embedderDir);
  const fs = firstStage(ctx, embedderModel, docs, describe);
  const trainQueries = ctx.train.filter((q) => q.relevant.size > 0);
  const priors = buildPriors(trainQueries.map((q) => ({ question: q.text, ...keysOf(describe, q.relevant) })));
  const readerTable = ctx.family === 'reader' ? readerTableFromStatic(readStaticModel(readerTableDir(ctx.embedderDir)), READER_DIM) : null;
  const reader = readerTable?.table ?? null;
  const names = reader ? [...RERANKER_FEATURES, ...READING_FEATURE_NAMES] : RERANKER_FEATURES;

  /** Each query's candidate list as the trainer reads it, with a progress line. */
  const lists = (phase: string, qs: { stage: FirstStage; query: string; relevant: ReadonlySet<number> }[], k: number): EvalList[] =>
    qs.map((q, i) => {
      if (i % 20 === 0 || i === qs.length - 1) ctx.onProgress?.(phase, i + 1, qs.length);
      return trainingList(q.stage, q.query, q.relevant, k, priors, reader).list;
    });
  const validation = lists('validation candidates', ctx.validation.map((q) => ({ stage: fs, query: q.text, relevant: q.relevant })), VALIDATION_K);
  const validate = (w: FeatureRerankerWeights) => listMeasures(w, validation, ['nDCG@10', 'RR@10']);
  const metric = (w: FeatureRerankerWeights) => {
    const m = validate(w);
    return m['nDCG@10']! + 1e-3 * m['RR@10']!; // nDCG@10 first, RR@10 breaks ties
  };
  // Names in the law's vocabulary that the embedder never trained on (train/vocabulary-pairs.ts).
  const vocabulary = vocabularyPairs(ctx.lib.db, ctx.lib.searchService.glossary.resolvedEntries(), { seed: ctx.seed + 200, part: 'reranker' });
  const besideQuestions = sample(vocabulary, VOCABULARY_BESIDE_QUESTIONS, rng(ctx.seed + 201));
  const firstStageOrder = firstStageMeasures(validation, names);
  log(`first-stage order on validation (K=${VALIDATION_K}): ${fmt(firstStageOrder)}`);

  let weights: FeatureRerankerWeights;
  let summary: Record<string, unknown>;
  let bestEpoch = 0;
  const epochLog = (label: string) => (e: { epoch: number; loss: number; metric: number | null; best: boolean }) => {
    ctx.onProgress?.(label, e.epoch, 60);
    if (e.best) bestEpoch = e.epoch;
    if (e.best) log(`${label} epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, validation nDCG@10 ${e.metric?.toFixed(3)}`);
  };
  const validated = ctx.refitFrom ? validatedStage(rerankerStageDir(ctx.refitFrom, stage, ctx.family), 'bestEpoch') : null;
  /** Early stopping on validation, or a refit's fixed epoch count. */
  const schedule = (maxEpochs: number, patience: number) =>
    validated ? { maxEpochs: validated.budget } : { maxEpochs, patience, validate: metric };
  if (stage === 1) {
    const rand = rng(ctx.seed + 101);
    const pairs = weakPairs(ctx.lib.db, { seed: ctx.seed + 100 });
    const chosen = [...sample(pairs, WEAK_QUERIES - VOCABULARY_QUERIES, rand), ...sample(vocabulary, VOCABULARY_QUERIES, rand)];
    const weak = lists('weak candidates', chosen.map((p) => ({ stage: fs, query: p.query, relevant: new Set([p.articleId]) })), TRAIN_K);
    weights = trainListwise(weak, { hidden: 16, seed: ctx.seed, l2: 1e-4, learningRate: 0.01, ...schedule(60, 8), onEpoch: epochLog('stage 1') });
    summary = { queries: chosen.length, sources: countBy(chosen.map((p) => p.source)), candidates: TRAIN_K, withAnswer: weak.filter((l) => l.labels.some((y) => y > 0)).length };
  } else if (stage === 2) {
    const previous = readFeatureModel(rerankerStageDir(ctx.modelsDir, 1, ctx.family));
    checkNames(previous.featureNames, names);
    const folds = crossFitted(ctx, trainQueries, docs, describe);
    const train = [
      ...lists('train candidates', trainQueries.map((q) => ({ stage: folds(q), query: q.text, relevant: q.relevant })), STAGE2_K),
      ...lists('vocabulary candidates', besideQuestions.map((p) => ({ stage: fs, query: p.query, relevant: new Set([p.articleId]) })), STAGE2_K),
    ];
    weights = trainListwise(train, { initial: previous.weights, seed: ctx.seed + 2, l2: 1e-4, learningRate: 0.005, ...schedule(60, 8), onEpoch: epochLog('stage 2') });
    summary = { queries: train.length, vocabularyQueries: besideQuestions.length, candidates: STAGE2_K, crossFitFolds: FOLDS, withAnswer: train.filter((l) => l.labels.some((y) => y > 0)).length, start: 'stage 1' };
  } else {
    const previous = readFeatureModel(rerankerStageDir(ctx.modelsDir, 2, ctx.family));
    checkNames(previous.featureNames, names);
    const folds = crossFitted(ctx, trainQueries, docs, describe);
    const pools = [
      ...lists('pool candidates', trainQueries.map((q) => ({ stage: folds(q), query: q.text, relevant: q.relevant })), POOL_K),
      ...lists('vocabulary pool', besideQuestions.map((p) => ({ stage: fs, query: p.query, relevant: new Set([p.articleId]) })), POOL_K),
    ].filter((l) => l.labels.some((y) => y > 0));
    ({ weights, summary } = dynamicNegatives(pools, previous.weights, { seed: ctx.seed + 3, metric, epochs: validated?.budget, onProgress: ctx.onProgress, log }));
    bestEpoch = summary.bestEpoch as number;
    summary = { ...summary, queries: pools.length, vocabularyQueries: besideQuestions.length, pool: POOL_K, crossFitFolds: FOLDS, negativesPerEpoch: DYNAMIC_NEGATIVES, start: 'stage 2' };
  }
  const metrics = listMeasures(weights, validation, MEASURES);
  const dir = rerankerStageDir(ctx.modelsDir, stage, ctx.family);
  const spec = {
    stage: `stage${stage}`,
    weights,
    training: {
      stage, seed: ctx.seed, hidden: weights.hidden, embedder: readManifestId(ctx.embedderDir), trainQueriesForPriors: trainQueries.length,
      ...(readerTable ? { readerTable: { from: readManifestId(readerTableDir(ctx.embedderDir)), dimension: readerTable.stored.dim } } : {}),
      seconds: Math.round((performance.now() - started) / 1000), ...summary, bestEpoch,
      ...(validated ? { refit: { questions: trainQueries.length, epochs: validated.budget, from: validated.id } } : {}),
    },
    // A refit has no held-out questions: it keeps the validated run's measures (what select compares), and says so.
    metrics: validated
      ? refitMetrics(validated)
      : { split: 'validation', queries: ctx.validation.length, budget: `${VALIDATION_K}→10`, ...round(metrics), firstStage: round(firstStageOrder) },
    extraFiles: { [PRIORS_FILE]: JSON.stringify(priors.toJSON()) + '\n' },
  };
  if (readerTable) {
    writeReaderModel(dir, {
      ...spec,
      id: `builtin-reader-stage${stage}`,
      featureNames: RERANKER_FEATURES,
      reader: readerTable.stored,
      tokens: embedderModel.tokens,
      description: 'Lexbone built-in reader: the feature reranker\'s evidence plus the question and the article compared token by token (late interaction over the embedder\'s token vectors, pooled by kernels).',
    });
  } else {
    writeFeatureModel(dir, {
      ...spec,
      id: `builtin-reranker-stage${stage}`,
      featureNames: names,
      description: 'Lexbone built-in feature reranker: a small network over first-stage scores and ranks, query–article overlap, and law/article priors from the train queries.',
    });
  }
  return { dir, metrics };
}

/**
 * One query's first-stage top `k` as the trainer reads it: each candidate's features (and, for the
 * reader, its reading features after them), with the candidates it was made from.
 */
export function trainingList(
  st: FirstStage, query: string, relevant: ReadonlySet<number>, k: number, priors: PriorFeatureProvider, reader: ReadingTable | null,
): { list: EvalList; candidates: RerankCandidate[] } {
  const candidates = firstStageCandidates(st, query, k);
  const list = toEvalList({ query, relevant, candidates }, RERANKER_FEATURES, priors);
  if (!reader) return { list, candidates };
  const read = readingFeatures(reader, query, candidates.map(readingText));
  return { list: { ...list, features: list.features.map((f, j) => concat(f, read[j]!)) }, candidates };
}

/** Measures of the lists in their first-stage order (what the pipeline gives without a reranker). */
function firstStageMeasures(lists: EvalList[], names: string[]): Record<string, number> {
  return listMeasures(firstStageFeatureWeights(names, { fused_rr: 1 }), lists, MEASURES);
}

function checkNames(previous: string[], names: string[]): void {
  if (previous.join() !== names.join()) throw new Error(`the previous stage was trained on other features (${previous.join(', ')}); retrain it first`);
}

/** A candidate's features followed by its reading features. */
export function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}


function readManifestId(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { id: string }).id;
}

const countBy = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
const round = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
const fmt = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');
