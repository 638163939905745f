/**
 * Component-wise selection: measures every installed embedder (recall at the standard budget) and
 * every reranker (nDCG@N on the chosen embedder's candidates) on a query set, optionally tunes the
 * presets' K to latency targets, and writes a new backbone version (activated with --activate).
 *   npm run select -- [--queries <STARD json>] [--split validation] [--db F] [--models DIR]…
 *                     [--latency quick=50,standard=150,research=600] [--label TEXT] [--activate] [--json]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PresetName } from '../contract/types';
import { runQuerySet } from '../backbone/eval/harness';
import { inSplit, type Split } from '../backbone/eval/split';
import { loadStardQueries } from '../backbone/eval/stard-queries';
import { defaultPresets, type Presets } from '../backbone/versions/backbone-versions';
import { parseLatencyTargets, pickEmbedder, pickReranker, tunePresets, type TunedPreset } from '../backbone/versions/select-components';
import { embedderTable, hybridRow, rerankerTable, serve, type Installed } from './eval-tables';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';
import { progressLine } from './progress-line';
import { QUERY_SET_OPTIONS } from './query-set-options';
import { openLibraryWithCorpus } from './open-library';
import { startRuntime } from './start-runtime';
import { defaultDbPath } from '../backbone/paths';

const { values } = parseArgs({
  options: {
    ...QUERY_SET_OPTIONS,
    ...DRY_RUN_OPTION,
    latency: { type: 'string' },
    'latency-queries': { type: 'string', default: '100' },
    label: { type: 'string' },
    activate: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

function usage(message: string): never {
  process.stderr.write(`select: ${message}\n`);
  process.exit(2);
}

const split = values.split as Split;
if (!['train', 'validation', 'all'].includes(split)) usage('--split must be train, validation or all');
if (!values.queries) usage('--queries <file in STARD format> is required');
let targets: Partial<Record<PresetName, number>> = {};
try {
  targets = values.latency ? parseLatencyTargets(values.latency) : {};
} catch (e) {
  usage((e as Error).message);
}
if (values['dry-run']) dryRunAndExit('select', { queries: values.queries, reads: { models: values.models ?? ['models'] }, writes: { db: values.db ?? defaultDbPath() } });
const K_GRID = [10, 20, 30, 40, 60, 80, 100, 150, 200, 300, 400, 500];

const lib = openLibraryWithCorpus(values.db);
const progress = progressLine(process.stderr);
const onProgress = (phase: string, done: number, total: number) => progress.update(phase, done, total);
const queries = loadStardQueries(resolve(values.queries), lib.searchService).filter((q) => inSplit(q.id, split, Number(values.seed)));
const { runtime, close } = await startRuntime(lib, { modelDirs: (values.models ?? ['models']).map((d) => resolve(d)), embedder: null, reranker: null, batchSize: 128 }, onProgress);
try {
  const installed: Installed[] = runtime.status().installed.map((m) => ({ id: m.id, role: m.role, stage: m.stage }));
  const base = lib.activeVersion()?.presets ?? defaultPresets();
  const std = base.standard;
  const research = Math.max(base.research.k, std.k);

  const emb = await embedderTable(lib, runtime, queries, installed.filter((m) => m.role === 'embedder'), research, onProgress);
  const embedders = emb.rows.slice(1).map((r) => ({ id: r.name, stage: r.stage, metrics: r.metrics }));
  const recallAt = (curve: number[], k: number) => curve[Math.min(k, curve.length) - 1] ?? 0;
  // The table's fixed cut-offs plus recall at this library's standard and research budgets.
  emb.curves.slice(1).forEach((c, i) => Object.assign(embedders[i]!.metrics, { [`R@${std.k}`]: recallAt(c.recall, std.k), [`R@${research}`]: recallAt(c.recall, research) }));
  const embedder = embedders.length ? pickEmbedder(embedders, std.k, research) : null;

  const rerankers = await rerankerTable(lib, runtime, queries, embedder?.id ?? null, installed.filter((m) => m.role === 'reranker'), { k: std.k, n: std.n }, onProgress);
  const rerankerRows = rerankers.map((r, i) => ({ id: i === 0 ? null : r.name, stage: r.stage, metrics: r.metrics }));
  const reranker = pickReranker(rerankerRows, std.n);

  // Preset auto-tuning: p95 of the chosen pipeline at each K of the grid, recall from its hybrid curve.
  let tuned: TunedPreset[] = [];
  const presets: Presets = structuredClone(base);
  if (Object.keys(targets).length) {
    const curve = embedder ? (await hybridRow(lib, runtime, queries, embedder.id!, 500, onProgress)).curve.recall : [];
    await serve(runtime, embedder?.id ?? null, reranker.id);
    const sample = queries.slice(0, Number(values['latency-queries']));
    const latency = [];
    for (const k of K_GRID) {
      const set = await runQuerySet(lib, sample, { k, n: Math.min(std.n, k) }, (d, t) => progress.update(`latency K=${k}`, d, t));
      latency.push({ k, p95Ms: set.latencyMs.total.p95 });
    }
    tuned = tunePresets(targets, latency, curve);
    for (const t of tuned) if (t.k !== null) presets[t.preset] = { k: t.k, n: Math.min(presets[t.preset].n, t.k) };
  }
  progress.done();

  const version = lib.createVersion({
    label: values.label ?? `selected ${new Date().toISOString().slice(0, 10)}: ${embedder?.id ?? 'lexical'} + ${reranker.id ?? 'no reranker'}`,
    embedderId: embedder?.id ?? null,
    rerankerId: reranker.id,
    presets,
    evidence: { queries: queries.length, split, queryFile: values.queries, embedders, rerankers: rerankerRows, embedderPick: embedder, rerankerPick: reranker, tuned },
  });
  const active = values.activate ? lib.activateVersion(version.id) : version;

  if (values.json) console.log(JSON.stringify({ version: active, embedders, rerankers: rerankerRows, tuned }, null, 2));
  else {
    const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
    console.log(`Embedders on ${queries.length} ${split} queries (picked by R@${std.k}):`);
    for (const e of embedders) console.log(`  ${e.id === embedder?.id ? '*' : ' '} ${e.id.padEnd(32)} R@${std.k} ${f(e.metrics[`R@${std.k}`])}  R@${research} ${f(e.metrics[`R@${research}`])}  RR@10 ${f(e.metrics['RR@10'])}`);
    console.log(`Rerankers on ${embedder?.id ?? 'lexical'}'s top ${std.k} (picked by nDCG@${std.n}):`);
    for (const r of rerankerRows) console.log(`  ${r.id === reranker.id ? '*' : ' '} ${(r.id ?? 'none (first-stage order)').padEnd(32)} nDCG@${std.n} ${f(r.metrics[`nDCG@${std.n}`])}  RR@${std.n} ${f(r.metrics[`RR@${std.n}`])}`);
    for (const t of tuned) console.log(`Preset ${t.preset}: p95 ≤ ${t.targetMs} ms → K = ${t.k ?? 'none fits'}${t.k ? ` (p95 ${t.p95Ms} ms, recall ${f(t.recall)})` : ''}`);
    console.log(`\nBackbone version ${active.id} written${active.active ? ' and activated' : ` (activate: npm run cli -- activate ${active.id})`}.`);
  }
} finally {
  await close();
  lib.close();
}
