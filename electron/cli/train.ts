/**
 * Trains Lexbone's built-in models, one stage at a time (each stage starts from the previous one's
 * model folder and writes its own, with a manifest that records the data and validation metrics).
 *   npm run train -- --component embedder --stage 1|2|3 [--db <library>] [--queries <STARD json>]
 *                    [--seed 42] [--out models] [--steps N] [--dimension 256]
 *   npm run train -- --component reranker --stage 1|2|3 [--family features|reader] [--embedder <model folder>] [same options]
 *   npm run train -- --feedback <feedback.jsonl> [--db <library>] [--models <folder> ...] [--out <folder>]   (cli/train-feedback.ts)
 * The reranker's candidates come from the hybrid first stage of --embedder (default: the embedder
 * stage in --out with the best validation R@60).
 * The queries are split by a seeded hash (20 % validation, see eval/split.ts); only the train part
 * is trained on. --refit-from <validated models folder> trains each stage on every question for the
 * step or epoch count the validated run of that stage chose (no early stopping), and keeps its measures. Without --db the bundled corpus is imported into .train/library.db first.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inFeedbackPool, inSplit } from '../backbone/eval/split';
import { loadStardQueries } from '../backbone/eval/stard-queries';
import { Library } from '../backbone/library';
import { runEmbedderStage, type Stage } from '../backbone/train/embedder-stages';
import { bestEmbedderDir, runRerankerStage, type RerankerFamily } from '../backbone/train/reranker-stages';
import { BUNDLED_CORPUS } from './commands';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';
import { progressLine } from './progress-line';
import { trainFromFeedbackCli } from './train-feedback';

const { values } = parseArgs({
  options: {
    component: { type: 'string' },
    stage: { type: 'string' },
    db: { type: 'string' },
    /** The name for --db: the library (SQLite) to train on. */
    corpus: { type: 'string' },
    queries: { type: 'string' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'models' },
    steps: { type: 'string' },
    dimension: { type: 'string', default: '256' },
    embedder: { type: 'string' },
    family: { type: 'string', default: 'features' },
    'refit-from': { type: 'string' },
    feedback: { type: 'string' },
    /** Leave the feedback simulation's pool (eval/split.ts) out of the train questions. */
    'hold-feedback-pool': { type: 'boolean', default: false },
    /** With --feedback: train the embedder too. */
    'feedback-embedder': { type: 'boolean', default: false },
    models: { type: 'string', multiple: true },
    ...DRY_RUN_OPTION,
  },
});

if (values.feedback) {
  if (values['dry-run']) dryRunAndExit('train', { reads: { feedback: values.feedback, db: values.db ?? values.corpus, models: values.models }, writes: { out: values.out === 'models' ? undefined : values.out } });
  process.exit(await trainFromFeedbackCli({ feedback: values.feedback, db: values.db ?? values.corpus, models: values.models, out: values.out === 'models' ? undefined : values.out, seed: values.seed, embedder: values['feedback-embedder'] }));
}

function usageExit(message: string): never {
  process.stderr.write(message + '\n');
  process.exit(2);
}

const stage = Number(values.stage) as Stage;
const component = values.component;
const family = values.family as RerankerFamily;
if ((component !== 'embedder' && component !== 'reranker') || ![1, 2, 3].includes(stage) || !values.queries || (family !== 'features' && family !== 'reader')) {
  process.stderr.write('usage: npm run train -- --component embedder|reranker --stage 1|2|3 --queries <STARD json> [--db|--corpus <library db>] [--seed N] [--out models] [--steps N] [--dimension 256] [--family features|reader] [--embedder <model folder>] [--refit-from <validated models folder>]\n');
  process.exit(2);
}
const modelsDir = resolve(values.out!);
const embedderDir = component === 'reranker' ? (values.embedder ? resolve(values.embedder) : bestEmbedderDir(modelsDir)) : null;
if (component === 'reranker' && !embedderDir) {
  process.stderr.write(`no trained embedder in ${modelsDir}: train one first (--component embedder) or pass --embedder <model folder>\n`);
  process.exit(2);
}

if (values['dry-run']) {
  dryRunAndExit('train', {
    queries: values.queries,
    reads: { db: values.db ?? values.corpus, embedder: embedderDir ?? undefined, refitFrom: values['refit-from'] },
    writes: { out: modelsDir, db: values.db ?? values.corpus ? undefined : '.train/library.db' },
  });
}
const progress = progressLine(process.stderr);
const dbOption = values.db ?? values.corpus;
const dbPath = dbOption ? resolve(dbOption) : resolve('.train/library.db');
mkdirSync(resolve('.train'), { recursive: true });
const fresh = !existsSync(dbPath);
if (fresh && dbOption) {
  process.stderr.write(`no library at ${dbPath}: import a corpus into it first (npm run cli -- import <folder> --db ${dbOption})\n`);
  process.exit(2);
}
const lib = new Library(dbPath);
if (fresh && !dbOption) {
  process.stderr.write('importing the bundled corpus into .train/library.db…\n');
  lib.import(BUNDLED_CORPUS, { onProgress: (p, d, t) => progress.update(p, d, t) });
  progress.done();
}
const seed = Number(values.seed);
const queries = loadStardQueries(resolve(values.queries), lib.searchService);
const refitFrom = values['refit-from'] ? resolve(values['refit-from']) : undefined;
if (refitFrom === modelsDir) usageExit('--refit-from must be another folder than --out (the validated models stay as they are)');
const validation = queries.filter((q) => inSplit(q.id, 'validation', seed));
const pool = values['hold-feedback-pool'];
const train = refitFrom ? queries : queries.filter((q) => inSplit(q.id, 'train', seed) && !(pool && inFeedbackPool(q.id, seed)));
process.stderr.write(refitFrom
  ? `queries: all ${train.length} (refit: budgets from ${refitFrom})\n`
  : `queries: ${train.length} train, ${validation.length} validation (seed ${seed})\n`);

const common = {
  lib, train, validation, seed, modelsDir, refitFrom,
  onProgress: (p: string, d: number, t: number) => progress.update(p, d, t),
  log: (line: string) => {
    progress.done();
    process.stderr.write(line + '\n');
  },
};
if (embedderDir) process.stderr.write(`candidates from the hybrid first stage of ${embedderDir}\n`);
const result = embedderDir
  ? await runRerankerStage(stage, { ...common, embedderDir, family, cacheDir: resolve(pool ? '.train/folds-without-pool' : '.train/folds') })
  : await runEmbedderStage(stage, { ...common, dimension: Number(values.dimension), steps: values.steps ? Number(values.steps) : undefined, checkpointDir: resolve('.train/checkpoints') });
progress.done();
console.log(JSON.stringify({ component, stage, dir: result.dir, validation: result.metrics }, null, 2));
lib.close();

