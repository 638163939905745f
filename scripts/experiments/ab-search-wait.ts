/**
 * How long the app's own search waits while an A/B preparation runs, and what the preparation costs
 * in the inference host's memory.
 *   npx tsx scripts/experiments/ab-search-wait.ts [--corpus fixture|bundled] [--queries 60] [--rounds 3]
 * One app service with the built-in models; the active version serves builtin-*-stage2, A is the
 * active version, B builtin-*-stage1. Per round: a search with nothing else running (idle), then a
 * preparation of --queries STARD questions with the same search issued once a quarter of the
 * preparation's searches are done (during). Prints one JSON object: preparation time, idle and
 * during latencies, and the host's resident memory (VmRSS, MB) before, at its highest during, and
 * after the preparations.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppService } from '../../electron/backbone/app-service';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { Library } from '../../electron/backbone/library';
import { BUNDLED_CORPUS } from '../../electron/backbone/paths';

const ROOT = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { corpus: { type: 'string', default: 'fixture' }, queries: { type: 'string', default: '60' }, rounds: { type: 'string', default: '3' } },
});
const corpus = values.corpus === 'bundled' ? BUNDLED_CORPUS : join(ROOT, 'tests', 'fixtures', 'corpus');
const questions = (JSON.parse(readFileSync(join(ROOT, '..', 'shared', 'data', 'stard', 'queries.train.json'), 'utf8')) as { 问题: string }[])
  .map((r) => r['问题']).slice(0, Number(values.queries));

const dbPath = join(mkdtempSync(join(tmpdir(), 'lexbone-abwait-')), 'lexbone.db');
const lib = new Library(dbPath);
lib.import(corpus);
const active = lib.createVersion({ label: 'stage2', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2' });
const other = lib.createVersion({ label: 'stage1', embedderId: 'builtin-embedder-stage1', rerankerId: 'builtin-reranker-stage1' });
lib.activateVersion(active.id);
lib.close();

const service = createAppService({
  dbPath, corpusPath: null, importWorkerPath: join(ROOT, 'electron/server/import-worker-tsx.mjs'),
  modelDirs: [join(ROOT, 'models')], spawnInferenceHost: () => forkNodeHost(join(ROOT, 'electron/server/inference-host-tsx.mjs')), evaluationPath: null,
});
service.start();
await service.idle();

const rssMb = async (): Promise<number | null> => {
  const pid = (await service.handlers.models({})).inference?.pid;
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
};
const search = async () => {
  const t = performance.now();
  const res = await service.handlers.search({ query: '违约金过高可以要求减少吗', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' });
  return { ms: Math.round(performance.now() - t), embedder: res.models.embedder };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rounds: unknown[] = [];
const before = await rssMb();
let peak = before ?? 0;
for (let r = 0; r < Number(values.rounds); r++) {
  const idle = await search();
  const t0 = performance.now();
  const job = await service.handlers.prepareAb({ a: active.id, b: other.id, queries: questions, preset: 'standard' });
  let during: { ms: number; embedder: string | null } | null = null;
  let issuedAt: number | null = null;
  for (;;) {
    const s = (await service.handlers.abSessions({})).find((x) => x.id === job.id)!;
    peak = Math.max(peak, (await rssMb()) ?? 0);
    if (s.state !== 'preparing') {
      if (s.state !== 'ready') throw new Error(JSON.stringify(s.error));
      break;
    }
    if (!during && issuedAt === null && s.progress && s.progress.done >= s.progress.total / 4) {
      issuedAt = Math.round(performance.now() - t0);
      void search().then((d) => (during = d));
    }
    await sleep(20);
  }
  const prepareMs = Math.round(performance.now() - t0);
  while (!during) await sleep(5);
  rounds.push({ prepareMs, idle, during, duringIssuedAtMs: issuedAt });
}
await sleep(500);
console.log(JSON.stringify({ corpus: values.corpus, queries: questions.length, rounds, hostRssMb: { before, peak, after: await rssMb() } }, null, 1));
await service.close();
