import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { FeedbackEvidence, FeedbackItem } from '../../contract/feedback-types';
import type { EvalQuery } from '../eval/stard-queries';
import type { Library } from '../library';
import { readingFeatures, readingText } from '../inference/reading';
import { loadPriors, PRIORS_FILE } from '../pipeline/feature-priors';
import type { FeatureRerankerWeights } from '../onnx/feature-reranker-graph';
import { corpusDocs, MAX_LENGTH, trainOnQueries } from './embedder-stages';
import { DenseEvaluator } from './dense-evaluator';
import { parseStaticVocab } from '../inference/static-vocab';
import { writeStaticModel } from './static-model-writer';
import { readFeatureModel, writeFeatureModel, writeReaderModel } from './feature-model-writer';
import { firstStageCandidates, storeDescriber, toEvalList, type FirstStage } from './reranker/candidates';
import { crossFitted, firstStage } from './reranker/first-stages';
import { listMeasures, type EvalList } from './reranker/list-metrics';
import { trainListwise } from './reranker/listwise';
import { readerTableFromStatic } from './reranker/reading-table';
import { concat, RERANKER_FEATURES } from './reranker-stages';
import { readStaticModel } from './static-model-reader';
import { vocabularyPairs } from './vocabulary-pairs';
import { rng, sample } from './random';

/**
 * Training from the firm's feedback (the paper's "model updates driven by newly observed user
 * feedback and failure cases"). The served reranker continues on:
 *  - the feedback's questions, lists from the served embedder's first stage (which never saw them):
 *    relevant marks, pins and articles added to failure cases as positives, "not relevant" marks
 *    kept in their lists as negatives;
 *  - the law's-vocabulary lists of stage 2, and the served reranker's own stage-2 questions
 *    replayed (lists from cross-fitted fold embedders), so a few questions do not pull it away;
 *  - held near the served weights by an anchor penalty.
 * The epoch kept is the best on the held-out fifth of the feedback, the served weights competing as
 * epoch 0 (a fixed 3 epochs when that fifth holds fewer than 10 questions). The new model is then
 * measured beside the served one: STARD validation, the lawyer set and the held-out feedback. With
 * `trainEmbedder` the embedder is trained too and the new version is measured on its candidates.
 */
export interface FeedbackStageContext {
  lib: Library;
  seed: number;
  /** The served embedder (a lexbone-static folder): its first stage makes the candidates. */
  embedderDir: string;
  /** The served reranker (lexbone-features or lexbone-reader), where training starts. */
  rerankerDir: string;
  /** A reader's token table: the embedder folder it was built from. */
  readerTableDir?: string;
  feedback: readonly FeedbackItem[];
  validation: EvalQuery[];
  lawyer: EvalQuery[];
  /** Where the new model folder goes (`<outDir>/<id>`), and its id. */
  outDir: string;
  id: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  log?: (line: string) => void;
  /**
   * The served reranker's own stage-2 questions, trained on again beside the feedback so a few
   * questions do not pull it away from everything else: their lists come from cross-fitted fold
   * embedders (train/reranker/first-stages.ts) built from the embedder stages in `modelsDir`
   * (builtin-embedder-stage1 and -stage2), cached in `cacheDir`.
   */
  replay?: { questions: EvalQuery[]; modelsDir: string; cacheDir: string };
  /** Also train the served embedder further on the feedback's questions (stage 2's way: mined and explicit negatives, weak pairs beside). */
  trainEmbedder?: boolean;
  /** Stops between lists and between epochs: nothing is written. */
  signal?: AbortSignal;
}

/** A question from feedback: its relevant and explicitly wrong articles (library ids now). */
export interface FeedbackQuestion {
  text: string;
  relevant: Set<number>;
  negatives: Set<number>;
  heldOut: boolean;
}


const TRAIN_K = 100;
const VALIDATION_K = 60;
const REPLAY_QUERIES = 400;
const MEASURES = ['RR@10', 'nDCG@10', 'R@10', 'R@60'];
/** Embedder steps on feedback (256 pairs a step, at stage 2's rate): few, so a few questions do not pull the whole space. */
const EMBEDDER_STEPS = 30;
export const GUARD_RR_DROP = 0.01;
const HELD_OUT_SHARE = 0.2;
/** Held-out feedback questions needed to choose the epoch on them. */
const MIN_HELD_OUT = 10;
const FIXED_EPOCHS = 3;
/** How strongly the weights are held near the served ones (train/reranker/listwise.ts `anchor`). */
const ANCHOR = 1;

/** Resolves feedback to questions: article refs to today's library ids; one question per query text (all applications pooled). */
export function feedbackQuestions(db: Database, items: readonly FeedbackItem[], seed: number): { questions: FeedbackQuestion[]; unresolved: number } {
  const find = db.prepare(
    `SELECT a.id FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.title = ? AND coalesce(l.version_date, '') = ? AND a.label = ? LIMIT 1`,
  );
  const byQuery = new Map<string, FeedbackQuestion>();
  let unresolved = 0;
  for (const it of items) {
    if (!it.article || (it.mark !== 'relevant' && it.mark !== 'not_relevant')) continue;
    const row = find.get(it.article.lawTitle, it.article.lawVersion, it.article.label) as { id: number } | undefined;
    if (!row) {
      unresolved++;
      continue;
    }
    let q = byQuery.get(it.query);
    if (!q) byQuery.set(it.query, (q = { text: it.query, relevant: new Set(), negatives: new Set(), heldOut: heldOut(it.query, seed) }));
    (it.mark === 'relevant' ? q.relevant : q.negatives).add(row.id);
  }
  // A later relevant mark on the same article (another application) wins over a not-relevant one.
  for (const q of byQuery.values()) for (const id of q.relevant) q.negatives.delete(id);
  return { questions: [...byQuery.values()].filter((q) => q.relevant.size > 0), unresolved };
}

/** A seeded hash of the question: the same questions are held out on every run with this seed. */
function heldOut(text: string, seed: number): boolean {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000 < HELD_OUT_SHARE;
}

export async function runFeedbackStage(ctx: FeedbackStageContext): Promise<{ dir: string; evidence: FeedbackEvidence }> {
  const started = performance.now();
  const log = ctx.log ?? (() => undefined);
  const stop = () => {
    if (ctx.signal?.aborted) throw createError('FEEDBACK_TRAINING_CANCELLED');
  };
  const { questions, unresolved } = feedbackQuestions(ctx.lib.db, ctx.feedback, ctx.seed);
  const trainQs = questions.filter((q) => !q.heldOut);
  const heldQs = questions.filter((q) => q.heldOut);
  if (trainQs.length === 0) throw createError('FEEDBACK_TOO_LITTLE', questions.length);

  const served = readFeatureModel(ctx.rerankerDir);
  const manifest = JSON.parse(readFileSync(join(ctx.rerankerDir, 'manifest.json'), 'utf8')) as { family: string; stage: string; id: string };
  const isReader = manifest.family === 'lexbone-reader';
  // Law and article priors come with the served model (built from its train questions); a model without them has none.
  const hasPriors = existsSync(join(ctx.rerankerDir, PRIORS_FILE));
  const priors = hasPriors ? loadPriors(ctx.rerankerDir) : null;
  const describe = storeDescriber(ctx.lib.db);
  const docs = corpusDocs(ctx.lib);
  const embedder = readStaticModel(ctx.embedderDir);
  const fs = firstStage({ lib: ctx.lib, seed: ctx.seed, embedderDir: ctx.embedderDir, cacheDir: '', onProgress: ctx.onProgress, log }, embedder, docs, describe);
  const tableModel = isReader ? readStaticModel(ctx.readerTableDir ?? ctx.embedderDir) : null;
  const readerTable = tableModel ? readerTableFromStatic(tableModel, readerDim(ctx.rerankerDir)) : null;
  const featureNames = isReader ? RERANKER_FEATURES : served.featureNames;

  // The new embedder (if trained) makes the candidates the new version will serve; the reranker's
  // training lists stay the served embedder's, which never saw the feedback's questions (the
  // cross-fitting lesson: lists from a model trained on their questions teach trust in it).
  let trainedEmbedder: { params: typeof embedder.params; tokens: string[] } | null = null;
  let embedderSummary: Record<string, unknown> | null = null;
  if (ctx.trainEmbedder) {
    const model = readStaticModel(ctx.embedderDir);
    const vocab = parseStaticVocab({ tokens: model.tokens });
    const evaluator = new DenseEvaluator(vocab, docs, MAX_LENGTH);
    const qs: EvalQuery[] = trainQs.map((q, i) => ({ id: `feedback-${i}`, text: q.text, relevant: q.relevant, unresolved: [] }));
    ({ summary: embedderSummary } = trainOnQueries(model.params, vocab, evaluator, ctx.lib, docs, qs, {
      batchSize: 256, temperature: 0.05, seed: ctx.seed + 19, maxLength: MAX_LENGTH, steps: EMBEDDER_STEPS, signal: ctx.signal,
      explicitNegatives: new Map(trainQs.map((q) => [q.text, [...q.negatives]])),
      onStep: (st) => ctx.onProgress?.('embedder', st.step, st.steps),
    }));
    stop();
    trainedEmbedder = model;
  }
  const fsTrained = trainedEmbedder
    ? firstStage({ lib: ctx.lib, seed: ctx.seed, embedderDir: ctx.embedderDir, cacheDir: '', onProgress: ctx.onProgress, log }, trainedEmbedder, docs, describe)
    : fs;

  let outsideCandidates = 0;
  const lists = async (phase: string, qs: { query: string; relevant: ReadonlySet<number>; negatives?: ReadonlySet<number> }[], k: number, count = false, stage = fs): Promise<EvalList[]> => {
    const out: EvalList[] = [];
    for (let i = 0; i < qs.length; i++) {
      if (i % 10 === 0) {
        stop();
        ctx.onProgress?.(phase, i, qs.length);
        await new Promise((r) => setImmediate(r)); // lets a cancel arrive
      }
      const q = qs[i]!;
      let candidates = firstStageCandidates(stage, q.query, k);
      // An explicit "not relevant" the first stage did not rank this high still belongs in its list.
      const missing = [...(q.negatives ?? [])].filter((id) => !candidates.some((c) => c.articleId === id));
      if (missing.length) candidates = [...candidates, ...missing.map((id, j) => ({ ...describe(id), lexical: null, dense: null, fusedRank: k + j + 1, glossary: 0 }))];
      // A question whose answer the first stage misses is left to the embedder: the reranker never sees it.
      if (count && ![...q.relevant].some((id) => candidates.some((c) => c.articleId === id))) outsideCandidates++;
      const list = toEvalList({ query: q.query, relevant: q.relevant, candidates }, featureNames, priors);
      if (!readerTable) {
        out.push(list);
        continue;
      }
      const read = readingFeatures(readerTable.table, q.query, candidates.map(readingText));
      out.push({ ...list, features: list.features.map((f, j) => concat(f, read[j]!)) });
    }
    ctx.onProgress?.(phase, qs.length, qs.length);
    return out;
  };
  const asLists = (qs: EvalQuery[]) => qs.map((q) => ({ query: q.text, relevant: q.relevant }));

  const replay = ctx.replay?.questions.filter((q) => q.relevant.size > 0) ?? [];
  const folds = replay.length
    ? crossFitted({ lib: ctx.lib, seed: ctx.seed, embedderDir: join(ctx.replay!.modelsDir, 'builtin-embedder-stage3'), cacheDir: ctx.replay!.cacheDir, onProgress: ctx.onProgress, log }, replay, docs, describe)
    : null;
  stop();
  const train = [
    ...(await lists('feedback candidates', trainQs.map((q) => ({ query: q.text, relevant: q.relevant, negatives: q.negatives })), TRAIN_K, true)),
    ...(await lists('vocabulary candidates', sampleVocabulary(ctx), TRAIN_K)),
  ];
  const byFold = new Map<FirstStage, { query: string; relevant: ReadonlySet<number> }[]>();
  for (const q of replay) {
    const stage = folds!(q);
    byFold.set(stage, [...(byFold.get(stage) ?? []), { query: q.text, relevant: q.relevant }]);
  }
  let fold = 0;
  for (const [stage, qs] of byFold) train.push(...(await lists(`replayed questions, fold ${++fold}`, qs, TRAIN_K, false, stage)));
  const heldQueries = heldQs.map((q) => ({ query: q.text, relevant: q.relevant }));
  /** The served version's lists (served embedder) and, with a new embedder, the new version's. */
  const evalLists = async (name: string, qs: { query: string; relevant: ReadonlySet<number> }[]) => {
    const served = await lists(`${name} candidates`, qs, VALIDATION_K);
    return { served, trained: fsTrained === fs ? served : await lists(`${name} candidates (new embedder)`, qs, VALIDATION_K, false, fsTrained) };
  };
  const stardLists = await evalLists('STARD validation', asLists(ctx.validation));
  const lawyerLists = await evalLists('lawyer-set', asLists(ctx.lawyer));
  const heldLists = await evalLists('held-out feedback', heldQueries);
  log(`feedback: ${questions.length} questions (${trainQs.length} trained on, ${heldQs.length} held out), ${unresolved} marks naming articles not in the library`);

  // The epoch kept: the best on the held-out feedback (nDCG@10) when it has enough questions, else a
  // fixed few at a low rate. STARD validation and the lawyer set only measure and guard: choosing
  // on them would make the version's evidence look better than it is.
  const metric = heldLists.trained.length >= MIN_HELD_OUT ? (w: FeatureRerankerWeights) => listMeasures(w, heldLists.trained, ['nDCG@10'])['nDCG@10']! : undefined;
  const maxEpochs = 20;
  let bestEpoch = 0;
  let epochs = 0;
  const weights = trainListwise(train, {
    initial: served.weights, seed: ctx.seed + 17, l2: 1e-4, learningRate: 0.002, maxEpochs: metric ? maxEpochs : FIXED_EPOCHS, patience: 5, validate: metric,
    keepInitialIfBest: true, anchor: ANCHOR,
    onEpoch: (e) => {
      epochs = e.epoch;
      if (e.best) bestEpoch = e.epoch;
      ctx.onProgress?.('training', e.epoch, maxEpochs);
      if (ctx.signal?.aborted) throw createError('FEEDBACK_TRAINING_CANCELLED');
    },
  });
  stop();

  const side = (ls: { served: EvalList[]; trained: EvalList[] }) => (ls.served.length
    ? { queries: ls.served.length, served: round(listMeasures(served.weights, ls.served, MEASURES)), trained: round(listMeasures(weights, ls.trained, MEASURES)) }
    : { queries: 0, served: {}, trained: {} });
  const drop = (m: { queries: number; served: Record<string, number>; trained: Record<string, number> }) => (m.queries ? m.served['RR@10']! - m.trained['RR@10']! : 0);
  const measures = { stard: side(stardLists), lawyer: side(lawyerLists), feedback: side(heldLists) };
  const worstDrop = round1(Math.max(drop(measures.stard), drop(measures.lawyer)));
  const evidence: FeedbackEvidence = {
    feedback: {
      items: ctx.feedback.length, questions: questions.length, trained: trainQs.length, heldOut: heldQs.length, unresolved,
      positives: questions.reduce((n, q) => n + q.relevant.size, 0), negatives: questions.reduce((n, q) => n + q.negatives.size, 0), outsideCandidates,
    },
    measures, worstDrop, flagged: worstDrop > GUARD_RR_DROP, epochs, bestEpoch, seconds: Math.round((performance.now() - started) / 1000),
    embedder: trainedEmbedder ? `${ctx.id}-embedder` : null,
  };
  if (trainedEmbedder) {
    writeStaticModel(join(ctx.outDir, `${ctx.id}-embedder`), {
      id: `${ctx.id}-embedder`, stage: 'feedback', tokens: trainedEmbedder.tokens, weights: trainedEmbedder.params, maxLength: MAX_LENGTH,
      description: `${readId(ctx.embedderDir)} trained further on ${trainQs.length} questions from the firm's feedback.`,
      training: { from: readId(ctx.embedderDir), seed: ctx.seed, questions: trainQs.length, ...embedderSummary },
      metrics: { split: 'validation', queries: stardLists.served.length, 'R@60': measures.stard.trained['R@60'], servedR60: measures.stard.served['R@60'] },
    });
  }
  const dir = join(ctx.outDir, ctx.id);
  const spec = {
    id: ctx.id,
    stage: 'feedback',
    weights,
    training: { from: manifest.id, embedder: readId(ctx.embedderDir), seed: ctx.seed, ...evidence.feedback, epochs, bestEpoch, seconds: evidence.seconds },
    metrics: { split: 'validation', queries: stardLists.served.length, budget: `${VALIDATION_K}→10`, ...measures.stard.trained, lawyer: measures.lawyer.trained, feedback: measures.feedback.trained },
    extraFiles: hasPriors ? { [PRIORS_FILE]: readFileSync(join(ctx.rerankerDir, PRIORS_FILE), 'utf8') } : undefined,
    description: `${manifest.id} trained further on ${trainQs.length} questions from the firm's feedback.`,
  };
  if (readerTable) {
    writeReaderModel(dir, { ...spec, featureNames: RERANKER_FEATURES, reader: readerTable.stored, tokens: tableModel!.tokens });
  } else {
    writeFeatureModel(dir, { ...spec, featureNames: served.featureNames });
  }
  return { dir, evidence };
}

/** The law's-vocabulary questions stage 2 trains beside the STARD questions (no train question's words in them). */
function sampleVocabulary(ctx: FeedbackStageContext): { query: string; relevant: Set<number> }[] {
  const pairs = vocabularyPairs(ctx.lib.db, ctx.lib.searchService.glossary.resolvedEntries(), { seed: ctx.seed + 200, part: 'reranker' });
  return sample(pairs, REPLAY_QUERIES, rng(ctx.seed + 301)).map((p) => ({ query: p.query, relevant: new Set([p.articleId]) }));
}

/** The dimension of a reader's stored token table (its manifest records it). */
function readerDim(dir: string): number {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { training?: { readerTable?: { dimension?: number } } };
  return m.training?.readerTable?.dimension ?? 64;
}

function readId(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { id: string }).id;
}


const round1 = (x: number) => Math.round(x * 1000) / 1000;
const round = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round1(v)]));
