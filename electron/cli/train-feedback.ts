/**
 * npm run train -- --feedback <feedback.jsonl> [--feedback-embedder] [--db <library>] [--models <folder> ...] [--out <folder>] [--seed 42]
 * Trains the served reranker further on an exported feedback file (train/feedback-version.ts) and
 * writes a new backbone version into the library, not activated, with its measurements as evidence.
 * The served models are the library's active version's; the new model folder goes to --out
 * (default: the user's models folder, which the app reads).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toApiError } from '../contract/errors';
import { parseJsonl } from '../backbone/feedback/feedback-jsonl';
import type { FeedbackItem } from '../contract/feedback-types';
import { Library } from '../backbone/library';
import { defaultDbPath, userDataDir } from '../backbone/paths';
import { trainVersionFromFeedback } from '../backbone/train/feedback-version';
import { selectModels } from '../backbone/runtime/select-models';
import { listModels } from '../backbone/inference/registry';
import { progressLine } from './progress-line';

export async function trainFromFeedbackCli(values: { feedback: string; db?: string; models?: string[]; out?: string; seed?: string; embedder?: boolean }): Promise<number> {
  const parsed = parseJsonl(readFileSync(resolve(values.feedback), 'utf8'));
  if (parsed.errors.length) {
    for (const e of parsed.errors.slice(0, 20)) process.stderr.write(`${values.feedback}:${e.line}: ${e.message}\n`);
    return 2;
  }
  // The file's items as the store would list them (the trainer reads marks, queries and articles only).
  const items: FeedbackItem[] = parsed.items.map((it, i) => ({
    id: i + 1, app: it.app, query: it.kind === 'mark' ? it.m.query : it.n.query, mark: it.kind === 'mark' ? it.m.mark : 'nothing_here', source: it.kind === 'mark' ? it.m.source : it.n.source,
    article: it.kind === 'mark' ? it.m.article : null, shown: it.kind === 'nothing' ? it.n.shown : [], versionId: null, preset: null, rank: null, createdAt: '', updatedAt: '',
  }));
  const modelDirs = (values.models?.length ? values.models : ['models', join(userDataDir(), 'models')]).map((d) => resolve(d));
  const lib = new Library(resolve(values.db ?? defaultDbPath()));
  const progress = progressLine(process.stderr);
  try {
    const active = lib.activeVersion();
    // Without an active version, the models the app would choose itself.
    const chosen = active ? null : selectModels(listModels(modelDirs).models, {});
    const served = active ?? { embedderId: chosen!.embedder?.id ?? null, rerankerId: chosen!.reranker?.id ?? null };
    const version = await trainVersionFromFeedback({
      lib, modelDirs, outDir: resolve(values.out ?? join(userDataDir(), 'models')), feedback: items,
      embedderId: served.embedderId, rerankerId: served.rerankerId, seed: values.seed ? Number(values.seed) : undefined, trainEmbedder: values.embedder,
      onProgress: (p, d, t) => progress.update(p, d, t),
      log: (line) => {
        progress.done();
        process.stderr.write(line + '\n');
      },
    });
    progress.done();
    console.log(JSON.stringify(version, null, 2));
    return 0;
  } catch (e) {
    progress.done();
    const err = toApiError(e);
    process.stderr.write(`${err.code}: ${err.message}\n`);
    return 1;
  } finally {
    lib.close();
  }
}
