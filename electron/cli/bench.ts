/**
 * Speed measurements behind every timing claim in the README. One run prints one JSON object.
 *   npm run bench -- [--corpus resources/corpus/laws-cn.jsonl.gz] [--queries <STARD json>] [--models <dir>]
 *                    [--dimension 256] [--max-queries 300]
 * Imports the corpus into a fresh temporary database (twice: the second must add nothing), builds
 * the vector index with the embedder (the built-ins in models/, or an untrained lexbone-static model
 * written for the run), then times every preset through the real pipeline and inference process,
 * and dense search against a naive JS brute-force scan of the same vectors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SearchRequest } from '../contract/schemas';
import { loadEmbedder } from '../backbone/inference/load-model';
import { listModels } from '../backbone/inference/registry';
import { Library } from '../backbone/library';
import { PRESETS } from '../backbone/pipeline/presets';
import { bruteForceBaseline, percentiles } from './bench-baseline';
import { benchMcpStdio } from './bench-mcp';
import { BUNDLED_CORPUS } from './commands';
import { processMemory } from '../backbone/memory-usage';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';
import { progressLine } from './progress-line';
import { startRuntime } from './start-runtime';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: BUNDLED_CORPUS },
    /** A STARD-format query file whose questions are timed; without one, built-in sample questions. */
    queries: { type: 'string', default: '' },
    models: { type: 'string', default: here('../../models') },
    dimension: { type: 'string', default: '256' }, // the trainer's default size
    'max-queries': { type: 'string', default: '300' },
    ...DRY_RUN_OPTION,
  },
});

const SAMPLE_QUERIES = [
  '离婚后孩子抚养费怎么算', '公司拖欠工资怎么办', '交通事故责任认定', '违约金过高可以要求减少吗', '房屋租赁合同到期不退押金',
  '未签劳动合同二倍工资', '醉酒驾驶机动车如何处罚', '遗嘱继承和法定继承哪个优先', '个体工商户的债务', '商标侵权赔偿标准',
];
if (values['dry-run']) dryRunAndExit('bench', { queries: values.queries || undefined, reads: { corpus: values.corpus, models: values.models } });
const log = (s: string) => process.stderr.write(s + '\n');
const dir = mkdtempSync(join(tmpdir(), 'lexbone-bench-'));
const dbPath = join(dir, 'bench.db');
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** The reverse reference index after the import: rows, pages on disk (dbstat) and its build time. */
function referenceIndexSize(lib: Library, buildMs: number) {
  const one = (sql: string): number => (lib.db.prepare(sql).get() as { n: number | null }).n ?? 0;
  let kb: number | null = null;
  try {
    kb = Math.round(one("SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('article_refs', 'article_refs_from')") / 1024);
  } catch {
    /* SQLite built without dbstat */
  }
  return {
    rows: one('SELECT count(*) AS n FROM article_refs'), citedArticles: one('SELECT count(DISTINCT to_article_id) AS n FROM article_refs'),
    buildMs: Math.round(buildMs), kb,
  };
}

/**
 * The main process's memory at each phase's end: its peak so far (maxRss) says in which phase the
 * peak was reached, the rest what is resident then (V8 heap, external memory: Buffers and typed
 * arrays) — and the inference host's at the same moments once it runs.
 */
type Memory = ReturnType<typeof processMemory>;
const phases: ({ phase: string } & Memory & { host?: Memory })[] = [];
const phase = (name: string, host?: Memory) => phases.push({ phase: name, ...processMemory(), ...(host && { host }) });
/** The host's memory without its pid and holders (those are reported once, at the end). */
const hostMemory = ({ pid: _pid, holders: _holders, ...m }: Memory & { pid: number; holders: unknown }): Memory => m;
/** SQLite's page cache limit for a connection in MB (cache_size: negative in KiB, else pages). */
const cacheLimitMb = (db: Library['db']): number => {
  const n = Number(db.pragma('cache_size', { simple: true }));
  const bytes = n < 0 ? -n * 1024 : n * Number(db.pragma('page_size', { simple: true }));
  return Math.round(bytes / 104857.6) / 10;
};

try {
  phase('start');
  const lib = new Library(dbPath);
  const progress = progressLine(process.stderr);
  let t = performance.now();
  // The reverse reference index is rebuilt inside the import: its phase is timed on its own.
  let refsStarted = 0;
  let refsMs = 0;
  const first = lib.import(resolve(values.corpus!), {
    onProgress: (p, d, n) => {
      if (p === 'references' && d === 0) refsStarted = performance.now();
      if (p === 'references' && d === 1) refsMs = performance.now() - refsStarted;
      progress.update(p, d, n);
    },
  });
  const importS = (performance.now() - t) / 1000;
  const references = referenceIndexSize(lib, refsMs);
  progress.done();
  t = performance.now();
  const second = lib.import(resolve(values.corpus!));
  const reimportS = (performance.now() - t) / 1000;
  const rssAfterImportMb = Math.round(process.resourceUsage().maxRSS / 1024);
  phase('import and re-import');

  // Models: the installed built-ins when there are any, else an untrained lexbone-static + linear reranker.
  let modelDirs = [resolve(values.models!)];
  let modelsNote = 'installed models';
  if (listModels(modelDirs).models.length === 0) {
    const benchModels = join(dir, 'models');
    mkdirSync(benchModels);
    t = performance.now();
    // In a child process, so that writing the models does not count in this process's peak memory.
    const r = spawnSync(process.execPath, ['--import', 'tsx', here('./bench-models.ts'), dbPath, benchModels, values.dimension!], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('writing the benchmark models failed');
    modelsNote = `untrained lexbone-static (dim ${values.dimension}) + hand-set linear lexbone-features, written in ${round((performance.now() - t) / 1000)} s`;
    modelDirs = [benchModels];
  }
  t = performance.now();
  const { runtime, client, close } = await startRuntime(lib, { modelDirs, batchSize: 128 }, (p, d, n) => progress.update(p, d, n));
  progress.done();
  const indexS = (performance.now() - t) / 1000;
  const status = runtime.status();
  phase('models loaded, articles indexed', hostMemory(await client.ping()));

  const queryFile = values.queries ? resolve(values.queries) : '';
  const all = queryFile && existsSync(queryFile)
    ? (JSON.parse(readFileSync(queryFile, 'utf8')) as { 问题: string }[]).map((q) => q['问题'])
    : Array.from({ length: 30 }, () => SAMPLE_QUERIES).flat();
  const texts = all.slice(0, Number(values['max-queries']));
  await lib.warmLexical(); // lexical search as the app runs it (search/memory-bm25.ts)
  phase('lexical mirror built');
  for (const q of texts.slice(0, 10)) await lib.search(SearchRequest.parse({ query: q })); // warm-up
  phase('warm-up searches', hostMemory(await client.ping()));

  const presets: Record<string, unknown> = {};
  for (const name of Object.keys(PRESETS) as (keyof typeof PRESETS)[]) {
    const ms: number[] = [];
    const stage = { lexicalMs: [] as number[], denseMs: [] as number[], rerankMs: [] as number[] };
    for (const query of texts) {
      const s = performance.now();
      const res = await lib.search(SearchRequest.parse({ query, preset: name }));
      ms.push(performance.now() - s);
      stage.lexicalMs.push(res.timings.lexicalMs);
      stage.denseMs.push(res.timings.denseMs);
      stage.rerankMs.push(res.timings.rerankMs);
    }
    presets[name] = {
      k: PRESETS[name].k, n: PRESETS[name].n, ...percentiles(ms),
      stagesP50: { lexical: percentiles(stage.lexicalMs).p50, dense: percentiles(stage.denseMs).p50, rerank: percentiles(stage.rerankMs).p50 },
      // Reranking K candidates (features, the host's batched inference, IPC), what the reranker's latency targets bound.
      stagesP95: { lexical: percentiles(stage.lexicalMs).p95, dense: percentiles(stage.denseMs).p95, rerank: percentiles(stage.rerankMs).p95 },
    };
    phase(`${name} searches`, hostMemory(await client.ping()));
    log(`${name.padEnd(9)} K=${PRESETS[name].k} N=${PRESETS[name].n}: p50 ${percentiles(ms).p50} ms, p95 ${percentiles(ms).p95} ms; reranking ${PRESETS[name].k}: p50 ${percentiles(stage.rerankMs).p50} ms, p95 ${percentiles(stage.rerankMs).p95} ms`);
  }

  const host = await client.ping();
  const mainRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const mirror = lib.lexical.mirrorSize();
  const baseline = await bruteForceBaseline(lib, runtime, texts);
  // One query embedded at a time on one thread, in this process (the embedder's own cost, no IPC).
  let queryEmbeddingMs: ReturnType<typeof percentiles> | null = null;
  if (status.embedder) {
    const embedder = await loadEmbedder(status.embedder.dir, { threads: 1 });
    for (const q of texts.slice(0, 10)) await embedder.embed([q], 'query');
    const ms: number[] = [];
    for (const q of texts) {
      const s = performance.now();
      await embedder.embed([q], 'query');
      ms.push(performance.now() - s);
    }
    queryEmbeddingMs = percentiles(ms);
    await embedder.close();
    log(`query embedding (1 thread): p50 ${queryEmbeddingMs.p50} ms, p95 ${queryEmbeddingMs.p95} ms`);
  }
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  // The stdio MCP server over the same library and models (its own process and inference host).
  const mcpStdio = await benchMcpStdio(dbPath, modelDirs, texts);
  log(`search_statutes over stdio MCP: adds p50 ${mcpStdio.overheadMs.p50} ms, p95 ${mcpStdio.overheadMs.p95} ms to the search (round trip p95 ${mcpStdio.roundTripMs.p95} ms)`);
  const result = {
    corpus: values.corpus,
    models: { note: modelsNote, embedder: status.embedder?.id, reranker: status.reranker?.id, provider: status.embedder?.provider.active },
    import: { seconds: round(importS), articles: first.articlesAdded, articlesPerSecond: Math.round(first.articlesAdded / importS) },
    reimport: { seconds: round(reimportS), articlesAdded: second.articlesAdded },
    references,
    indexing: {
      seconds: round(indexS), articles: status.index?.articles, articlesPerSecond: Math.round((status.index?.articles ?? 0) / indexS),
      quantization: status.index?.quantization,
    },
    dbMB: round(statSync(dbPath).size / 1048576),
    queries: { count: texts.length, source: queryFile && existsSync(queryFile) ? queryFile : 'built-in samples' },
    presetLatencyMs: presets,
    denseTop60: baseline,
    mcpStdio,
    queryEmbeddingMs,
    // Peak resident memory before the naive baseline loads its own copy of the vectors.
    peakRssMb: { main: mainRssMb, mainAfterImport: rssAfterImportMb, inferenceHost: host.maxRssMb, total: mainRssMb + host.maxRssMb },
    // What holds it: both processes at each phase's end (maxRssMb: the peak so far, so the phase
    // where it rises is where the peak was reached), and the in-memory copies each one serves from.
    // Besides these, resident memory is Node itself (≈ 40 MB of code, ≈ 35 MB more under tsx),
    // SQLite's page cache (2 MB a connection) and, in the host, ONNX Runtime with its sessions.
    memory: {
      phases,
      holders: {
        main: {
          lexicalMirror: mirror, // the BM25 postings' arrays; its token map is in heapUsed
          sqliteCacheLimitMb: cacheLimitMb(lib.db),
        },
        inferenceHost: host.holders, // the vector copy the batched exact scan reads (float32)
      },
    },
  };
  console.log(JSON.stringify(result, null, 2));
  await close();
  lib.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
