import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../e2e/server-process';
import { ROOT, runCli } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { selfSignedTls } from '../../helpers/tls-files';

/**
 * The service's access flags, on the real `npm run serve` entry point in a child process: LAN
 * binding refused without --allow-lan, HTTPS from certificate files, keys required, the body limit
 * flag, and a key made with the real `apps create` command. Nothing here listens beyond loopback.
 */
const tempDir = useTempDirs('all');
const ENTRY = join(ROOT, 'electron', 'server', 'main.ts');
let dir: string;
let tls: { cert: string; key: string };
let server: ServerProcess;
let key: string;

/** Runs the service to its exit (for settings it must refuse before listening). */
function serveUntilExit(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', ENTRY, '--port', '0', '--no-models', '--no-evaluation', '--db', join(dir, 'refused.db'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 30_000,
  });
}

function httpsPost(url: string, method: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok: boolean; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/${method}`, { method: 'POST', ca: readFileSync(tls.cert), headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function httpsGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: readFileSync(tls.cert), headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = tempDir();
  tls = selfSignedTls(dir);
  const created = runCli(['apps', 'create', 'firm-portal', '--scopes', 'search', '--preset', 'quick', '--apps-db', join(dir, 'apps.db'), '--json']);
  expect(created.status, created.stderr).toBe(0);
  key = JSON.parse(created.stdout).key;
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lexbone</title>');
  server = await startServer({
    repoRoot: ROOT, dbPath: join(dir, 'lexbone.db'), corpus: FIXTURE_CORPUS, staticDir, startTimeoutMs: 40_000,
    extraArgs: ['--no-models', '--no-evaluation', '--require-keys', '--apps-db', join(dir, 'apps.db'), '--tls-cert', tls.cert, '--tls-key', tls.key, '--max-body-bytes', '4096'],
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('npm run serve: binding, TLS, keys and the body limit', () => {
  it('starts on a fresh machine whose data folder does not exist yet (the applications file is created in it)', async () => {
    const home = join(tempDir(), 'no', 'such', 'folder');
    const fresh = await startServer({
      repoRoot: ROOT, dbPath: join(home, 'lexbone.db'), corpus: null, staticDir: join(dir, 'static'), startTimeoutMs: 40_000,
      extraArgs: ['--no-models', '--no-evaluation'],
    });
    try {
      const res = await fetch(`${fresh.url}/api/v1/stats`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      expect(existsSync(join(home, 'apps.db'))).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('refuses a non-loopback host without --allow-lan, before listening, with a message that says what to do', () => {
    const r = serveUntilExit(['--host', '0.0.0.0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[LAN_NOT_ALLOWED]');
    expect(r.stderr).toContain('--allow-lan');
    expect(r.stdout).not.toContain('listening');
  });

  it('refuses half a TLS pair and a nonsense body limit', () => {
    const half = serveUntilExit(['--tls-cert', tls.cert]);
    expect([half.status, half.stderr.includes('[TLS_FILES_INVALID]')]).toEqual([2, true]);
    const body = serveUntilExit(['--max-body-bytes', 'lots']);
    expect([body.status, body.stderr.includes('--max-body-bytes')]).toEqual([2, true]);
  });

  it('serves HTTPS with the given certificate and says keys are required', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output().stdout).toContain('(API keys required)');
  });

  it('with --require-keys: no key → 401, the key from `apps create` → 200 with its default preset', async () => {
    // Wait for the first-run import of the fixture corpus.
    await expect.poll(async () => (await httpsPost(server.url, 'status', '{}', { authorization: `Bearer ${key}` })).json, { timeout: 30_000 })
      .toMatchObject({ ok: true, value: { state: 'ready' } });
    const anonymous = await httpsPost(server.url, 'search', JSON.stringify({ query: '违约金' }));
    expect([anonymous.status, anonymous.json.error?.code]).toEqual([401, 'UNAUTHORIZED']);
    const res = await httpsPost(server.url, 'search', JSON.stringify({ query: '违约金' }), { authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    expect((res.json as unknown as { value: { budget: { preset: string } } }).value.budget.preset).toBe('quick');
  });

  it('--max-body-bytes sets the body limit (413 PAYLOAD_TOO_LARGE above it)', async () => {
    const res = await httpsPost(server.url, 'search', JSON.stringify({ query: '违'.repeat(2000) }), { authorization: `Bearer ${key}` });
    expect([res.status, res.json.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('apps: bad usage exits 2, bad values exit 1 with the flag named, list never shows a key', () => {
    const db = ['--apps-db', join(dir, 'apps.db')];
    expect(runCli(['apps', ...db]).status).toBe(2);
    expect(runCli(['apps', 'create', ...db]).status).toBe(2);
    const rate = runCli(['apps', 'create', 'x', '--rate', 'lots', ...db]);
    expect([rate.status, rate.stderr.includes('--rate must be a whole number')]).toEqual([1, true]);
    const list = runCli(['apps', 'list', ...db]);
    expect(list.stdout).toContain('firm-portal');
    expect(list.stdout).not.toContain(key.split('_').slice(2).join('_'));
  });

  it('/metrics needs a metrics key (401 without, 403 with a search key); `apps update` grants it to the running service; /readyz stays open', async () => {
    const auth = { authorization: `Bearer ${key}` };
    expect((await httpsGet(`${server.url}/metrics`)).status).toBe(401);
    expect((await httpsGet(`${server.url}/metrics`, auth)).status).toBe(403);
    const updated = runCli(['apps', 'update', 'firm-portal', '--scopes', 'search,metrics', '--apps-db', join(dir, 'apps.db')]);
    expect(updated.status, updated.stderr).toBe(0);
    const scrape = await httpsGet(`${server.url}/metrics`, auth);
    expect(scrape.status).toBe(200);
    expect(scrape.text).toMatch(/^lexbone_requests_total\{method="search",status="200",application="firm-portal"\} \d+$/m);
    const ready = await httpsGet(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.text).not.toContain(dir);
  });

  it('the revoked key is refused by the running service at once', async () => {
    expect(runCli(['apps', 'revoke', 'firm-portal', '--apps-db', join(dir, 'apps.db')]).status).toBe(0);
    const res = await httpsPost(server.url, 'stats', '{}', { authorization: `Bearer ${key}` });
    expect([res.status, res.json.error?.code]).toEqual([401, 'UNAUTHORIZED']);
  });
});
