/**
 * Retrieval evaluation (the paper's Tables 1–3) over a query set in STARD's format, or scoring of
 * an existing run against TREC qrels.
 *   npm run eval -- [--queries <STARD json>] [--split validation|train|all] [--db F] [--models DIR]…
 *                   [--embedder ID] [--reranker ID] [--preset quick|standard|research | --k K --n N]
 *                   [--retriever dense|lexical|hybrid] [--tables all|none] [--max-k 300]
 *                   [--json] [--run-out run.tsv] [--qrels-out qrels.txt] [--report report.html]
 *                   [--report-json report.json]   (the report as JSON: what the app's evaluation page shows)
 *                   [--lawyer-queries resources/evaluation/lawyer-queries.json | none]   (measured beside --queries, all of it)
 *   npm run eval -- --qrels qrels.txt --run run.tsv [--json]
 *   npm run eval -- --fusion-grid <embedder folder>
 * (package.json passes the developers' STARD train file as --queries; a later --queries wins.)
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PresetName } from '../contract/types';
import { runQuerySet } from '../backbone/eval/harness';
import { toHtml, toMarkdown, type EvalReport } from '../backbone/eval/report';
import { inSplit, type Split } from '../backbone/eval/split';
import { loadStardQueries } from '../backbone/eval/stard-queries';
import { formatRunTsv, parseAnyRun, parseQrels, scoreRun } from '../backbone/eval/trec';
import { PRESETS } from '../backbone/pipeline/presets';
import { writeFileAtomic } from '../backbone/store/write-file-atomic';
import { formatStardName } from '../backbone/text/citation';
import { embedderTable, hybridRow, pipelineRow, rerankerTable, serve, type Installed, type PipelineTableRow, type Row } from './eval-tables';
import { fusionGrid } from './eval-fusion-grid';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';
import { progressLine } from './progress-line';
import { QUERY_SET_OPTIONS } from './query-set-options';
import { openLibraryWithCorpus } from './open-library';
import { startRuntime } from './start-runtime';
import { defaultDbPath, LAWYER_QUERIES } from '../backbone/paths';
import type { QuerySetTables } from '../contract/evaluation-types';
import type { EvalQuery } from '../backbone/eval/stard-queries';

const { values } = parseArgs({
  options: {
    ...QUERY_SET_OPTIONS,
    ...DRY_RUN_OPTION,
    embedder: { type: 'string' },
    reranker: { type: 'string' },
    preset: { type: 'string' },
    k: { type: 'string' },
    n: { type: 'string' },
    retriever: { type: 'string' },
    tables: { type: 'string', default: 'all' },
    'max-k': { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    'run-out': { type: 'string' },
    'qrels-out': { type: 'string' },
    report: { type: 'string' },
    'report-json': { type: 'string' },
    qrels: { type: 'string' },
    run: { type: 'string' },
    'fusion-grid': { type: 'string' },
    /** The lawyer-style query set measured beside --queries ('none': only --queries). */
    'lawyer-queries': { type: 'string', default: LAWYER_QUERIES },
  },
});

function usage(message: string): never {
  process.stderr.write(`eval: ${message}\nSee the README's "Measuring" section for the options.\n`);
  process.exit(2);
}

const int = (name: string, v: string | undefined, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min || x > max) usage(`--${name} must be an integer from ${min} to ${max} (got ${v})`);
  return x;
};


const out = (value: unknown, text: () => string) => console.log(values.json ? JSON.stringify(value, null, 2) : text());

// Mode 1: score an existing run (any system's) against qrels.
if (values.qrels || values.run) {
  if (!values.qrels || !values.run) usage('--qrels and --run go together');
  const qrels = parseQrels(readFileSync(values.qrels, 'utf8'), values.qrels);
  const run = parseAnyRun(readFileSync(values.run, 'utf8'), values.run);
  const score = scoreRun(run, qrels, ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10']);
  out(score, () => [`${values.run} against ${values.qrels}: ${score.queries} queries (${score.missingFromRun} missing from the run, ${score.notInQrels} run queries not judged)`,
    ...Object.entries(score.metrics).map(([k, v]) => `  ${k.padEnd(8)} ${v.toFixed(3)}`)].join('\n'));
  process.exit(0);
}

const split = values.split as Split;
if (!['train', 'validation', 'all'].includes(split)) usage('--split must be train, validation or all');
if (values.preset && !(values.preset in PRESETS)) usage('--preset must be quick, standard or research');
if (values.retriever && !['dense', 'lexical', 'hybrid'].includes(values.retriever)) usage('--retriever must be dense, lexical or hybrid');
if (!['all', 'none'].includes(values.tables)) usage('--tables must be all or none');
if (!values.queries) usage('--queries <file in STARD format> is required');
const maxK = int('max-k', values['max-k'], 1, 1000)!;
const kFlag = int('k', values.k, 1, 1000);
const nFlag = int('n', values.n, 0, 200);
if (values['dry-run']) {
  dryRunAndExit('eval', {
    queries: values.queries,
    reads: { lawyerQueries: values['lawyer-queries'] === 'none' ? undefined : values['lawyer-queries'], models: values.models ?? ['models'] },
    writes: { db: values.db ?? defaultDbPath() },
  });
}

const lib = openLibraryWithCorpus(values.db);
// Lexical search as the app and the service run it: from the in-memory copy of the FTS5 index
// (identical scores; LEXBONE_MEMORY_BM25=0 measures FTS5 itself).
await lib.warmLexical();
const progress = progressLine(process.stderr);
const onProgress = (phase: string, done: number, total: number) => progress.update(phase, done, total);
const queries = loadStardQueries(resolve(values.queries), lib.searchService).filter((q) => inSplit(q.id, split, Number(values.seed)));
const lawyerFile = values['lawyer-queries'] === 'none' ? null : resolve(values['lawyer-queries']!);
// The lawyer-style set is validation data only (none of it is trained on): all of it is measured,
// but for the queries none of whose articles this library holds (another firm's library).
const lawyerAll = lawyerFile ? loadStardQueries(lawyerFile, lib.searchService) : [];
const lawyer = lawyerAll.filter((q) => q.relevant.size > 0);
const unresolved = queries.flatMap((q) => q.unresolved);

if (values['fusion-grid']) {
  const grid = await fusionGrid(lib, queries, resolve(values['fusion-grid']), onProgress);
  progress.done();
  out(grid, () => [`dense ${grid.model}: ${JSON.stringify(grid.dense)}`, ...grid.hybrid.map((h) => `hybrid lexical weight ${h.lexicalWeight}: ${JSON.stringify(h.metrics)}`)].join('\n'));
  lib.close();
  process.exit(0);
}

if (values['qrels-out']) {
  // The query set's relevance judgments as TREC qrels, documents named like the run file's citations.
  const name = lib.db.prepare('SELECT l.title, a.label FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?');
  const lines = queries.flatMap((q) => [...q.relevant].map((id) => {
    const r = name.get(id) as { title: string; label: string };
    return `${q.id} 0 ${formatStardName(r.title, r.label)} 1`;
  }));
  writeFileAtomic(values['qrels-out'], lines.join('\n') + '\n');
}

const modelDirs = (values.models ?? ['models']).map((d) => resolve(d));
const { runtime, close } = await startRuntime(lib, { modelDirs, embedder: null, reranker: null, batchSize: 128 }, onProgress);
try {
  const installed: Installed[] = runtime.status().installed.map((m) => ({ id: m.id, role: m.role, stage: m.stage }));
  // The pipeline's models: named, else the active backbone version's, else what the app would choose.
  const version = lib.activeVersion();
  await runtime.apply({
    embedder: values.embedder ?? (version ? version.embedderId : undefined),
    reranker: values.reranker ?? (version ? version.rerankerId : undefined),
  });
  await runtime.idle();
  const chosen = { embedder: runtime.status().embedder?.id ?? null, reranker: runtime.status().reranker?.id ?? null };
  if (values.embedder && chosen.embedder !== values.embedder) usage(`no installed embedder has the id ${values.embedder} (installed: ${installed.filter((m) => m.role === 'embedder').map((m) => m.id).join(', ') || 'none'})`);
  if (values.reranker && chosen.reranker !== values.reranker) usage(`no installed reranker has the id ${values.reranker} (installed: ${installed.filter((m) => m.role === 'reranker').map((m) => m.id).join(', ') || 'none'})`);

  // Budgets: one named or explicit, else the three presets.
  const retriever = values.retriever as 'dense' | 'lexical' | 'hybrid' | undefined;
  const presets = version?.presets ?? PRESETS;
  const budgets: { name: string; preset: PresetName | null; k: number; n: number }[] =
    kFlag !== undefined || nFlag !== undefined
      ? [{ name: 'custom', preset: null, k: kFlag ?? presets[(values.preset as PresetName) ?? 'standard'].k, n: nFlag ?? presets[(values.preset as PresetName) ?? 'standard'].n }]
      : values.preset
        ? [{ name: values.preset, preset: values.preset as PresetName, ...presets[values.preset as PresetName] }]
        : (Object.keys(PRESETS) as PresetName[]).map((p) => ({ name: p, preset: p, ...presets[p] }));
  for (const b of budgets) if (b.n > b.k) usage(`N (${b.n}) must not exceed K (${b.k})`);

  /** The three tables for one query set; the run of its last budget (the --run-out file). */
  const measure = async (set: EvalQuery[], label: string) => {
    const say: typeof onProgress = (phase, d, t) => onProgress(`${label}${phase}`, d, t);
    let embedders: Row[] = [];
    let rerankers: Row[] = [];
    let curves: { name: string; recall: number[] }[] = [];
    if (values.tables === 'all') {
      const t = await embedderTable(lib, runtime, set, installed.filter((m) => m.role === 'embedder'), maxK, say);
      embedders = t.rows;
      curves = t.curves;
      if (chosen.embedder) {
        const h = await hybridRow(lib, runtime, set, chosen.embedder, maxK, say);
        embedders.push(h.row);
        curves.push(h.curve);
      }
      const standard = { k: presets.standard.k, n: presets.standard.n, retriever };
      rerankers = await rerankerTable(lib, runtime, set, chosen.embedder, installed.filter((m) => m.role === 'reranker'), standard, say);
    }
    await serve(runtime, chosen.embedder, chosen.reranker);
    const pipeline: PipelineTableRow[] = [];
    let runText = '';
    for (const b of budgets) {
      const measured = await runQuerySet(lib, set, { k: b.k, n: b.n, retriever }, (d, t) => progress.update(`${label}pipeline ${b.name}`, d, t));
      pipeline.push(pipelineRow(b.name, b.preset, { k: b.k, n: b.n, retriever }, measured));
      if (b === budgets[budgets.length - 1]) {
        runText = formatRunTsv(measured.results.flatMap((r) => r.citations.map((c, i) => ({ queryId: r.query.id, rank: i + 1, citation: c.citation, score: c.score }))));
      }
    }
    return { embedders, rerankers, curves, pipeline, runText };
  };
  const main = await measure(queries, '');
  const { embedders, rerankers, curves, pipeline, runText } = main;
  const lawyerTables = lawyer.length ? await measure(lawyer, 'lawyer: ') : null;
  progress.done();
  if (values['run-out']) writeFileAtomic(values['run-out'], runText);

  const toPipelineRows = (rows: PipelineTableRow[]) => rows.map((p) => ({
    name: `${p.name}: ${p.embedder ?? 'lexical'} → ${p.reranker ?? 'no reranker'}`, preset: p.preset, k: p.k, n: p.n, metrics: p.metrics,
    latencyMs: { p50: p.latencyMs.total.p50, p95: p.latencyMs.total.p95, 'dense p95': p.latencyMs.dense.p95, 'lexical p95': p.latencyMs.lexical.p95, 'rerank p95': p.latencyMs.rerank.p95 },
  }));
  const querySets: QuerySetTables[] = lawyerTables
    ? [{ id: 'lawyer', source: values['lawyer-queries']!, queries: lawyer.length, split: 'all', embedderTable: lawyerTables.embedders, rerankerTable: lawyerTables.rerankers, pipelineTable: toPipelineRows(lawyerTables.pipeline) }]
    : [];
  const result = {
    queries: queries.length, split, unresolved, models: chosen, embedders, rerankers, pipeline,
    curves: curves.map((c) => ({ name: c.name, recall: c.recall.map((x) => Math.round(x * 10000) / 10000) })),
    ...(lawyerTables ? { lawyer: { queries: lawyer.length, skipped: lawyerAll.length - lawyer.length, unresolved: lawyerAll.flatMap((q) => q.unresolved), embedders: lawyerTables.embedders, rerankers: lawyerTables.rerankers, pipeline: lawyerTables.pipeline } } : {}),
  };
  const report: EvalReport = {
    title: `Lexbone evaluation — ${values.queries.split('/').pop()} (${split})`,
    createdAt: new Date().toISOString(),
    queries: queries.length,
    split,
    embedderTable: embedders,
    rerankerTable: rerankers,
    pipelineTable: toPipelineRows(pipeline),
    ...(querySets.length ? { querySets } : {}),
    curves,
    presets: (Object.keys(PRESETS) as PresetName[]).map((p) => ({ name: p, k: presets[p].k })),
    models: chosen,
    notes: unresolved.length ? [`${unresolved.length} relevant names did not resolve to an article: ${unresolved.slice(0, 5).join(', ')}…`] : [],
  };
  if (values.report) {
    writeFileAtomic(values.report, toHtml(report));
    const md = join(dirname(values.report), values.report.replace(/^.*\//, '').replace(/\.html?$/, '') + '.md');
    writeFileAtomic(md, toMarkdown(report));
    process.stderr.write(`report: ${values.report}, ${md}\n`);
  }
  if (values['report-json']) {
    writeFileAtomic(values['report-json'], JSON.stringify(report, null, 1) + '\n');
    process.stderr.write(`report: ${values['report-json']}\n`);
  }
  out(result, () => toMarkdown(report));
} finally {
  await close();
  lib.close();
}
