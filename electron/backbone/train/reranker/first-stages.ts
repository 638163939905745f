import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvalQuery } from '../../eval/stard-queries';
import { parseStaticVocab } from '../../inference/static-vocab';
import type { Library } from '../../library';
import { modelFingerprint } from '../../runtime/fingerprint';
import { DenseEvaluator } from '../dense-evaluator';
import type { EmbedderParams } from '../embedder-params';
import { corpusDocs, MAX_LENGTH, trainOnQueries } from '../embedder-stages';
import { rng } from '../random';
import { readStaticModel } from '../static-model-reader';
import { writeStaticModel } from '../static-model-writer';
import type { FirstStage } from './candidates';

/** Fold models for cross-fitting (see crossFitted). */
export const FOLDS = 2;

/** What the first stages of reranker training need from the stage's context. */
export interface FirstStageContext {
  lib: Library;
  seed: number;
  /** The embedder whose hybrid first stage makes the candidates. */
  embedderDir: string;
  /** Where cross-fitted fold embedders are cached between runs (not shipped). */
  cacheDir: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  log?: (line: string) => void;
}

/** The first stage a reranker is trained on: the static embedder's dense list, BM25 and the glossary, as the app fuses them. */
export type Docs = ReturnType<typeof corpusDocs>;

export function firstStage(ctx: FirstStageContext, model: { params: EmbedderParams; tokens: string[] }, docs: Docs, describe: FirstStage['describe']): FirstStage {
  const { params, tokens } = model;
  const evaluator = new DenseEvaluator(parseStaticVocab({ tokens }), docs, MAX_LENGTH);
  ctx.onProgress?.('embedding the corpus', 0, 1);
  evaluator.refresh(params);
  ctx.onProgress?.('embedding the corpus', 1, 1);
  const lexical = ctx.lib.lexical;
  const glossary = ctx.lib.searchService.glossary;
  return {
    dense: (q, k) => evaluator.search(params, q, k),
    lexical: (q, k) => lexical.search(q, {}, k).hits.map((h) => ({ articleId: h.articleId, score: h.score })),
    describe,
    glossary: (q) => glossary.find(q).flatMap((g) => g.articleIds.map((articleId) => ({ articleId, coverage: g.coverage }))),
  };
}

/**
 * Cross-fitting: the embedder was trained on the train queries, so its candidates for them are
 * better than for any new question, and a reranker trained on them learns to trust dense scores
 * too much (train RR@10 0.94 vs validation 0.52 in a first run). Each train query therefore gets
 * its candidates from a fold model: the embedder's stage 1 trained like stage 2 on the other
 * folds' queries only. Fold models are cached in `cacheDir` under the stage-1 model's fingerprint
 * and the step count (a rerun reuses them; a retrained stage 1 never meets a stale fold).
 */
export function crossFitted(ctx: FirstStageContext, queries: EvalQuery[], docs: Docs, describe: FirstStage['describe']): (q: EvalQuery) => FirstStage {
  const start = join(dirname(ctx.embedderDir), 'builtin-embedder-stage1');
  if (!existsSync(join(start, 'manifest.json'))) throw new Error(`cross-fitting needs the embedder's stage 1 beside it (${start})`);
  // As many steps as the real stage 2 kept (its early-stopped best), so fold models match it.
  const stage2 = join(dirname(ctx.embedderDir), 'builtin-embedder-stage2', 'manifest.json');
  const steps = existsSync(stage2) ? Number((JSON.parse(readFileSync(stage2, 'utf8')) as { training?: { bestStep?: number } }).training?.bestStep ?? 300) : 300;
  const rand = rng(ctx.seed + 7);
  const foldOf = new Map(queries.map((q) => [q.id, Math.floor(rand() * FOLDS)]));
  const stages: FirstStage[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const cache = join(ctx.cacheDir, `${modelFingerprint(start, 'model.onnx')}-steps${steps}-seed${ctx.seed}-fold${f + 1}of${FOLDS}`);
    if (!existsSync(join(cache, 'manifest.json'))) {
      const { params, tokens } = readStaticModel(start);
      const vocab = parseStaticVocab({ tokens });
      const evaluator = new DenseEvaluator(vocab, docs, MAX_LENGTH);
      const others = queries.filter((q) => foldOf.get(q.id) !== f);
      ctx.log?.(`fold ${f + 1}/${FOLDS}: training an embedder on ${others.length} queries (the other ${queries.length - others.length} get their candidates from it)`);
      trainOnQueries(params, vocab, evaluator, ctx.lib, docs, others, {
        batchSize: 256, temperature: 0.05, seed: ctx.seed + 2 + f, maxLength: MAX_LENGTH, steps,
        onStep: (st) => ctx.onProgress?.(`fold ${f + 1} embedder`, st.step, st.steps),
      });
      writeStaticModel(cache, { id: `fold-${f + 1}`, stage: 'fold', tokens, weights: params, maxLength: MAX_LENGTH, training: { fold: f + 1, folds: FOLDS, queries: others.length, steps } });
    }
    stages.push(firstStage(ctx, readStaticModel(cache), docs, describe));
  }
  return (q) => stages[foldOf.get(q.id)!]!;
}
