/**
 * The feedback loop, simulated: STARD train questions the base models never saw arrive as a
 * lawyer's feedback, and the base reranker is trained from 0, 50, 100, 200 and all of those items
 * (and from all of them with 10 % of the marks flipped; `--embedder both` also with the embedder
 * trained from them), each measured on the STARD validation
 * split and the lawyer set exactly as a version trained in the app is (train/feedback-stage.ts).
 *   npm run simulate-feedback -- --models .train/sim [--db .train/library.db] [--counts 0,50,100,200,all] [--flip 0.1] [--json out.json]
 * The base models must have been trained without the pool: npm run train -- … --hold-feedback-pool --out .train/sim
 * (the README's "Learning from feedback" section gives the commands).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FeedbackArticle, FeedbackItem } from '../contract/feedback-types';
import { inFeedbackPool, inSplit } from '../backbone/eval/split';
import { loadStardQueries, type EvalQuery } from '../backbone/eval/stard-queries';
import { Library } from '../backbone/library';
import { BUNDLED_STARD_QUERIES, LAWYER_QUERIES } from '../backbone/paths';
import { runFeedbackStage } from '../backbone/train/feedback-stage';
import { rng } from '../backbone/train/random';
import { progressLine } from './progress-line';

const { values } = parseArgs({
  options: {
    models: { type: 'string' },
    db: { type: 'string', default: '.train/library.db' },
    queries: { type: 'string', default: BUNDLED_STARD_QUERIES },
    counts: { type: 'string', default: '0,50,100,200,all' },
    flip: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '42' },
    json: { type: 'string' },
    out: { type: 'string', default: '.train/sim-feedback' },
    /** Also train the embedder from the feedback (both: each row twice). */
    embedder: { type: 'string', default: 'no' },
    /** Replay the base reranker's stage-2 questions beside the feedback ('no': the feedback and the vocabulary lists only). */
    replay: { type: 'string', default: 'yes' },
  },
});
if (!values.models || !existsSync(join(resolve(values.models), 'builtin-embedder-stage3')) || !existsSync(join(resolve(values.models), 'builtin-reader-stage2'))) {
  process.stderr.write('usage: npm run simulate-feedback -- --models <folder with builtin-embedder-stage3 and builtin-reader-stage2 trained with --hold-feedback-pool>\n');
  process.exit(2);
}
const modelsDir = resolve(values.models);
const replay = values.replay !== 'no';
const seed = Number(values.seed);
const lib = new Library(resolve(values.db!));
const progress = progressLine(process.stderr);
const all = loadStardQueries(resolve(values.queries!), lib.searchService).filter((q) => q.relevant.size > 0);
const validation = all.filter((q) => inSplit(q.id, 'validation', seed));
const pool = all.filter((q) => inFeedbackPool(q.id, seed));
const lawyer = loadStardQueries(LAWYER_QUERIES, lib.searchService).filter((q) => q.relevant.size > 0);

const article = (id: number): FeedbackArticle => lib.articleRef({ id });
let nextId = 1;
const item = (query: string, a: FeedbackArticle, mark: 'relevant' | 'not_relevant'): FeedbackItem => ({
  id: nextId++, app: '', query, mark, source: 'search', article: a, shown: [], versionId: null, preset: 'standard', rank: null, createdAt: '', updatedAt: '',
});
/** A lawyer's feedback on one question: its relevant articles marked, and the top wrong keyword hit marked not relevant. */
function feedbackOn(q: EvalQuery): FeedbackItem[] {
  const items = [...q.relevant].map((id) => item(q.text, article(id), 'relevant'));
  const wrong = lib.lexical.search(q.text, {}, 5).hits.find((h) => !q.relevant.has(h.articleId));
  if (wrong) items.push(item(q.text, article(wrong.articleId), 'not_relevant'));
  return items;
}
const rand = rng(seed + 900);
const order = pool.map((q) => ({ q, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.q);
const perQuestion = order.map(feedbackOn);
const total = perQuestion.reduce((n, f) => n + f.length, 0);
/** The first questions' items, as many as fit in `n`. */
function firstItems(n: number): FeedbackItem[] {
  const out: FeedbackItem[] = [];
  for (const f of perQuestion) {
    if (out.length + f.length > n) break;
    out.push(...f);
  }
  return out;
}
function flipped(items: FeedbackItem[], share: number): FeedbackItem[] {
  const r = rng(seed + 901);
  return items.map((it) => (r() < share ? { ...it, mark: it.mark === 'relevant' ? 'not_relevant' : 'relevant' } : it));
}

process.stderr.write(`pool: ${pool.length} questions the base models never saw (${total} feedback items); validation ${validation.length}, lawyer set ${lawyer.length}\n`);
mkdirSync(resolve(values.out!), { recursive: true });
const runs: { label: string; items: number; questions: number; evidence: Awaited<ReturnType<typeof runFeedbackStage>>['evidence'] | null }[] = [];
const counts = values.counts!.split(',').map((c) => (c === 'all' ? total : Number(c)));
const share = Number(values.flip);
const base = [...counts.map((n) => ({ label: n === total ? 'all' : String(n), items: firstItems(n) })), ...(share > 0 ? [{ label: `all, ${Math.round(share * 100)} % flipped`, items: flipped(firstItems(total), share) }] : [])];
const embedderModes = values.embedder === 'both' ? [false, true] : [values.embedder === 'yes'];
const plan = embedderModes.flatMap((trainEmbedder) => base.filter((p) => !trainEmbedder || p.items.length > 0).map((p) => ({ ...p, trainEmbedder, label: trainEmbedder ? `${p.label}, embedder too` : p.label })));
let served: Record<string, Record<string, number>> | null = null;
for (const p of plan) {
  const questions = new Set(p.items.map((i) => i.query)).size;
  if (p.items.length === 0) {
    runs.push({ label: p.label, items: 0, questions: 0, evidence: null });
    continue;
  }
  process.stderr.write(`training from ${p.items.length} items (${questions} questions): ${p.label}\n`);
  const started = performance.now();
  const { evidence } = await runFeedbackStage({
    lib, seed, embedderDir: join(modelsDir, 'builtin-embedder-stage3'), rerankerDir: join(modelsDir, 'builtin-reader-stage2'),
    readerTableDir: join(modelsDir, 'builtin-embedder-stage1'), feedback: p.items, validation, lawyer,
    // The base reranker's own stage-2 questions (the train split without the pool), lists from the same cached folds.
    replay: replay ? { questions: all.filter((q) => inSplit(q.id, 'train', seed) && !inFeedbackPool(q.id, seed)), modelsDir, cacheDir: resolve('.train/folds-without-pool') } : undefined,
    outDir: resolve(values.out!), id: `sim-${p.label.replace(/[^a-z0-9]+/g, '-')}`, trainEmbedder: p.trainEmbedder,
    onProgress: (ph, d, t) => progress.update(ph, d, t),
  });
  progress.done();
  process.stderr.write(`  ${Math.round((performance.now() - started) / 1000)} s; STARD RR@10 ${evidence.measures.stard.served['RR@10']} → ${evidence.measures.stard.trained['RR@10']}, lawyer ${evidence.measures.lawyer.served['RR@10']} → ${evidence.measures.lawyer.trained['RR@10']}\n`);
  served ??= { stard: evidence.measures.stard.served, lawyer: evidence.measures.lawyer.served };
  runs.push({ label: p.label, items: p.items.length, questions, evidence });
}

const cell = (m: Record<string, number> | undefined) => (m ? ['RR@10', 'nDCG@10', 'R@10', 'R@60'].map((k) => m[k]?.toFixed(3) ?? '—').join(' / ') : '—');
const lines = [
  '| feedback used | items | questions | STARD validation RR@10 / nDCG@10 / R@10 / R@60 | lawyer set RR@10 / nDCG@10 / R@10 / R@60 | held-out feedback (served → trained) RR@10 | epochs kept | seconds |',
  '|---|---|---|---|---|---|---|---|',
  ...runs.map((r) => r.evidence
    ? `| ${r.label} | ${r.items} | ${r.questions} | ${cell(r.evidence.measures.stard.trained)} | ${cell(r.evidence.measures.lawyer.trained)} | ${r.evidence.measures.feedback.queries ? `${r.evidence.measures.feedback.served['RR@10']} → ${r.evidence.measures.feedback.trained['RR@10']} (${r.evidence.measures.feedback.queries})` : '—'} | ${r.evidence.bestEpoch} of ${r.evidence.epochs} | ${r.evidence.seconds} |`
    : `| ${r.label} (the base reranker) | 0 | 0 | ${cell(served?.stard)} | ${cell(served?.lawyer)} | — | — | — |`),
];
console.log(lines.join('\n'));
if (values.json) writeFileSync(resolve(values.json), JSON.stringify({ pool: pool.length, total, validation: validation.length, lawyer: lawyer.length, served, runs }, null, 2) + '\n');
lib.close();
