import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createError } from '../../contract/errors';
import type { FeedbackItem, FeedbackVersionEvidence } from '../../contract/feedback-types';
import type { BackboneVersion } from '../../contract/types';
import { inSplit } from '../eval/split';
import { loadStardQueries } from '../eval/stard-queries';
import { listModels } from '../inference/registry';
import type { Library } from '../library';
import { BUNDLED_STARD_QUERIES, LAWYER_QUERIES } from '../paths';
import { runFeedbackStage } from './feedback-stage';

export interface FeedbackVersionOptions {
  lib: Library;
  /** The model folders the app serves from (the new reranker is written into `outDir`, one of them or another). */
  modelDirs: string[];
  outDir: string;
  feedback: readonly FeedbackItem[];
  /** The models serving now (the active version's, or the app's own choice) and the version they belong to. */
  embedderId: string | null;
  rerankerId: string | null;
  seed?: number;
  /** Also train the embedder further (the version then serves the new one, whose index is built when it is activated or A/B-tested). */
  trainEmbedder?: boolean;
  /** STARD questions in their format (default: the ones shipped in resources/) and the lawyer set. */
  stardQueries?: string;
  lawyerQueries?: string;
  now?: () => Date;
  onProgress?: (phase: string, done: number, total: number) => void;
  log?: (line: string) => void;
  signal?: AbortSignal;
}


const need = (en: string, zh: string) => createError('FEEDBACK_TRAINING_UNAVAILABLE', en, zh);

/**
 * Trains the served reranker further on the feedback (train/feedback-stage.ts), then writes a new
 * backbone version — the served embedder, the new reranker, the active version's budgets — with the
 * measurements as its evidence. It is never activated here: the blind A/B, activation and rollback
 * apply to it as to any version. A version whose STARD or lawyer-set RR@10 drops by more than 0.01
 * is marked `flagged`. Model folder first, version row last: a process killed at any point leaves
 * the versions as they were (at most an unused folder).
 */
export async function trainVersionFromFeedback(o: FeedbackVersionOptions): Promise<BackboneVersion> {
  const models = listModels(o.modelDirs).models;
  const embedder = models.find((m) => m.id === o.embedderId);
  const reranker = models.find((m) => m.id === o.rerankerId);
  if (!embedder || embedder.family !== 'lexbone-static') throw need('a built-in embedder in service (the active version has none)', '当前版本使用内置的嵌入模型');
  if (!reranker || (reranker.family !== 'lexbone-features' && reranker.family !== 'lexbone-reader')) throw need('a built-in reranker in service (the active version has none)', '当前版本使用内置的重排序模型');
  const readerFrom = (reranker.training as { readerTable?: { from?: string } } | undefined)?.readerTable?.from;
  const readerTableDir = readerFrom ? models.find((m) => m.id === readerFrom)?.dir : undefined;
  if (reranker.family === 'lexbone-reader' && !readerTableDir) throw need(`the embedder ${readerFrom} the reader reads its token table from`, `阅读器所用的词向量模型 ${readerFrom}`);
  const stardFile = o.stardQueries ?? BUNDLED_STARD_QUERIES;
  const lawyerFile = o.lawyerQueries ?? LAWYER_QUERIES;
  if (!existsSync(stardFile) || !existsSync(lawyerFile)) throw need('the shipped evaluation questions (resources/evaluation)', '随附的评测问题（resources/evaluation）');

  const seed = o.seed ?? 42;
  const stard = loadStardQueries(stardFile, o.lib.searchService).filter((q) => q.relevant.size > 0);
  const validation = stard.filter((q) => inSplit(q.id, 'validation', 42));
  // The served reranker's stage-2 questions are replayed beside the feedback, with lists from fold
  // embedders of the built-in stages (trained once, then cached beside the user's models folder).
  const builtinStage1 = models.find((m) => m.id === 'builtin-embedder-stage1');
  const replay = builtinStage1
    ? { questions: stard.filter((q) => inSplit(q.id, 'train', 42)), modelsDir: dirname(builtinStage1.dir), cacheDir: join(dirname(o.outDir), 'training-cache', 'folds') }
    : undefined;
  const lawyer = loadStardQueries(lawyerFile, o.lib.searchService).filter((q) => q.relevant.size > 0);
  const active = o.lib.activeVersion();
  const stamp = (o.now?.() ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const id = `feedback-${stamp}`;
  const { evidence } = await runFeedbackStage({
    lib: o.lib, seed, embedderDir: embedder.dir, rerankerDir: reranker.dir, readerTableDir, feedback: o.feedback, validation, lawyer,
    outDir: o.outDir, id, onProgress: o.onProgress, log: o.log, signal: o.signal, trainEmbedder: o.trainEmbedder, replay,
  });
  const full: FeedbackVersionEvidence = { source: 'feedback', fromVersion: active?.id ?? null, servedReranker: reranker.id, ...evidence };
  return o.lib.createVersion({
    label: `${active?.label ?? embedder.id} + feedback ${stamp.slice(0, 8)} (${evidence.feedback.questions})`,
    embedderId: evidence.embedder ?? embedder.id,
    rerankerId: id,
    presets: active?.presets,
    evidence: full as unknown as Record<string, unknown>,
  });
}
