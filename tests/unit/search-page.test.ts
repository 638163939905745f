import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../electron/contract/evaluation-types';
import { ApiError } from '../../renderer/src/api/api-error';
import { createApi } from '../../renderer/src/api/client';
import { httpTransport, ipcTransport } from '../../renderer/src/api/transport';
import type { LexboneBridge } from '../../electron/contract/api';
import { parseSearchParams, searchQuery, searchRequest } from '../../renderer/src/hooks/search-params';
import { budgetFacts, DEFAULT_BUDGETS } from '../../renderer/src/hooks/use-budget-facts';
import { lawNameAt } from '../../renderer/src/hooks/use-law-suggestions';
import { parseRoute, href } from '../../renderer/src/hooks/use-route';
import { API_METHODS } from '../../electron/contract/methods';

describe('the search in the URL', () => {
  it('round-trips query, budget and filters, leaving defaults out', () => {
    const p = { q: '民法典第584条', preset: 'quick', category: '刑法', law: '劳动合同法', versions: 'current', asOf: '2010-01-01' } as const;
    const back = parseSearchParams(parseRoute(href('search', [], searchQuery(p))).query);
    expect(back).toEqual(p);
    expect(searchQuery({ ...p, preset: 'standard', category: null, law: null, asOf: null })).toEqual({ q: '民法典第584条' });
    expect(searchQuery({ ...p, asOf: null, versions: 'all' })).toMatchObject({ versions: 'all' });
  });

  it('ignores an unknown preset and an impossible date', () => {
    const p = parseSearchParams(new URLSearchParams('q=x&preset=huge&asOf=2023-02-30'));
    expect(p.preset).toBe('standard');
    expect(p.asOf).toBeNull();
  });

  it('makes the request: the preset’s N as limit, asOf instead of includeSuperseded', () => {
    const p = parseSearchParams(new URLSearchParams('q=解除&preset=research&asOf=2010-01-01&law=劳动合同法'));
    expect(searchRequest(p, 50)).toEqual({ query: '解除', limit: 50, preset: 'research', law: '劳动合同法', asOf: '2010-01-01' });
    expect(searchRequest({ ...p, asOf: null, versions: 'all' }, 10)).toMatchObject({ includeSuperseded: true });
    expect(searchRequest({ ...p, q: '' })).toBeNull();
  });
});

describe('law names in the search box', () => {
  it('finds the leading law name of a citation or a name being typed', () => {
    expect(lawNameAt('民法典第584条')).toEqual({ name: '民法典', start: 0, end: 3 });
    expect(lawNameAt('《劳动合同法》第三十九条')).toEqual({ name: '劳动合同法', start: 1, end: 6 });
    expect(lawNameAt('劳动合')?.name).toBe('劳动合');
    expect(lawNameAt('民')).toBeNull();
    expect(lawNameAt('what is 违约金')).toBeNull();
  });
});

describe('budget measurements', () => {
  const report = (models: EvalReport['models']): EvalReport => ({
    title: 't', createdAt: '', queries: 5, split: 'validation', embedderTable: [], rerankerTable: [], curves: [], presets: [], models,
    pipelineTable: [
      { name: 'q', preset: 'quick', k: 20, n: 10, metrics: { 'R@10': 0.6, 'R@20': 0.7 }, latencyMs: { p50: 20, p95: 30 } },
      { name: 's', preset: 'standard', k: 60, n: 10, metrics: { 'R@60': 0.8 }, latencyMs: { p50: 30, p95: 40 } },
    ],
  });
  const served = { embedder: 'e1', reranker: 'r1' };

  it('shows a row only for the same models and the same K and N', () => {
    const facts = budgetFacts(DEFAULT_BUDGETS, report(served), served);
    expect(facts[0]).toMatchObject({ preset: 'quick', k: 20, n: 10, measured: { recall: { metric: 'R@10', value: 0.6 }, p50: 20, p95: 30 } });
    // R@N missing: the candidates' recall R@K is shown instead.
    expect(facts[1]!.measured?.recall).toEqual({ metric: 'R@60', value: 0.8 });
    expect(facts[2]!.measured).toBeNull(); // no research row
    expect(budgetFacts(DEFAULT_BUDGETS, report({ embedder: 'e1', reranker: 'r2' }), served).every((f) => f.measured === null)).toBe(true);
    expect(budgetFacts({ ...DEFAULT_BUDGETS, quick: { k: 30, n: 10 } }, report(served), served)[0]!.measured).toBeNull();
    expect(budgetFacts(DEFAULT_BUDGETS, report(served), null).every((f) => f.measured === null)).toBe(true);
  });
});

describe('cancelling API calls', () => {
  let server: Server;
  let base: string;
  const closed: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.on('close', () => !res.writableEnded && closed.push(req.url ?? ''));
      req.resume();
      setTimeout(() => res.end(JSON.stringify({ ok: true, value: [] })), 800);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('HTTP: aborting the signal aborts the request and rejects with ABORTED', async () => {
    const api = createApi(httpTransport((url, init) => fetch(`${base}${String(url)}`, init)));
    const controller = new AbortController();
    const call = api.laws({ prefix: '劳动' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
    await expect.poll(() => closed).toContain('/api/v1/laws');
    // Without a signal the same call completes.
    await expect(api.laws({ prefix: '劳动' })).resolves.toEqual([]);
  });

  it('IPC: a late answer after abort is dropped; the promise has rejected with ABORTED', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const bridge = Object.fromEntries(API_METHODS.map((m) => [m, () => new Promise((r) => (answer = r))])) as unknown as LexboneBridge;
    const api = createApi(ipcTransport(bridge));
    const controller = new AbortController();
    const call = api.search({ query: '违约金' }, { signal: controller.signal });
    controller.abort();
    answer({ ok: true, value: { query: '违约金' } });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ABORTED');
  });
});
