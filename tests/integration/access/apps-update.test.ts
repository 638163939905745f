import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/backbone/app-service';
import type { ApplicationView } from '../../../electron/contract/access-types';
import { generateKey } from '../../../electron/server/api-keys';
import { APPS_APPLICATION_ID, AppRegistry } from '../../../electron/server/app-registry';
import type { ApiMiddleware } from '../../../electron/server/middleware';
import { bearer, callApi, fixtureService, useKeyedServers } from '../../helpers/keyed-service';
import { runCli } from '../../helpers/run-cli';
import { thrown } from '../../helpers/thrown';
import { useTempDirs } from '../../helpers/temp';

/**
 * `apps update`: an application's scopes, preset and limits change and its key stays; a running
 * service (real HTTP on 127.0.0.1, its own connection to the real apps.db) serves the next request
 * by the new settings, changed by the real CLI in another process; the CLI's exit codes and
 * messages; a schema-1 apps.db migrated in place.
 */
const tempDir = useTempDirs('all');
const serve = useKeyedServers();
let dir: string;
let appsDb: string;
let service: AppService;
let base: string;
const keys: Record<string, string> = {};

/** Holds `search` requests for "慢" until released, to have requests in flight. */
const held: (() => void)[] = [];
const holdSlow: ApiMiddleware = async (ctx, next) => {
  if ((ctx.body as { query?: string })?.query === '慢') await new Promise<void>((r) => held.push(r));
  return next();
};

const apps = (...args: string[]) => runCli(['apps', ...args, '--apps-db', appsDb]);
const listed = (name: string) => (JSON.parse(apps('list', '--json').stdout) as ApplicationView[]).find((a) => a.name === name && !a.revokedAt);
const rowOf = (name: string) => {
  const db = new Database(appsDb, { readonly: true });
  try {
    return db.prepare('SELECT key_id, salt, key_hash FROM applications WHERE name = ? AND revoked_at IS NULL').get(name);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = tempDir();
  appsDb = join(dir, 'apps.db');
  service = await fixtureService(dir);
  const registry = new AppRegistry(appsDb);
  keys.crm = registry.create({ name: 'crm', scopes: ['search'], defaultPreset: 'quick', ratePerMinute: 600, concurrency: 1 }).key;
  keys.batch = registry.create({ name: 'batch', scopes: ['search'], ratePerMinute: 2 }).key;
  registry.create({ name: 'gone' });
  registry.revoke('gone');
  registry.close();
  base = (await serve(service, { 'require-keys': true, 'apps-db': appsDb }, [holdSlow])).base;
}, 60_000);

afterAll(async () => {
  await service?.close();
});

describe('apps update reaches a running service at its next request', () => {
  it('scopes and preset: a search key gains admin and metrics, its searches get the new preset; the key and its hash stay', async () => {
    const before = rowOf('crm');
    expect((await callApi(base, 'locations', {}, bearer(keys.crm!))).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: bearer(keys.crm!) })).status).toBe(403);
    const first = await (await callApi(base, 'search', { query: '违约金' }, bearer(keys.crm!))).json();
    expect(first.value.budget.preset).toBe('quick');

    const r = apps('update', 'crm', '--scopes', 'search,admin,metrics', '--preset', 'research');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Updated crm (key');
    expect(r.stdout).toContain('scopes search → search,admin,metrics; preset quick → research');

    expect((await callApi(base, 'locations', {}, bearer(keys.crm!))).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { headers: bearer(keys.crm!) })).status).toBe(200);
    const after = await (await callApi(base, 'search', { query: '违约金' }, bearer(keys.crm!))).json();
    expect(after.value.budget.preset).toBe('research');
    expect(rowOf('crm')).toEqual(before); // same key id, salt and hash: nothing to hand out again

    // And back: a scope taken away is refused at once.
    expect(apps('update', 'crm', '--scopes', 'search').status).toBe(0);
    expect((await callApi(base, 'locations', {}, bearer(keys.crm!))).status).toBe(403);
  });

  it('rate: a key at its limit is admitted again once its rate is raised', async () => {
    for (let i = 0; i < 2; i++) expect((await callApi(base, 'stats', {}, bearer(keys.batch!))).status).toBe(200);
    expect((await callApi(base, 'stats', {}, bearer(keys.batch!))).status).toBe(429);
    const r = apps('update', 'batch', '--rate', '1000');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('rate 2/min → 1000/min');
    for (let i = 0; i < 5; i++) expect((await callApi(base, 'stats', {}, bearer(keys.batch!))).status).toBe(200);
  });

  it('concurrency: a second request in flight, refused at 1, is admitted at 2', async () => {
    const first = callApi(base, 'search', { query: '慢' }, bearer(keys.crm!));
    await expect.poll(() => held.length, { timeout: 5000 }).toBe(1);
    const refused = await callApi(base, 'search', { query: '违约金' }, bearer(keys.crm!));
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('TOO_MANY_CONCURRENT');
    expect(apps('update', 'crm', '--concurrency', '2').status).toBe(0);
    expect((await callApi(base, 'search', { query: '违约金' }, bearer(keys.crm!))).status).toBe(200); // the first is still in flight
    held.shift()!();
    expect((await first).status).toBe(200);
  });

  it('apps list shows the new values and when they were changed', () => {
    const crm = listed('crm')!;
    expect(crm).toMatchObject({ scopes: ['search'], defaultPreset: 'research', ratePerMinute: 600, concurrency: 2 });
    expect(Date.now() - Date.parse(crm.updatedAt!)).toBeLessThan(120_000);
    const text = apps('list').stdout;
    expect(text).toMatch(/^crm {2}key [0-9a-f]{12} {2}scopes search {2}preset research {2}600\/min {2}2 at once {2}created \S+ {2}changed \S+ {2}last used /m);
    expect(text).toMatch(/^batch .* 1000\/min .*changed /m);
  });

  it('finds the application by its key id too, and keeps a value not named', () => {
    const keyId = listed('batch')!.keyId;
    const r = apps('update', keyId, '--preset', 'quick', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'batch', keyId, defaultPreset: 'quick', ratePerMinute: 1000, scopes: ['search'] });
  });
});

describe('apps update refusals', () => {
  it('an unknown or revoked application: exit 1, APP_NOT_FOUND saying how to list them', () => {
    for (const name of ['nobody', 'gone']) {
      const r = apps('update', name, '--rate', '10');
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toContain('error [APP_NOT_FOUND]');
      expect(r.stderr, name).toContain(`"${name}"`);
      expect(r.stderr, name).toContain('npm run cli -- apps list');
    }
  });

  it('values out of range or unknown: INVALID_REQUEST naming the flag to fix and the value, nothing changed', async () => {
    const registry = new AppRegistry(appsDb);
    try {
      const before = registry.list();
      const cases: [Parameters<AppRegistry['update']>[1], string[]][] = [
        [{ ratePerMinute: 0 }, ['ratePerMinute (--rate): the rate is 1 to 1000000 requests a minute']],
        [{ concurrency: 5000 }, ['concurrency (--concurrency): the concurrency is 1 to 1024']],
        [{ scopes: ['search', 'root' as 'admin'] }, ['scopes.1 (--scopes): "root" is not a scope; a scope is one of: search, admin, metrics']],
        [{ scopes: [] }, ['scopes (--scopes): give at least one scope']],
        [{ defaultPreset: 'fast' as 'quick' }, ['(--preset): "fast" is not a preset; the preset is quick, standard or research']],
        [{ ratePerMinute: 0, concurrency: 0 }, ['(--rate)', '(--concurrency)']],
        [{}, ['nothing to change: give --scopes, --preset, --rate or --concurrency']],
      ];
      for (const [change, says] of cases) {
        const e = await thrown((async () => registry.update('crm', change))());
        expect(e.code, JSON.stringify(change)).toBe('INVALID_REQUEST');
        for (const text of says) expect(e.message, JSON.stringify(change)).toContain(text);
      }
      expect(registry.list()).toEqual(before);
    } finally {
      registry.close();
    }
  });

  it('the CLI: a refused value exits 1 with `error [INVALID_REQUEST]: …` on stderr, and so does an update that names nothing', () => {
    for (const [flags, says] of [
      [['--rate', '0'], '(--rate)'],
      [['--rate', 'lots'], '--rate must be a whole number (got "lots")'],
      [['--scopes', 'search,root'], '"root" is not a scope'],
      [[], 'nothing to change'],
    ] as const) {
      const r = apps('update', 'crm', ...flags);
      expect(r.status, flags.join(' ')).toBe(1);
      expect(r.stderr, flags.join(' ')).toContain('error [INVALID_REQUEST]');
      expect(r.stderr, flags.join(' ')).toContain(says);
      expect(r.stdout).toBe('');
    }
  });

  it('no application named: exit 2 with the usage', () => {
    const r = runCli(['apps', 'update', '--apps-db', appsDb]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('apps update <name|key id>');
  });
});

describe('a schema-1 apps.db', () => {
  it('is migrated in place on opening: its keys still work, nothing was changed yet, and it can be updated', () => {
    const path = join(tempDir(), 'apps.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE applications (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, key_id TEXT NOT NULL UNIQUE, salt TEXT NOT NULL, key_hash TEXT NOT NULL,
      scopes TEXT NOT NULL, default_preset TEXT NOT NULL, rate_per_minute INTEGER NOT NULL, concurrency INTEGER NOT NULL,
      created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT);
      CREATE UNIQUE INDEX applications_active_name ON applications(name) WHERE revoked_at IS NULL;`);
    old.pragma(`application_id = ${APPS_APPLICATION_ID}`);
    old.pragma('user_version = 1');
    const { key, stored } = generateKey();
    old.prepare(`INSERT INTO applications (name, key_id, salt, key_hash, scopes, default_preset, rate_per_minute, concurrency, created_at)
                 VALUES ('legacy', ?, ?, ?, '["search","admin"]', 'standard', 120, 4, '2026-01-05T09:00:00.000Z')`).run(stored.keyId, stored.salt, stored.hash);
    old.close();

    const r = new AppRegistry(path);
    try {
      expect(r.db.pragma('user_version', { simple: true })).toBe(2);
      expect(r.authenticate(key)).toMatchObject({ name: 'legacy', scopes: ['search', 'admin'], ratePerMinute: 120, concurrency: 4 });
      expect(r.list()[0]).toMatchObject({ createdAt: '2026-01-05T09:00:00.000Z', updatedAt: null });
      const { before, after } = r.update('legacy', { ratePerMinute: 60 });
      expect(before.ratePerMinute).toBe(120);
      expect(after).toMatchObject({ ratePerMinute: 60, concurrency: 4, scopes: ['search', 'admin'] });
      expect(after.updatedAt).not.toBeNull();
      expect(r.authenticate(key)?.ratePerMinute).toBe(60);
    } finally {
      r.close();
    }
    // Opening it again (schema 2 now) changes nothing.
    const again = new AppRegistry(path);
    expect(again.list()[0]!.ratePerMinute).toBe(60);
    again.close();
  });
});
