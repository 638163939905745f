/**
 * Retrieval evaluation over a STARD-format query file.
 *   npm run eval -- [--queries <STARD json>] [--split validation|train|all] [--db F] [--json]
 * (package.json passes the developers' STARD train file as --queries; a later --queries wins.)
 * Reports R@20, R@60, R@100, RR@10, nDCG@10 for the lexical (BM25) retriever, and latency; with
 * --embedder <model dir>, also dense retrieval and hybrid fusion over a grid of lexical weights.
 * With --pipeline <models dir> [--embedder-id X] [--reranker-id Y], also the whole pipeline per
 * budget preset (quick 20→10, standard 60→10, research 300→50), scored on the N hits it returns.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inSplit, type Split } from '../backbone/eval/split';
import { meanMeasures, parseMeasure } from '../backbone/eval/measures';
import { loadStardQueries } from '../backbone/eval/stard-queries';
import { Library } from '../backbone/library';
import { defaultDbPath } from '../backbone/paths';
import { fuse } from '../backbone/pipeline/fusion';
import { denseRankings } from './eval-dense';
import { evalPipeline } from './eval-pipeline';
import { progressLine } from './progress-line';

const { values } = parseArgs({
  options: {
    queries: { type: 'string' },
    split: { type: 'string', default: 'validation' },
    seed: { type: 'string', default: '42' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
    /** A model folder: adds dense and hybrid (weighted RRF) rows for a grid of lexical weights. */
    embedder: { type: 'string' },
    /** A models folder: the app's whole pipeline (models in the inference host) per budget preset. */
    pipeline: { type: 'string' },
    'embedder-id': { type: 'string' },
    'reranker-id': { type: 'string' },
  },
});
const split = values.split as Split;
if (!['train', 'validation', 'all'].includes(split)) throw new Error('--split must be train, validation or all');

const lib = new Library(resolve(values.db ?? defaultDbPath()));
const search = lib.searchService;
const lexical = lib.lexical;
if (!values.queries) throw new Error('--queries <file in STARD format> is required');
const all = loadStardQueries(resolve(values.queries), search);
const queries = all.filter((q) => inSplit(q.id, split, Number(values.seed)));
const unresolved = queries.flatMap((q) => q.unresolved);
const measures = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'].map(parseMeasure);

const progress = progressLine(process.stderr);
const latencies: number[] = [];
const runs = queries.map((q, i) => {
  const t = performance.now();
  const { hits } = lexical.search(q.text, {}, 100);
  latencies.push(performance.now() - t);
  progress.update('evaluating', i + 1, queries.length);
  return { ranked: hits.map((h) => h.articleId), relevant: q.relevant };
});
progress.done();
latencies.sort((a, b) => a - b);
const pct = (p: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
const result = {
  queries: queries.length,
  split,
  retriever: 'lexical (bigram BM25)',
  metrics: meanMeasures(measures, runs),
  latencyMs: { p50: pct(0.5), p95: pct(0.95), max: pct(1) },
  unresolved,
  dense: null as null | { model: string; metrics: Record<string, number>; hybrid: { lexicalWeight: number; metrics: Record<string, number> }[] },
};
if (values.embedder) {
  // Dense alone, then dense + lexical fused by weighted RRF (dense weight 1) over a grid of lexical weights.
  const { modelId, rankings } = await denseRankings(lib.db, resolve(values.embedder), queries.map((q) => q.text), 100, (p, d, t) => progress.update(p, d, t));
  progress.done();
  const lexicalLists = queries.map((q) => lexical.search(q.text, {}, 100).hits);
  const hybrid = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1].map((w) => ({
    lexicalWeight: w,
    metrics: meanMeasures(measures, queries.map((q, i) => ({
      ranked: fuse([
        { source: 'dense', weight: 1, items: rankings[i]! },
        { source: 'lexical', weight: w, items: lexicalLists[i]! },
      ]).map((c) => c.articleId),
      relevant: q.relevant,
    }))),
  }));
  result.dense = {
    model: modelId,
    metrics: meanMeasures(measures, queries.map((q, i) => ({ ranked: rankings[i]!.map((r) => r.articleId), relevant: q.relevant }))),
    hybrid,
  };
}
const pipeline = values.pipeline
  ? await evalPipeline(lib, queries, {
      modelDirs: [resolve(values.pipeline)], embedder: values['embedder-id'], reranker: values['reranker-id'],
      onProgress: (p, d, t) => progress.update(p, d, t),
    })
  : null;
progress.done();
if (values.json) console.log(JSON.stringify({ ...result, pipeline }, null, 2));
else {
  console.log(`${result.retriever} on ${result.queries} ${split} queries (${unresolved.length} unresolved relevant names)`);
  for (const [k, v] of Object.entries(result.metrics)) console.log(`  ${k.padEnd(8)} ${v.toFixed(3)}`);
  console.log(`  latency  p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, max ${result.latencyMs.max} ms`);
  if (result.dense) {
    const row = (name: string, m: Record<string, number>) => console.log(`${name.padEnd(26)} ${Object.values(m).map((v) => v.toFixed(3)).join('  ')}`);
    console.log(`\n${''.padEnd(26)} ${Object.keys(result.metrics).join('  ')}`);
    row('lexical', result.metrics);
    row(`dense ${result.dense.model}`, result.dense.metrics);
    for (const h of result.dense.hybrid) row(`hybrid lexical weight ${h.lexicalWeight}`, h.metrics);
  }
  if (pipeline) {
    console.log(`\npipeline: embedder ${pipeline.embedder ?? 'none'}, reranker ${pipeline.reranker ?? 'none'}`);
    for (const r of pipeline.rows) {
      const m = Object.entries(r.metrics).map(([k, v]) => `${k} ${v.toFixed(3)}`).join('  ');
      console.log(`  ${r.preset.padEnd(9)} ${r.k}→${r.n}  ${m}  (p50 ${r.p50Ms} ms)`);
    }
  }
}
lib.close();
