/**
 * Load test of the HTTP service: closed-loop clients searching for a fixed time; prints one JSON object.
 *   npm run load -- [--url http://127.0.0.1:4870] [--clients 32] [--seconds 60] [--preset standard]
 *                   [--queries <STARD json>] [--key <api key>] [--warmup 3]
 *                   [--db <library to copy>] [--corpus <file>] [--models <dir>]…
 * Without --url it starts its own service on a free loopback port over a fresh library in a
 * temporary folder (a copy of --db, or the bundled statutes imported and indexed first) and stops
 * it afterwards. The npm script passes the developers' STARD train questions (never shipped);
 * without a query file, built-in sample questions are sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, unexpectedErrors } from './load-clients';
import { DRY_RUN_OPTION, dryRunAndExit } from './dry-run';
import { startOwnServer, type OwnServer } from './load-server';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '60' },
    preset: { type: 'string', default: 'standard' },
    queries: { type: 'string' },
    key: { type: 'string', default: process.env.LEXBONE_API_KEY },
    warmup: { type: 'string', default: '3' },
    db: { type: 'string' },
    corpus: { type: 'string' },
    models: { type: 'string', multiple: true },
    ...DRY_RUN_OPTION,
  },
});

const SAMPLE_QUERIES = [
  '离婚后孩子抚养费怎么算', '公司拖欠工资怎么办', '交通事故责任认定', '违约金过高可以要求减少吗', '房屋租赁合同到期不退押金',
  '未签劳动合同二倍工资', '醉酒驾驶机动车如何处罚', '遗嘱继承和法定继承哪个优先', '个体工商户的债务', '商标侵权赔偿标准',
];

const log = (s: string) => process.stderr.write(s + '\n');

function positive(name: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    log(`usage error: --${name} must be a positive number, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
}

function readQueries(path: string | undefined): { texts: string[]; source: string } {
  if (!path || !existsSync(path)) {
    if (path) log(`warning: ${resolve(path)} does not exist; sending built-in sample questions.`);
    return { texts: SAMPLE_QUERIES, source: 'built-in samples' };
  }
  const rows = JSON.parse(readFileSync(path, 'utf8')) as { 问题?: string; query?: string }[];
  const texts = rows.map((r) => r['问题'] ?? r.query ?? '').filter((t) => t.trim() !== '');
  return { texts, source: resolve(path) };
}

const clients = Math.round(positive('clients', values.clients));
const seconds = positive('seconds', values.seconds);
const warmup = Number(values.warmup ?? 0);
if (values['dry-run']) {
  dryRunAndExit('load', { queries: values.queries, reads: { db: values.db, corpus: values.corpus, models: values.models } });
}
const queries = readQueries(values.queries);

let own: OwnServer | null = null;
try {
  let url = values.url;
  if (!url) {
    log(values.db ? `Starting a service over a copy of ${values.db}…` : 'Starting a service over a fresh library (importing and indexing the bundled statutes)…');
    own = await startOwnServer({
      copyDb: values.db && resolve(values.db), corpus: values.corpus && resolve(values.corpus), modelDirs: values.models?.map((m) => resolve(m)),
    });
    url = own.url;
  }
  if (warmup > 0) {
    log(`Warm-up: ${warmup} s…`);
    await runLoad({ url, clients, seconds: warmup, preset: values.preset!, queries: queries.texts.slice().reverse(), apiKey: values.key });
  }
  log(`Load: ${clients} clients × ${seconds} s on ${values.preset} against ${url} (${queries.texts.length} queries from ${queries.source})…`);
  const report = await runLoad({ url, clients, seconds, preset: values.preset!, queries: queries.texts, apiKey: values.key });
  console.log(JSON.stringify({ ...report, url: own ? 'own service' : url, queries: { count: queries.texts.length, source: queries.source } }, null, 2));
  const bad = unexpectedErrors(report);
  if (Object.keys(bad).length) log(`errors other than 429: ${JSON.stringify(bad)} ${JSON.stringify(report.errors)}`);
  process.exitCode = Object.keys(bad).length ? 1 : 0;
} catch (e) {
  log(`error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await own?.stop();
}
