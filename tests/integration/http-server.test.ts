import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, httpRoute } from '../../electron/contract/methods';
import { Library } from '../../electron/backbone/library';
import { createHttpServer, MAX_BODY_BYTES } from '../../electron/server/http-server';
import type { ApiHandlers } from '../../electron/contract/api';
import type { AppStatus } from '../../electron/contract/types';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let server: Server;
let base: string;
let lib: Library;
let secondVersion: number;

beforeAll(async () => {
  const dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  const status: AppStatus = { state: 'ready', progress: null, error: null, lastImport: null };
  const handlers: ApiHandlers = {
    search: (r) => lib.search(r),
    article: (r) => lib.article(r),
    laws: (r) => lib.laws(r),
    stats: () => lib.stats(),
    status: () => status,
    models: () => ({ installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, error: null }),
    versions: () => lib.versions(),
    activateVersion: (r) => lib.activateVersion(r.id),
    rollbackVersion: () => lib.rollbackVersion(),
  };
  // Two versions, the first active: the loop below activates the second, then rolls back.
  lib.activateVersion(lib.createVersion({ label: 'first', embedderId: null, rerankerId: null }).id);
  secondVersion = lib.createVersion({ label: 'second', embedderId: null, rerankerId: null }).id;
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lexbone</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  server = createHttpServer({ handlers, staticDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  lib.close();
});

const post = (method: string, body: unknown) =>
  fetch(base + httpRoute(method as never), { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP transport on 127.0.0.1', () => {
  it('answers every contract method as {ok, value}', async () => {
    for (const m of API_METHODS) {
      const body = m === 'search' ? { query: '违约' } : m === 'article' ? { citation: '民法典第585条' } : m === 'activateVersion' ? { id: secondVersion } : {};
      const res = await post(m, body);
      expect(res.status, m).toBe(200);
      expect((await res.json()).ok, m).toBe(true);
    }
  });

  it('searches and returns cited hits', async () => {
    const res = await (await post('search', { query: '违约金', limit: 3 })).json();
    expect(res.value.hits[0].citation).toBe('《中华人民共和国民法典》第五百八十五条');
  });

  it('turns bad requests into 4xx with a typed code', async () => {
    const cases: [string, unknown, number, string][] = [
      ['search', { query: '' }, 400, 'INVALID_REQUEST'],
      ['search', { query: 5 }, 400, 'INVALID_REQUEST'],
      ['search', { query: 'x', limit: 100000 }, 400, 'INVALID_REQUEST'],
      ['search', { query: 'x', unexpected: true }, 400, 'INVALID_REQUEST'],
      ['search', '{"query": ', 400, 'INVALID_REQUEST'],
      ['article', { citation: '这不是引用' }, 400, 'CITATION_NOT_UNDERSTOOD'],
      ['article', { citation: '不存在的法第1条' }, 404, 'LAW_NOT_FOUND'],
      ['article', { citation: '民法典第9999条' }, 404, 'ARTICLE_NOT_FOUND'],
      ['article', { id: 999999 }, 404, 'NOT_FOUND'],
      ['dropTables', {}, 404, 'UNKNOWN_METHOD'],
    ];
    for (const [method, body, status, code] of cases) {
      const res = await post(method, body);
      const json = await res.json();
      expect([res.status, json.error?.code], JSON.stringify(body)).toEqual([status, code]);
      expect(json.error.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post('search', JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses GET on API methods', async () => {
    const res = await fetch(base + httpRoute('search'));
    expect(res.status).toBe(405);
  });

  it('serves the renderer with a strict CSP and never files outside its folder', async () => {
    const page = await fetch(base + '/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Lexbone</title>');
    expect(await (await fetch(base + '/assets/app.js')).text()).toBe('console.log(1)');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      expect(await (await fetch(base + p)).text(), p).not.toContain('secret');
    }
  });
});
