import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { Library } from '../../../electron/backbone/library';
import { httpRoute } from '../../../electron/contract/methods';
import { accessMiddleware } from '../../../electron/server/access-middleware';
import { AppRegistry } from '../../../electron/server/app-registry';
import { createHttpServer } from '../../../electron/server/http-server';
import type { ApiMiddleware } from '../../../electron/server/middleware';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * Applications and keys over real HTTP on 127.0.0.1: the real app service over the fixture
 * library, the real registry file, the access middleware in the server's chain.
 */
const tempDir = useTempDirs('all');
const IMPORT_WORKER = join(import.meta.dirname, '..', '..', '..', 'electron', 'server', 'import-worker-tsx.mjs');
let service: AppService;
let registry: AppRegistry;
const servers: Server[] = [];
let open: string; // loopback, keys optional
let locked: string; // keys required
const keys: Record<string, string> = {};
/** Test-only: holds `search` requests of the "slow" marker until released (to have requests in flight). */
let release: (() => void) | null = null;
let held = 0;
const holdSlow: ApiMiddleware = async (ctx, next) => {
  if ((ctx.body as { query?: string })?.query === '慢') {
    held++;
    await new Promise<void>((r) => (release = r));
  }
  return next();
};

async function listen(requireKeys: boolean): Promise<string> {
  const server = createHttpServer({ handlers: service.handlers, middleware: [...accessMiddleware({ registry, requireKeys }), holdSlow] });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'lexbone.db');
  const lib = new Library(dbPath);
  lib.import(FIXTURE_CORPUS);
  lib.close();
  service = createAppService({ dbPath, corpusPath: null, importWorkerPath: IMPORT_WORKER });
  service.start();
  await service.idle();
  registry = new AppRegistry(join(dir, 'apps.db'));
  keys.reader = registry.create({ name: 'reader', scopes: ['search'], defaultPreset: 'quick' }).key;
  keys.admin = registry.create({ name: 'admin', scopes: ['admin'] }).key;
  keys.slowpoke = registry.create({ name: 'slowpoke', scopes: ['search'], ratePerMinute: 3, concurrency: 100 }).key;
  keys.single = registry.create({ name: 'single', scopes: ['search'], concurrency: 1 }).key;
  keys.revoked = registry.create({ name: 'gone', scopes: ['search', 'admin'] }).key;
  registry.revoke('gone');
  open = await listen(false);
  locked = await listen(true);
}, 60_000);

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  registry.close();
  await service.close();
});

function call(base: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(base + httpRoute(method as never), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('applications and API keys over HTTP', () => {
  it('keys are random, shown once and stored only as a salted hash', () => {
    expect(keys.reader).toMatch(/^lxb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(keys.reader).not.toBe(keys.admin);
    const rows = registry.db.prepare('SELECT * FROM applications').all() as Record<string, unknown>[];
    const dump = JSON.stringify(rows);
    for (const k of Object.values(keys)) expect(dump).not.toContain(k.split('_').slice(2).join('_'));
    expect(new Set(rows.map((r) => r.salt)).size).toBe(rows.length);
  });

  it('on loopback without --require-keys the local user needs no key (the browser UI)', async () => {
    const res = await call(open, 'search', { query: '违约金' });
    expect(res.status).toBe(200);
    expect((await res.json()).value.budget.preset).toBe('standard');
    expect((await call(open, 'folders', {})).status).toBe(200); // the local user's own folders
  });

  it('on loopback, other web pages and rebound host names do not get the local user\'s access', async () => {
    const crossSite = await call(open, 'clearHistory', {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toContain('https://evil.example');
    expect((await call(open, 'stats', {}, { origin: open })).status).toBe(200); // the service's own page
    // DNS rebinding: the browser sends the attacker's host name to 127.0.0.1.
    const port = new URL(open).port;
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: httpRoute('stats'), method: 'POST', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
  });

  it('with keys required, a request without a key is refused with 401 and WWW-Authenticate', async () => {
    const res = await call(locked, 'search', { query: '违约金' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="lexbone"/);
    const json = await res.json();
    expect(json.error.code).toBe('UNAUTHORIZED');
    expect(json.error.message).toContain('Authorization: Bearer');
    // Unknown methods are not revealed to callers without a key either.
    expect((await call(locked, 'dropTables', {})).status).toBe(401);
  });

  it('a valid key works with Authorization: Bearer and with x-api-key', async () => {
    expect((await call(locked, 'stats', {}, bearer(keys.reader!))).status).toBe(200);
    expect((await call(locked, 'stats', {}, { 'x-api-key': keys.reader! })).status).toBe(200);
    expect(registry.list().find((a) => a.name === 'reader')!.lastUsedAt).not.toBeNull();
  });

  it('a wrong, malformed or revoked key is refused with 401, even on the open server', async () => {
    const wrong = keys.reader!.slice(0, -4) + (keys.reader!.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const [label, key] of [['wrong secret', wrong], ['malformed', 'lxb_nope'], ['revoked', keys.revoked!]] as const) {
      for (const base of [open, locked]) {
        const res = await call(base, 'search', { query: '违约金' }, bearer(key));
        expect(res.status, label).toBe(401);
        expect(res.headers.get('www-authenticate'), label).toContain('error="invalid_token"');
        expect((await res.json()).error.code, label).toBe('UNAUTHORIZED');
      }
    }
  });

  it('a method outside the key\'s scopes is refused with 403 FORBIDDEN that names the scope', async () => {
    for (const method of ['activateVersion', 'rollbackVersion', 'importStatutes', 'pauseIndexing', 'useBuiltinModels', 'importGlossary', 'removeGlossaryFile']) {
      const res = await call(locked, method, {}, bearer(keys.reader!));
      expect(res.status, method).toBe(403);
      const json = await res.json();
      expect(json.error.code).toBe('FORBIDDEN');
      expect(json.error.message).toContain('admin scope');
    }
    // The local user's research folders and history: refused to a keyed application without admin.
    const personal = await call(open, 'history', {}, bearer(keys.reader!));
    expect(personal.status).toBe(403);
    expect((await personal.json()).error.message).toContain("local user's research folders");
    expect((await call(open, 'history', {}, bearer(keys.admin!))).status).toBe(200);
    // admin includes search.
    expect((await call(locked, 'search', { query: '违约金' }, bearer(keys.admin!))).status).toBe(200);
  });

  it("applies the application's default preset to a search that names no budget, and never overrides one", async () => {
    const plain = (await (await call(locked, 'search', { query: '违约金' }, bearer(keys.reader!))).json()).value;
    expect(plain.budget).toEqual({ preset: 'quick', k: 20, n: 10 });
    const explicit = (await (await call(locked, 'search', { query: '违约金', k: 7, n: 0 }, bearer(keys.reader!))).json()).value;
    expect(explicit.budget).toEqual({ preset: null, k: 7, n: 0 });
    const research = (await (await call(locked, 'search', { query: '违约金', preset: 'research' }, bearer(keys.reader!))).json()).value;
    expect(research.budget.preset).toBe('research');
  });

  it('rate limit: a token bucket per key, then 429 RATE_LIMITED with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 5; i++) {
      last = await call(locked, 'stats', {}, bearer(keys.slowpoke!));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // 3 a minute: the next token comes in about 20 s.
    const retry = Number(last!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(15);
    expect(retry).toBeLessThanOrEqual(20);
    const json = await last!.json();
    expect(json.error.code).toBe('RATE_LIMITED');
    expect(json.error.message).toContain('3 requests a minute');
    // Another key is not affected.
    expect((await call(locked, 'stats', {}, bearer(keys.reader!))).status).toBe(200);
  });

  it('concurrency limit: a second request in flight is refused with 429 TOO_MANY_CONCURRENT, and admitted once the first is done', async () => {
    const first = call(locked, 'search', { query: '慢' }, bearer(keys.single!));
    await expect.poll(() => held, { timeout: 5000 }).toBe(1);
    const second = await call(locked, 'search', { query: '违约金' }, bearer(keys.single!));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await second.json()).error.code).toBe('TOO_MANY_CONCURRENT');
    // Other applications are not held back by this one's limit.
    expect((await call(locked, 'search', { query: '违约金' }, bearer(keys.reader!))).status).toBe(200);
    release!();
    expect((await first).status).toBe(200);
    expect((await call(locked, 'search', { query: '违约金' }, bearer(keys.single!))).status).toBe(200);
  });
});
