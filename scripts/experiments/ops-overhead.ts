/**
 * What the service's operations layer (metrics, gate, audit, timeout, admission queue) costs, and
 * how the admission limit --max-inflight shapes throughput, measured as ratios in one run so that
 * a busy machine shifts both sides alike.
 *   npx tsx scripts/experiments/ops-overhead.ts [--db <file>] [--clients 32] [--seconds 5] [--rounds 2] [--inflight 1,2,4,8]
 * One app service (the built-in models, the bundled corpus imported on first use of --db) behind
 * several HTTP servers on 127.0.0.1: one without middleware, one per --inflight value with the full
 * chain. Each round runs every server in turn for --seconds with --clients closed-loop clients on
 * `standard`; prints one JSON object (q/s, p50/p95 ms, 429s, and ratios to the bare server).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppService } from '../../electron/backbone/app-service';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { BUNDLED_CORPUS } from '../../electron/backbone/paths';
import { createHttpServer } from '../../electron/server/http-server';
import { createServiceOps } from '../../electron/server/service-ops';

const ROOT = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    inflight: { type: 'string', default: '1,2,4,8' },
  },
});
const QUERIES = ['离婚后孩子抚养费怎么算', '公司拖欠工资怎么办', '交通事故责任认定', '违约金过高可以要求减少吗', '房屋租赁合同到期不退押金',
  '未签劳动合同二倍工资', '醉酒驾驶机动车如何处罚', '遗嘱继承和法定继承哪个优先', '个体工商户的债务', '商标侵权赔偿标准'];

const dbPath = resolve(values.db ?? join(mkdtempSync(join(tmpdir(), 'lexbone-ops-')), 'lexbone.db'));
const service = createAppService({
  dbPath, corpusPath: BUNDLED_CORPUS, importWorkerPath: join(ROOT, 'electron/server/import-worker-tsx.mjs'),
  modelDirs: [join(ROOT, 'models')], spawnInferenceHost: () => forkNodeHost(join(ROOT, 'electron/server/inference-host-tsx.mjs')), evaluationPath: null,
});
service.start();
process.stderr.write(`preparing ${dbPath} (import and index on first use)…\n`);
await service.idle();

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const targets: { name: string; url: string; server: Server }[] = [];
const bare = createHttpServer({ handlers: service.handlers });
targets.push({ name: 'bare', url: await listen(bare), server: bare });
for (const c of values.inflight.split(',').map(Number)) {
  const ops = createServiceOps({ maxInflight: c, maxQueue: 64, requestTimeoutMs: 30_000, audit: { dir: join(tmpdir(), `lexbone-ops-audit-${process.pid}`) }, health: () => service.health() });
  const server = createHttpServer({ handlers: service.handlers, middleware: ops.middleware(), routes: ops.routes });
  targets.push({ name: `ops inflight=${c}`, url: await listen(server), server });
}

async function load(url: string, clients: number, ms: number) {
  const end = performance.now() + ms;
  const lat: number[] = [];
  let refused = 0;
  let errors = 0;
  let i = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${url}/api/v1/search`, { method: 'POST', body: JSON.stringify({ query: QUERIES[i++ % QUERIES.length], preset: 'standard', limit: 10 }) });
        await res.arrayBuffer();
        if (res.status === 429) refused++;
        else if (res.status !== 200) errors++;
        else lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const q = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! * 10) / 10;
  return { qps: Math.round((lat.length / ms) * 10000) / 10, p50: q(0.5), p95: q(0.95), refused, errors };
}

const clients = Number(values.clients);
const ms = Number(values.seconds) * 1000;
const results: Record<string, { qps: number; p50: number; p95: number; refused: number; errors: number }[]> = {};
for (let r = 0; r < Number(values.rounds); r++) {
  for (const t of targets) {
    (results[t.name] ??= []).push(await load(t.url, clients, ms));
    process.stderr.write(`round ${r + 1} ${t.name}: ${JSON.stringify(results[t.name]!.at(-1))}\n`);
  }
}
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
const summary = Object.fromEntries(Object.entries(results).map(([name, rs]) => [name, {
  qps: mean(rs.map((x) => x.qps)), p50: mean(rs.map((x) => x.p50)), p95: mean(rs.map((x) => x.p95)),
  refused: rs.reduce((a, x) => a + x.refused, 0), errors: rs.reduce((a, x) => a + x.errors, 0),
}]));
const base = summary.bare!;
const ratios = Object.fromEntries(Object.entries(summary).map(([n, s]) => [n, { qps: Math.round((s.qps / base.qps) * 100) / 100, p95: Math.round((s.p95 / base.p95) * 100) / 100 }]));
process.stdout.write(JSON.stringify({ clients, seconds: ms / 1000, rounds: Number(values.rounds), summary, ratiosToBare: ratios }, null, 2) + '\n');
for (const t of targets) t.server.close();
await service.close();
