import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/backbone/app-service';
import { AppRegistry } from '../../../electron/server/app-registry';
import { bearer, callApi, fixtureService, useKeyedServers } from '../../helpers/keyed-service';
import { parseExposition, valueOf } from '../../helpers/prometheus-text';
import { useTempDirs } from '../../helpers/temp';

/**
 * Who may read /metrics, over real HTTP on 127.0.0.1 with the service wired as `npm run serve`
 * wires it (access-setup → service-ops), a real apps.db and the app service over the fixture
 * library: a `metrics` (or `admin`) key where keys are required, open on loopback by default; the
 * probes open everywhere and saying nothing sensitive.
 */
const tempDir = useTempDirs('all');
const serve = useKeyedServers();
let dir: string;
let appsDb: string;
let service: AppService;
let locked: string; // --require-keys
let open: string; // loopback, keys optional
const keys: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  appsDb = join(dir, 'apps.db');
  service = await fixtureService(dir);
  const registry = new AppRegistry(appsDb);
  keys.reader = registry.create({ name: 'reader', scopes: ['search'] }).key;
  keys.prometheus = registry.create({ name: 'prometheus', scopes: ['metrics'] }).key;
  keys.admin = registry.create({ name: 'ops-console', scopes: ['admin'] }).key;
  keys.retired = registry.create({ name: 'old-prometheus', scopes: ['metrics'] }).key;
  registry.revoke('old-prometheus');
  registry.close();
  locked = (await serve(service, { 'require-keys': true, 'apps-db': appsDb })).base;
  open = (await serve(service, { 'apps-db': appsDb })).base;
}, 60_000);

afterAll(async () => {
  await service?.close();
});

const scrape = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/metrics`, { headers });

describe('GET /metrics where keys are required', () => {
  it('refuses a scrape without a key: 401 UNAUTHORIZED with WWW-Authenticate, and no metric in the answer', async () => {
    const res = await scrape(locked);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lexbone"');
    const text = await res.text();
    expect(text).not.toContain('lexbone_');
    const json = JSON.parse(text);
    expect(json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(json.error.message).toContain('Authorization: Bearer');
  });

  it('refuses a search-only key with 403 FORBIDDEN that names the metrics scope and the command that grants it', async () => {
    const res = await scrape(locked, bearer(keys.reader!));
    expect(res.status).toBe(403);
    const json = await res.json();
    expect(json.error.code).toBe('FORBIDDEN');
    expect(json.error.message).toContain('needs the metrics scope');
    expect(json.error.message).toContain('npm run cli -- apps update reader --scopes search,metrics');
  });

  it('refuses a revoked or mistyped key with 401 invalid_token', async () => {
    for (const key of [keys.retired!, keys.prometheus!.slice(0, -2) + 'zz', 'not-a-key']) {
      const res = await scrape(locked, bearer(key));
      expect(res.status, key).toBe(401);
      expect(res.headers.get('www-authenticate'), key).toContain('error="invalid_token"');
    }
  });

  it("answers a metrics key (as Prometheus sends it: Authorization: Bearer) and an admin key, with the applications' traffic", async () => {
    expect((await callApi(locked, 'search', { query: '违约金', limit: 3 }, bearer(keys.reader!))).status).toBe(200);
    for (const key of [keys.prometheus!, keys.admin!]) {
      const res = await scrape(locked, bearer(key));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      const m = parseExposition(await res.text());
      expect(valueOf(m, 'lexbone_requests_total', { method: 'search', status: '200', application: 'reader' })).toBeGreaterThanOrEqual(1);
    }
    // x-api-key is read the same way as on the API.
    expect((await scrape(locked, { 'x-api-key': keys.prometheus! })).status).toBe(200);
  });

  it('a metrics key reads metrics only: every API method is refused to it', async () => {
    for (const method of ['search', 'stats', 'locations']) {
      const res = await callApi(locked, method, { query: '违约金' }, bearer(keys.prometheus!));
      expect(res.status, method).toBe(403);
      expect((await res.json()).error.code, method).toBe('FORBIDDEN');
    }
  });

  it('/healthz and /readyz stay open to probes without a key and name no file, application or model', async () => {
    const health = await fetch(`${locked}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'up' });
    const ready = await fetch(`${locked}/readyz`);
    expect(ready.status).toBe(200);
    const text = await ready.text();
    expect(JSON.parse(text)).toEqual({ ready: true, search: 'lexical', reason: 'no models are configured: keyword search only.', library: 'ready', models: 'none' });
    for (const secret of [dir, 'apps.db', 'lexbone.db', 'reader', 'prometheus']) expect(text).not.toContain(secret);
  });
});

describe('GET /metrics on loopback without --require-keys', () => {
  it('is open to a scrape without a key, as before', async () => {
    const res = await scrape(open);
    expect(res.status).toBe(200);
    expect(valueOf(parseExposition(await res.text()), 'lexbone_ready')).toBe(1);
  });

  it('checks a key that is sent, as the API does: wrong → 401, without the scope → 403, metrics → 200', async () => {
    expect((await scrape(open, bearer(keys.retired!))).status).toBe(401);
    expect((await scrape(open, bearer(keys.reader!))).status).toBe(403);
    expect((await scrape(open, bearer(keys.prometheus!))).status).toBe(200);
  });
});
