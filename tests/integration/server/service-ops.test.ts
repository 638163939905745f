/**
 * The service's operations layer over real HTTP on 127.0.0.1, in front of a real app service (the
 * fixture corpus, the built-in models in a real inference host): the admission queue refusing with
 * 429 + Retry-After, the per-request timeout freeing slots and aborting the search, /healthz and
 * /readyz, /metrics read back, and the audit log with and without query texts.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { nearestRank } from '../../../electron/backbone/eval/percentile';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import type { ApiHandlers, HandlerCall } from '../../../electron/contract/api';
import type { HostChannel } from '../../../electron/backbone/inference/host-protocol';
import type { Readiness } from '../../../electron/contract/ops-types';
import { createHttpServer } from '../../../electron/server/http-server';
import type { ApiMiddleware } from '../../../electron/server/middleware';
import { createServiceOps, type ServiceOps, type ServiceOpsOptions } from '../../../electron/server/service-ops';
import { AuditLog } from '../../../electron/server/audit-log';
import { BUILTIN_MODELS, INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { parseExposition, samplesOf, valueOf } from '../../helpers/prometheus-text';

const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const tempDir = useTempDirs('all');
let service: AppService;
let dir: string;
const servers: Server[] = [];
/** The inference host processes the service started (the last one serves). */
const hosts: HostChannel[] = [];

/** Plays the access engineer's keys middleware: the calling application from a header. */
const callerFromHeader: ApiMiddleware = (ctx, next) => {
  const app = ctx.req.headers['x-test-app'];
  if (typeof app === 'string') ctx.caller = { name: app, scopes: ['search'] };
  return next();
};

interface Served {
  base: string;
  ops: ServiceOps;
}

async function serve(opts: Partial<ServiceOpsOptions> & { handlers?: ApiHandlers; of?: AppService } = {}): Promise<Served> {
  const of = opts.of ?? service;
  const ops = createServiceOps({ maxInflight: 4, maxQueue: 64, requestTimeoutMs: 30_000, audit: null, health: () => of.health(), ...opts });
  const server = createHttpServer({ handlers: opts.handlers ?? of.handlers, middleware: ops.middleware([callerFromHeader]), routes: ops.routes });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, ops };
}

async function call(base: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/${method}`, { method: 'POST', body: JSON.stringify(body), headers });
  const json = (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
  return { status: res.status, json, headers: res.headers, ms: performance.now() - started };
}

const search = (base: string, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  call(base, 'search', { query: '违约金过高', limit: 5, ...body }, headers);

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const metricsOf = async (base: string) => parseExposition(await (await fetch(`${base}/metrics`)).text());
const readyOf = async (base: string) => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
};

beforeAll(async () => {
  dir = tempDir();
  const setup = new Library(join(dir, 'lexbone.db'));
  setup.import(FIXTURE_CORPUS);
  setup.close();
  service = createAppService({
    dbPath: join(dir, 'lexbone.db'), corpusPath: null, importWorkerPath: WORKER, modelDirs: [BUILTIN_MODELS],
    spawnInferenceHost: () => {
      const host = forkNodeHost(INFERENCE_HOST);
      hosts.push(host);
      return host;
    },
    evaluationPath: null,
  });
  service.start();
  await service.idle();
}, 60_000);

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await service?.close();
});

describe('backpressure', () => {
  it('refuses at once with 429 OVERLOADED and Retry-After when every slot and queue place is taken; metrics show the queue', async () => {
    const served = await serve({ maxInflight: 1, maxQueue: 1, handlerDelayMs: 600 });
    let runningDone = false;
    const running = search(served.base).finally(() => (runningDone = true));
    await until(() => served.ops.queue.inflight === 1);
    const queued = search(served.base);
    await until(() => served.ops.queue.depth === 1);
    const during = await metricsOf(served.base);
    expect(valueOf(during, 'lexbone_inflight_requests')).toBe(1);
    expect(valueOf(during, 'lexbone_queue_depth')).toBe(1);
    const refused = await search(served.base);
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe('OVERLOADED');
    expect(runningDone).toBe(false); // refused at once, not after waiting for a slot
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.json.error?.message).toContain(`${retryAfter} s`);
    const [a, b] = await Promise.all([running, queued]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((a.json.value?.hits as unknown[]).length).toBeGreaterThan(0);
    const after = await metricsOf(served.base);
    expect(valueOf(after, 'lexbone_rejected_total', { method: 'search', application: 'local' })).toBe(1);
    expect(valueOf(after, 'lexbone_requests_total', { method: 'search', status: '429', application: 'local' })).toBe(1);
    expect(valueOf(after, 'lexbone_queue_depth')).toBe(0);
  });

  it('keeps the latency of admitted requests bounded by the queue, not by the number of callers (16 clients, 2.5 s each way)', async () => {
    // Each search holds its slot ≥ 100 ms (the test knob), so the figures are about queueing, not CPU:
    // expected p95 ≈ (2 + 2) / 2 × 100 = 200 ms with a queue of 2, ≈ 16 / 2 × 100 = 800 ms without a bound.
    const run = async (base: string) => {
      const end = performance.now() + 2500;
      const lat: number[] = [];
      const statuses = new Map<number, number>();
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (performance.now() < end) {
          const r = await search(base, { preset: 'quick' });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 200) lat.push(r.ms);
          else await new Promise((res) => setTimeout(res, 50)); // a polite client backs off
        }
      }));
      lat.sort((a, b) => a - b);
      return { p95: nearestRank(lat, 0.95), served: lat.length, statuses };
    };
    const bounded = await run((await serve({ maxInflight: 2, maxQueue: 2, handlerDelayMs: 100 })).base);
    const unbounded = await run((await serve({ maxInflight: 2, maxQueue: 1000, handlerDelayMs: 100 })).base);
    console.log(`16 clients, 2 slots, 100 ms per search: queue 2 → p95 ${bounded.p95.toFixed(0)} ms, ${bounded.served} served, ` +
      `${bounded.statuses.get(429) ?? 0} refused; queue 1000 → p95 ${unbounded.p95.toFixed(0)} ms, ${unbounded.served} served (load ${(await import('node:os')).loadavg()[0]!.toFixed(2)})`);
    expect([...bounded.statuses.keys()].sort()).toEqual([200, 429]); // nothing but answers and refusals
    expect([...unbounded.statuses.keys()]).toEqual([200]);
    expect(bounded.p95).toBeLessThan(unbounded.p95 * 0.6);
  });

  it('times out a request that waited or ran too long (504 REQUEST_TIMEOUT), aborts its search and frees its slot', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const signals: AbortSignal[] = [];
    const handlers: ApiHandlers = {
      ...service.handlers,
      search: async (req, c?: HandlerCall) => {
        signals.push(c!.signal!);
        if (req.query === 'hold') await held;
        return service.handlers.search(req, c);
      },
    };
    const { base, ops } = await serve({ maxInflight: 1, maxQueue: 4, requestTimeoutMs: 400, handlers });
    const running = search(base, { query: 'hold' });
    await until(() => ops.queue.inflight === 1);
    const queued = search(base, { query: 'hold' });
    const [r, q] = await Promise.all([running, queued]);
    for (const x of [r, q]) {
      expect(x.status).toBe(504);
      expect(x.json.error?.code).toBe('REQUEST_TIMEOUT');
    }
    // Both answered while the held handler still holds: the time limit answered, not the handler.
    expect(r.json.error?.message).toContain('still running');
    // The first one's timeout gave its slot to the queued one at once (its handler ran too, and
    // timed out in turn); each handler saw its signal aborted with the timeout as the reason.
    expect(signals).toHaveLength(2);
    for (const sig of signals) {
      expect(sig.aborted).toBe(true);
      expect((sig.reason as { code?: string }).code).toBe('REQUEST_TIMEOUT');
    }
    // Both places were given back although the held handler has not returned: the next search runs.
    expect([ops.queue.inflight, ops.queue.depth]).toEqual([0, 0]);
    const next = await search(base, { query: '违约金' });
    expect(next.status).toBe(200);
    release();
    const m = await metricsOf(base);
    expect(valueOf(m, 'lexbone_request_timeouts_total', { method: 'search', application: 'local' })).toBe(2);
    expect(valueOf(m, 'lexbone_requests_total', { method: 'search', status: '504', application: 'local' })).toBe(2);
  });

  it('passes the abort through the app service into the search pipeline', async () => {
    const base = { query: '违约金过高', limit: 5, offset: 0, includeSuperseded: false } as const;
    await expect(service.handlers.search(base, { signal: AbortSignal.abort(new Error('stop')) })).rejects.toThrow();
    const ok = await service.handlers.search(base, { signal: new AbortController().signal });
    expect(ok.hits.length).toBeGreaterThan(0);
  });

  it('refuses new requests with 503 SHUTTING_DOWN and Connection: close once the gate closes, after the running ones finish', async () => {
    const { base, ops } = await serve({ maxInflight: 2, maxQueue: 4, handlerDelayMs: 500 });
    const slow = search(base);
    await until(() => ops.queue.inflight === 1);
    const drained = ops.gate.drain(5000);
    const refused = await search(base);
    expect(refused.status).toBe(503);
    expect(refused.json.error?.code).toBe('SHUTTING_DOWN');
    expect(refused.headers.get('connection')).toBe('close');
    expect((await readyOf(base)).status).toBe(503);
    expect((await readyOf(base)).body.reason).toContain('shutting down');
    const done = await slow;
    expect(done.status).toBe(200);
    expect(done.headers.get('connection')).toBe('close'); // answered during the drain: no keep-alive
    expect(await drained).toBe(true);
  });
});

describe('health and readiness', () => {
  it('/healthz answers; /readyz is ready with full search when the models and the index serve, naming no model or count', async () => {
    const { base } = await serve();
    const h = await fetch(`${base}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'up' }); // liveness only: no uptime or host facts
    const r = await readyOf(base);
    expect(r.status).toBe(200);
    // Probes carry no key: states only, not the model ids, index size or version (those need a key).
    expect(r.body).toEqual({ ready: true, search: 'full', reason: null, library: 'ready', models: 'loaded' });
  });

  it('/readyz: 503 while the first-run import runs, then ready but lexical (and says why) without models; 503 for a damaged database, naming its code but not its path', async () => {
    const fresh = tempDir();
    const importing = createAppService({ dbPath: join(fresh, 'lexbone.db'), corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER, evaluationPath: null });
    importing.start();
    try {
      const { base } = await serve({ of: importing });
      const during = await readyOf(base);
      expect(during.status).toBe(503);
      expect(during.body.reason).toContain('being imported');
      await importing.idle();
      const after = await readyOf(base);
      expect(after.status).toBe(200);
      expect(after.body.search).toBe('lexical');
      expect(after.body.reason).toContain('no models are configured');
      // Asking for hybrid search without an embedder gives a degraded answer, counted as such.
      expect((await search(base, { retriever: 'hybrid' })).json.value?.degraded).toContain('no embedder');
      expect(valueOf(await metricsOf(base), 'lexbone_degraded_answers_total', { method: 'search' })).toBe(1);
      expect(valueOf(await metricsOf(base), 'lexbone_search_lexical_only')).toBe(1);
    } finally {
      await importing.close();
    }
    const damaged = join(tempDir(), 'lexbone.db');
    writeFileSync(damaged, 'this is not a database, just some bytes '.repeat(200));
    const broken = createAppService({ dbPath: damaged, corpusPath: null, importWorkerPath: WORKER, evaluationPath: null });
    broken.start();
    try {
      const { base } = await serve({ of: broken });
      const r = await readyOf(base);
      expect(r.status).toBe(503);
      expect(r.body.library).toBe('error');
      // The code says what kind of trouble; the path and SQLite's words stay for keyed callers.
      expect(r.body.reason).toContain('the library cannot be used (DB_');
      expect(JSON.stringify(r.body)).not.toContain(dirname(damaged));
      expect(JSON.stringify(r.body)).not.toContain('lexbone.db');
      expect((await call(base, 'status', {})).json.value?.error).toMatchObject({ message: expect.stringContaining(damaged) });
      expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive, just not ready
    } finally {
      await broken.close();
    }
  });
});

describe('metrics', () => {
  it('counts each request by method, status and application, with latency buckets per preset that add up', async () => {
    const { base } = await serve();
    for (let i = 0; i < 3; i++) expect((await search(base, { preset: 'quick' })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await search(base, { preset: 'standard' }, { 'x-test-app': 'firm-rag' })).status).toBe(200);
    expect((await search(base, { k: 12, n: 4 })).status).toBe(200);
    expect((await search(base, { query: '' })).status).toBe(400);
    expect((await call(base, 'article', { citation: '民法典第585条' })).status).toBe(200);
    expect((await call(base, '..%2F..%2Fetc%2Fpasswd', {})).status).toBe(404);
    const m = await metricsOf(base);
    expect(m.types.get('lexbone_request_duration_seconds')).toBe('histogram');
    expect(valueOf(m, 'lexbone_requests_total', { method: 'search', status: '200', application: 'local' })).toBe(4);
    expect(valueOf(m, 'lexbone_requests_total', { method: 'search', status: '200', application: 'firm-rag' })).toBe(2);
    expect(valueOf(m, 'lexbone_requests_total', { method: 'search', status: '400', application: 'local' })).toBe(1);
    expect(valueOf(m, 'lexbone_requests_total', { method: 'article', status: '200', application: 'local' })).toBe(1);
    // An unknown method is one bounded label, never the raw path.
    expect(valueOf(m, 'lexbone_requests_total', { method: 'unknown', status: '404', application: 'local' })).toBe(1);
    expect(m.samples.some((s) => Object.values(s.labels).some((v) => v.includes('passwd')))).toBe(false);
    const count = (preset: string, application = 'local') =>
      valueOf(m, 'lexbone_request_duration_seconds_count', { method: 'search', preset, application });
    expect(count('quick')).toBe(3);
    expect(count('standard', 'firm-rag')).toBe(2);
    expect(count('custom')).toBe(1);
    expect(count('default')).toBe(1); // the refused empty query named no preset
    for (const s of samplesOf(m, 'lexbone_request_duration_seconds_count')) {
      const { method, preset, application } = s.labels as Record<string, string>;
      const buckets = samplesOf(m, 'lexbone_request_duration_seconds_bucket', { method: method!, preset: preset!, application: application! });
      const values = buckets.map((b) => b.value);
      expect(values).toEqual([...values].sort((a, b) => a - b)); // cumulative
      expect(buckets.at(-1)!.labels.le).toBe('+Inf');
      expect(buckets.at(-1)!.value).toBe(s.value);
      expect(valueOf(m, 'lexbone_request_duration_seconds_sum', { method: method!, preset: preset!, application: application! })).toBeGreaterThan(0);
    }
    expect(valueOf(m, 'lexbone_library_articles')).toBe(18);
    expect(valueOf(m, 'lexbone_vector_index_articles')).toBe(18);
    expect(valueOf(m, 'lexbone_ready')).toBe(1);
    expect(valueOf(m, 'lexbone_search_lexical_only')).toBe(0);
    expect(valueOf(m, 'lexbone_backbone_version')).toBe(0);
    expect(valueOf(m, 'lexbone_inference_restarts_total')).toBe(0);
    expect(valueOf(m, 'lexbone_inference_errors_total', { stage: 'host' })).toBe(0);
    expect(valueOf(m, 'lexbone_queue_capacity', { limit: 'inflight' })).toBe(4);
  });
});

describe('audit log', () => {
  const linesIn = (folder: string) =>
    readdirSync(folder).flatMap((f) => readFileSync(join(folder, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));

  it('writes one JSON line per query (time, application, version, method, budget, latency, status, results, degraded) without the text by default', async () => {
    const folder = join(tempDir(), 'audit');
    const { base, ops } = await serve({ audit: { dir: folder } });
    await search(base, { preset: 'quick', query: '当事人约定的违约金过高' }, { 'x-test-app': 'firm-rag' });
    await search(base, { query: '' });
    await call(base, 'article', { citation: '民法典第585条' }); // not a query: not audited
    await ops.audit!.flush();
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const text = readFileSync(join(folder, files[0]!), 'utf8');
    expect(text).not.toContain('违约金'); // no query text unless the firm enables it
    const [ok, bad, ...rest] = linesIn(folder);
    expect(rest).toHaveLength(0);
    expect(ok).toMatchObject({ application: 'firm-rag', version: null, method: 'search', budget: { preset: 'quick', k: 20, n: 10 }, status: 200, code: null, degraded: null });
    expect(ok!.results).toBeGreaterThan(0);
    expect(typeof ok!.latencyMs).toBe('number');
    expect(Math.abs(Date.parse(ok!.time as string) - Date.now())).toBeLessThan(60_000);
    expect('query' in ok!).toBe(false);
    expect(bad).toMatchObject({ application: 'local', method: 'search', status: 400, code: 'INVALID_REQUEST', results: null });
  });

  it('writes the query text with includeQueries, to one named file, and names the active backbone version', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const lib = new Library(join(dir, 'lexbone.db'));
    const v = lib.createVersion({ label: 'audited', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2' });
    lib.activateVersion(v.id);
    lib.close();
    const { base, ops } = await serve({ audit: { file, includeQueries: true } });
    await search(base, { query: '违约金过高', k: 30, n: 5 });
    await ops.audit!.close();
    const [line] = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ query: '违约金过高', budget: { preset: null, k: 30, n: 5 }, version: v.id, status: 200 });
  });

  it('rotates by day, writes in order without blocking, and loses nothing queued when closed', async () => {
    const folder = join(tempDir(), 'audit');
    const log = new AuditLog({ dir: folder });
    const rec = (i: number) => ({ time: '', application: 'local', version: null, method: 'search', budget: null, latencyMs: i, status: 200, code: null, results: 1, degraded: null });
    for (let i = 0; i < 2000; i++) log.append({ ...rec(i), time: new Date(2026, 0, 1, 23, 59).toISOString() }, new Date(2026, 0, 1, 23, 59));
    for (let i = 2000; i < 4000; i++) log.append({ ...rec(i), time: new Date(2026, 0, 2, 0, 1).toISOString() }, new Date(2026, 0, 2, 0, 1));
    expect(log.written).toBe(0); // 4,000 appends returned before any line was written: they only queue
    await log.close();
    expect(readdirSync(folder).sort()).toEqual(['audit-2026-01-01.jsonl', 'audit-2026-01-02.jsonl']);
    const day1 = readFileSync(join(folder, 'audit-2026-01-01.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).latencyMs);
    const day2 = readFileSync(join(folder, 'audit-2026-01-02.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).latencyMs);
    expect(day1).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(day2).toEqual(Array.from({ length: 2000 }, (_, i) => i + 2000));
    expect(log.written).toBe(4000);
  });
});

describe('inference faults in the metrics (last: it kills the shared service’s inference host)', () => {
  it('counts a killed host as a restart, and the search it broke as a degraded answer with a dense inference error', async () => {
    const handlers: ApiHandlers = {
      ...service.handlers,
      search: (req, c) => {
        if (req.query === 'kill') hosts.at(-1)!.kill(); // SIGKILL the real host as this search starts
        return service.handlers.search({ ...req, query: '违约金过高' }, c);
      },
    };
    const { base } = await serve({ handlers });
    const before = await metricsOf(base);
    expect(valueOf(before, 'lexbone_inference_restarts_total')).toBe(0);
    const broken = await search(base, { query: 'kill' });
    expect(broken.status).toBe(200); // keywords still answer
    expect(broken.json.value?.degraded).toContain('dense retrieval failed');
    const m = await metricsOf(base);
    expect(valueOf(m, 'lexbone_inference_restarts_total')).toBe(1);
    expect(valueOf(m, 'lexbone_inference_errors_total', { stage: 'dense' })).toBe(1);
    expect(valueOf(m, 'lexbone_degraded_answers_total', { method: 'search' })).toBe(1);
    // The host is restarted at once (searches meanwhile answer lexically, degraded); once it is back, a search is whole again.
    for (let i = 0; i < 500 && (await service.handlers.models({})).inference?.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
    const healed = await search(base);
    expect(healed.status).toBe(200);
    expect(healed.json.value?.degraded).toBeNull();
    expect(hosts.length).toBe(2);
  });
});
