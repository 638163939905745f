import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalQuery } from '../eval/stard-queries';
import { meanMeasures, parseMeasure } from '../eval/measures';
import { parseStaticVocab } from '../inference/static-vocab';
import type { Library } from '../library';
import { ANCHOR_SQL, articleEmbeddingText } from '../vectors/article-text';
import { DenseEvaluator } from './dense-evaluator';
import { refitMetrics, validatedStage } from './refit';
import { encodeForTraining, type EmbedderParams } from './embedder-params';
import { trainEmbedder, type EmbedderTrainOptions } from './embedder-trainer';
import { statefulRng } from './random';
import { readStaticModel } from './static-model-reader';
import { randomStaticWeights, writeStaticModel } from './static-model-writer';
import { svdStaticWeights } from './svd-start';
import { buildVocab } from './vocab';
import { vocabularyPairs } from './vocabulary-pairs';
import { labelledPairs, weakPairs, type TrainingPair } from './weak-pairs';

/**
 * The embedder's three stages (the paper's method), each starting from the previous stage's model
 * folder and writing its own: stage 1 weak pairs from the corpus; stage 2 the train queries with
 * negatives mined by the stage-1 model; stage 3 a selective subset of train queries with negatives
 * re-mined from the current model every epoch. Validation metrics go into each manifest.
 */
export type Stage = 1 | 2 | 3;

export interface StageContext {
  lib: Library;
  train: EvalQuery[];
  validation: EvalQuery[];
  seed: number;
  modelsDir: string;
  dimension: number;
  /** Step budget override (else each stage's default). */
  steps?: number;
  /** Stage 1's start: token vectors from an SVD of the tf-idf matrix (default), or random directions. */
  start?: 'svd' | 'random';
  /** Stages 1 and 2 checkpoint here every 25 steps and resume from it after a stop (none: no checkpoints). */
  checkpointDir?: string;
  /**
   * Refit: a models folder whose same stage was trained with a held-out validation split. The stage
   * then trains for that stage's best step count (stage 3: epoch count) with no early stopping or
   * selection (`train` may then hold every labelled question), and keeps the validated measures.
   */
  refitFrom?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  log?: (line: string) => void;
}

export const MAX_LENGTH = 512;
const MEASURES = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'].map(parseMeasure);
const stageDir = (modelsDir: string, stage: Stage) => join(modelsDir, `builtin-embedder-stage${stage}`);

export function corpusDocs(lib: Library): { id: number; text: string }[] {
  const rows = lib.db
    .prepare(`SELECT a.id, a.text, a.path, l.short_title AS s, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE l.status = 'current'`)
    .all() as { id: number; text: string; path: string; s: string; anchor: string }[];
  return rows.map((r) => ({ id: r.id, text: articleEmbeddingText({ shortTitle: r.s, path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor }) }));
}

export async function runEmbedderStage(stage: Stage, ctx: StageContext): Promise<{ dir: string; metrics: Record<string, number> }> {
  const log = ctx.log ?? (() => undefined);
  const docs = corpusDocs(ctx.lib);
  let params: EmbedderParams;
  let tokens: string[];
  if (stage === 1) {
    const v = buildVocab(docs.map((d) => d.text), { maxBigrams: 60_000, minDocFreq: 2 });
    tokens = v.tokens;
    if ((ctx.start ?? 'svd') === 'svd') {
      const sv = parseStaticVocab({ tokens });
      const encoded = docs.map((d) => encodeForTraining(d.text, sv, MAX_LENGTH));
      params = svdStaticWeights(encoded, v.docFreq, v.docs, ctx.dimension, ctx.seed, ctx.onProgress);
      log(`vocabulary: ${tokens.length} tokens; start: SVD of the tf-idf matrix with idf weights`);
    } else {
      params = randomStaticWeights(v.docFreq, v.docs, ctx.dimension, ctx.seed);
      log(`vocabulary: ${tokens.length} tokens; start: random directions with idf weights`);
    }
  } else {
    ({ params, tokens } = readStaticModel(stageDir(ctx.modelsDir, (stage - 1) as Stage)));
  }
  const vocab = parseStaticVocab({ tokens });
  const evaluator = new DenseEvaluator(vocab, docs, MAX_LENGTH);
  const validate = (): Record<string, number> => {
    evaluator.refresh(params);
    return meanMeasures(MEASURES, ctx.validation.map((q) => ({ ranked: evaluator.rank(params, q.text, 100), relevant: q.relevant })));
  };
  const trainQueries = ctx.train.filter((q) => q.relevant.size > 0);
  const started = performance.now();
  const checkpoint = (s: Stage) =>
    ctx.checkpointDir
      ? { path: join(ctx.checkpointDir, `embedder-stage${s}-${createHash('sha1').update(ctx.modelsDir).digest('hex').slice(0, 8)}.ckpt`), every: 25, key: { stage: s, model: ctx.modelsDir, start: checksum(params.embeddings) } }
      : undefined;
  if (ctx.checkpointDir) mkdirSync(ctx.checkpointDir, { recursive: true });
  const validated = ctx.refitFrom ? validatedStage(stageDir(ctx.refitFrom, stage), stage === 3 ? 'bestEpoch' : 'bestStep') : null;
  const base: Omit<EmbedderTrainOptions, 'steps' | 'lrEmbeddings' | 'lrWeights'> = {
    batchSize: 256, temperature: 0.05, seed: ctx.seed + stage, maxLength: MAX_LENGTH,
    evaluate: validated ? undefined : () => validate()['R@60']!,
    onStep: (s) => ctx.onProgress?.(`stage ${stage}`, s.step, s.steps),
  };
  let pairs: TrainingPair[];
  let summary: Record<string, unknown>;
  if (stage === 1) {
    const oversample = new Set(trainQueries.flatMap((q) => [...q.relevant]));
    pairs = [...weakPairs(ctx.lib.db, { seed: ctx.seed, oversample, oversampleFactor: 3 }), ...lawyerVocabulary(ctx.lib, ctx.seed)];
    const report = trainEmbedder(params, vocab, pairs, { ...base, steps: validated?.budget ?? ctx.steps ?? 600, lrEmbeddings: 0.01, lrWeights: 0.01, evaluateEvery: 100, patience: 3, checkpoint: checkpoint(1) });
    summary = { pairs: pairs.length, sources: countBy(pairs), ...report };
  } else if (stage === 2) {
    ({ pairs, summary } = trainOnQueries(params, vocab, evaluator, ctx.lib, docs, trainQueries, { ...base, steps: validated?.budget ?? ctx.steps, checkpoint: checkpoint(2) }));
  } else {
    // Selective subset: queries with one or two relevant articles (a clear answer), re-mined every epoch.
    const subset = trainQueries.filter((q) => q.relevant.size <= 2);
    // The law's vocabulary stays in the mix (as many pairs as half the questions), so that the
    // selective subset of everyday questions does not wash it out.
    const questions = labelledPairs(ctx.lib.db, subset.map((q) => ({ text: q.text, relevant: q.relevant })));
    const labelled = [...questions, ...lawyerVocabulary(ctx.lib, ctx.seed + 3).slice(0, Math.ceil(questions.length / 2))];
    const epochs = validated?.budget ?? 4;
    const perEpoch = Math.max(1, Math.ceil(labelled.length / 256));
    let best = { metric: -1, embeddings: params.embeddings.slice(), weights: params.tokenWeights.slice(), epoch: 0 };
    for (let e = 0; e < epochs; e++) {
      evaluator.refresh(params);
      const mined = mineNegatives(evaluator, params, subset, 20);
      trainEmbedder(params, vocab, labelled, {
        ...base, seed: ctx.seed + 30 + e, steps: perEpoch, lrEmbeddings: 0.002, lrWeights: 0.002,
        evaluate: undefined, negatives: negativeSampler(mined, docs, ctx.seed + e, 2),
      });
      // A refit keeps its last epoch (the validated run's best count): no held-out questions to pick by.
      const metric = validated ? e : validate()['R@60']!;
      if (!validated) log(`stage 3 epoch ${e + 1}: validation R@60 ${metric.toFixed(3)}`);
      if (metric > best.metric) best = { metric, embeddings: params.embeddings.slice(), weights: params.tokenWeights.slice(), epoch: e + 1 };
    }
    params.embeddings.set(best.embeddings);
    params.tokenWeights.set(best.weights);
    pairs = labelled;
    summary = { queries: subset.length, pairs: labelled.length, epochs, stepsPerEpoch: perEpoch, bestEpoch: best.epoch };
  }
  const metrics = validate();
  const dir = stageDir(ctx.modelsDir, stage);
  writeStaticModel(dir, {
    id: `builtin-embedder-stage${stage}`,
    stage: `stage${stage}`,
    tokens,
    weights: params,
    maxLength: MAX_LENGTH,
    description: 'Lexbone built-in static embedder (character unigrams + bigrams, learned token vectors and weights).',
    training: {
      stage, seed: ctx.seed, dimension: params.dimension, vocabulary: tokens.length, seconds: Math.round((performance.now() - started) / 1000), ...summary,
      ...(validated ? { refit: { questions: trainQueries.length, budget: validated.budget, from: validated.id } } : {}),
    },
    metrics: validated
      ? refitMetrics(validated)
      : { split: 'validation', queries: ctx.validation.length, ...round(metrics) },
  });
  return { dir, metrics };
}

/**
 * Stage 2's training: the labelled queries (twice) mixed with as many weak pairs, each with a
 * negative mined by the current model from its top 30. Also used to train fold models, whose
 * candidates for the reranker's training queries are free of what the embedder memorised.
 */
export function trainOnQueries(
  params: EmbedderParams,
  vocab: ReturnType<typeof parseStaticVocab>,
  evaluator: DenseEvaluator,
  lib: Library,
  docs: { id: number; text: string }[],
  queries: EvalQuery[],
  o: Omit<EmbedderTrainOptions, 'steps' | 'lrEmbeddings' | 'lrWeights'> & {
    steps?: number;
    lr?: number;
    /** Articles known to be wrong for a query (feedback's "not relevant" marks), drawn among its mined negatives. */
    explicitNegatives?: ReadonlyMap<string, readonly number[]>;
  },
): { pairs: TrainingPair[]; summary: Record<string, unknown> } {
  evaluator.refresh(params);
  const mined = mineNegatives(evaluator, params, queries, 30);
  for (const [query, ids] of o.explicitNegatives ?? []) mined.set(query, [...new Set([...ids, ...(mined.get(query) ?? [])])]);
  const labelled = labelledPairs(lib.db, queries.map((q) => ({ text: q.text, relevant: q.relevant })));
  // As many weak pairs as labelled ones: half cut from the corpus, half in the law's vocabulary.
  const half = Math.ceil(labelled.length / 2);
  const weak = [...weakPairs(lib.db, { seed: o.seed + 1 }).slice(0, half), ...lawyerVocabulary(lib, o.seed + 1).slice(0, labelled.length - half)];
  const pairs = [...labelled, ...labelled, ...weak];
  const negatives = negativeSampler(mined, docs, o.seed, 1);
  const report = trainEmbedder(params, vocab, pairs, {
    evaluateEvery: 25, patience: 4, ...o, steps: o.steps ?? 300, lrEmbeddings: o.lr ?? 0.005, lrWeights: o.lr ?? 0.005,
    negatives, checkpoint: o.checkpoint && { ...o.checkpoint, rngs: [negatives.rng] },
  });
  return { pairs, summary: { pairs: pairs.length, labelled: labelled.length, weak: weak.length, minedPerQuery: 30, ...report } };
}

/** For each query, the top-ranked documents that are not relevant. */
function mineNegatives(ev: DenseEvaluator, p: EmbedderParams, queries: EvalQuery[], depth: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const q of queries) out.set(q.text, ev.rank(p, q.text, depth + q.relevant.size).filter((id) => !q.relevant.has(id)).slice(0, depth));
  return out;
}

/** Draws mined negatives for a pair; its generator is exposed so a checkpoint can save it. */
function negativeSampler(mined: Map<string, number[]>, docs: { id: number; text: string }[], seed: number, perPair: number) {
  const byId = new Map(docs.map((d) => [d.id, d.text]));
  const rand = statefulRng(seed);
  const sample = (pair: TrainingPair): string[] => {
    const ids = mined.get(pair.query);
    if (!ids?.length) return [];
    const out: string[] = [];
    for (let i = 0; i < perPair; i++) out.push(byId.get(ids[Math.floor(rand.next() * ids.length)]!)!);
    return out;
  };
  return Object.assign(sample, { rng: rand });
}

/** The embedder's part of the vocabulary pairs (train/vocabulary-pairs.ts), shuffled by `seed`. */
function lawyerVocabulary(lib: Library, seed: number): TrainingPair[] {
  const pairs = vocabularyPairs(lib.db, lib.searchService.glossary.resolvedEntries(), { seed, part: 'embedder' });
  const rand = statefulRng(seed);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand.next() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  return pairs;
}

const countBy = (pairs: TrainingPair[]) => pairs.reduce<Record<string, number>>((m, p) => ((m[p.source] = (m[p.source] ?? 0) + 1), m), {});
const round = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));

/** A cheap fingerprint of the starting parameters (a checkpoint of another start is not resumed). */
function checksum(a: Float32Array): number {
  let h = 0;
  for (let i = 0; i < a.length; i += 97) h = (h * 31 + Math.round(a[i]! * 1e6)) % 2147483647;
  return h;
}
