/**
 * Throw-away measurement of the static embedder's SVD start (train/svd-start.ts) against the random
 * start, on the seeded validation split (dense only).
 *   npx tsx scripts/experiments/svd-start.ts starts      untrained starts: random, and SVD variants (env VARIANTS)
 *   npx tsx scripts/experiments/svd-start.ts stage1      full stage 1 with env START=svd|random, OUT=<models dir>
 *   npx tsx scripts/experiments/svd-start.ts stage2      stage 2 on top of OUT's stage 1
 * Reads /tmp/train.db and ../shared/data/stard/queries.train.json. VARIANTS names: p<σ power>r<0|1:
 * normalise document rows>[i<power iterations>][u: unit token vectors], e.g. p0r1u (the default).
 * Measured (validation, 239 queries, D 128, seed 42; R@20 R@60 R@100 RR@10 nDCG@10):
 *   untrained random .292 .372 .394 .203 .189 · p0r1 .369 .531 .592 .181 .181 · p0.5r1 .344 .488 .569 .182 .180
 *   p0r0 .369 .545 .618 .198 .191 · p-0.5r1 .368 .533 .584 .184 .185 · p0r1i1 .387 .544 .602 .205 .200
 *   p0r1u .464 .620 .681 .320 .308 · p0.5r1u .467 .622 .674 .320 .311 · p0r0u .468 .612 .685 .334 .305
 *   stage 1: random .458 .593 .637 .338 .326 (430 s) · p0r1 .461 .601 .666 .289 .283 (381 s) · p0r1u .515 .638 .672 .357 .345 (401 s)
 *   stage 2 on top: random .660 .785 .834 .463 .459 · p0r1 .688 .790 .840 .443 .446 · p0r1u .689 .796 .831 .472 .461
 */
import { inSplit } from '../../electron/backbone/eval/split';
import { loadStardQueries } from '../../electron/backbone/eval/stard-queries';
import { meanMeasures, parseMeasure } from '../../electron/backbone/eval/measures';
import { parseStaticVocab } from '../../electron/backbone/inference/static-vocab';
import { Library } from '../../electron/backbone/library';
import { articleEmbeddingText } from '../../electron/backbone/vectors/article-text';
import { DenseEvaluator } from '../../electron/backbone/train/dense-evaluator';
import { encodeForTraining, type EmbedderParams } from '../../electron/backbone/train/embedder-params';
import { MAX_LENGTH, runEmbedderStage } from '../../electron/backbone/train/embedder-stages';
import { randomStaticWeights } from '../../electron/backbone/train/static-model-writer';
import { svdStaticWeights } from '../../electron/backbone/train/svd-start';
import { buildVocab } from '../../electron/backbone/train/vocab';

const SEED = 42;
const D = Number(process.env.D ?? 128);
const lib = new Library('/tmp/train.db');
const queries = loadStardQueries('../shared/data/stard/queries.train.json', lib.searchService);
const train = queries.filter((q) => inSplit(q.id, 'train', SEED));
const validation = queries.filter((q) => inSplit(q.id, 'validation', SEED));
console.log(`queries: ${train.length} train, ${validation.length} validation`);
const MEASURES = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'].map(parseMeasure);
const fmt = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(3)}`).join('  ');
const mode = process.argv[2] ?? 'starts';

if (mode === 'starts') {
  const rows = lib.db
    .prepare(`SELECT a.id, a.text, a.path, l.short_title AS s FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'current'`)
    .all() as { id: number; text: string; path: string; s: string }[];
  const docs = rows.map((r) => ({ id: r.id, text: articleEmbeddingText({ shortTitle: r.s, path: JSON.parse(r.path) as string[], text: r.text }) }));
  let t = performance.now();
  const v = buildVocab(docs.map((d) => d.text), { maxBigrams: 60_000, minDocFreq: 2 });
  const vocab = parseStaticVocab({ tokens: v.tokens });
  const encoded = docs.map((d) => encodeForTraining(d.text, vocab, MAX_LENGTH));
  const nnz = encoded.reduce((s, e) => s + e.ids.length, 0);
  console.log(`${docs.length} docs, ${v.tokens.length} tokens, ${nnz} non-zeros; vocab + encode ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const evaluator = new DenseEvaluator(vocab, docs, MAX_LENGTH);
  const score = (p: EmbedderParams) => {
    evaluator.refresh(p);
    return meanMeasures(MEASURES, validation.map((q) => ({ ranked: evaluator.rank(p, q.text, 100), relevant: q.relevant })));
  };
  console.log(`random        ${fmt(score(randomStaticWeights(v.docFreq, v.docs, D, SEED)))}`);
  const variants = (process.env.VARIANTS ?? 'p0r1,p0.5r1,p0r0').split(',');
  for (const name of variants) {
    const [, power, rowsFlag, iters, unit] = /^p([-\d.]+)r([01])(?:i(\d+))?(u)?$/.exec(name)!;
    t = performance.now();
    let last = '';
    const p = svdStaticWeights(encoded, v.docFreq, v.docs, D, SEED, (phase, done, total) => {
      const line = `${phase} ${done}/${total} ${((performance.now() - t) / 1000).toFixed(1)} s`;
      if (line !== last) process.stderr.write(`  ${line}\n`);
      last = line;
    }, { power: Number(power), normaliseRows: rowsFlag === '1', iterations: iters ? Number(iters) : undefined, unitRows: !!unit });
    const seconds = (performance.now() - t) / 1000;
    console.log(`svd ${name.padEnd(9)} ${fmt(score(p))}  (${seconds.toFixed(1)} s)`);
  }
} else {
  const start = (process.env.START ?? 'svd') as 'svd' | 'random';
  const stage = mode === 'stage2' ? 2 : 1;
  const t = performance.now();
  const r = await runEmbedderStage(stage, {
    lib, train, validation, seed: SEED, modelsDir: process.env.OUT ?? '/tmp/svd-models', dimension: D, start,
    steps: process.env.STEPS ? Number(process.env.STEPS) : undefined,
    onProgress: (phase, done, total) => {
      if (!phase.startsWith('stage') || done % 50 === 0) process.stderr.write(`  ${phase} ${done}/${total} ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
    },
    log: (line) => console.log(line),
  });
  console.log(`stage ${stage}${stage === 1 ? ` from ${start}` : ''}: ${fmt(r.metrics)}  (${((performance.now() - t) / 1000).toFixed(0)} s)  ${r.dir}`);
}
lib.close();
