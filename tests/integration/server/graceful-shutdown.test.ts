/**
 * Graceful shutdown of the real service process (`npm run serve`, electron/server/main.ts): a
 * request running when SIGTERM arrives completes, new ones are refused with 503 SHUTTING_DOWN, the
 * audit line of the finished request is on disk, and the process exits 0; a drain that runs out of
 * time still exits. Requests are slowed by the test-only LEXBONE_TEST_HANDLER_DELAY_MS knob.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const MAIN = join(ROOT, 'electron', 'server', 'main.ts');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Started {
  dir: string;
  child: ChildProcess;
  url: string;
  out: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

async function startService(args: string[], env: Record<string, string>): Promise<Started> {
  const dir = tempDir();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, '--port', '0', '--db', join(dir, 'lexbone.db'), '--corpus', FIXTURE_CORPUS, '--no-models', '--no-evaluation', '--static', dir, ...args],
    { cwd: ROOT, env: { ...process.env, LEXBONE_HOME: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  let signalledAt = 0;
  const kill = child.kill.bind(child);
  child.kill = (s?: NodeJS.Signals | number) => ((signalledAt = performance.now()), kill(s));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.once('exit', (code) => resolve({ code, ms: performance.now() - signalledAt })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /Lexbone listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  // Ready: the first-run import of the fixture corpus has finished.
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/readyz`)).status === 200) break;
    if (i > 300) throw new Error(`never ready: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir, child, url, out: () => out, exited };
}

const search = (url: string) =>
  fetch(`${url}/api/v1/search`, { method: 'POST', body: JSON.stringify({ query: '违约金过高', limit: 3 }) });

async function untilOut(s: Started, text: string): Promise<void> {
  for (let i = 0; !s.out().includes(text); i++) {
    if (i > 200) throw new Error(`"${text}" never printed: ${s.out()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function untilInflight(url: string, n: number): Promise<void> {
  for (let i = 0; ; i++) {
    const text = await (await fetch(`${url}/metrics`)).text();
    if (new RegExp(`^lexbone_inflight_requests ${n}$`, 'm').test(text)) return;
    if (i > 200) throw new Error(`never ${n} in flight`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('graceful shutdown of the service process', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones with 503 SHUTTING_DOWN, writes its audit line and exits 0', async () => {
    const audit = join(tempDir(), 'audit.jsonl');
    const s = await startService(['--audit-log', audit, '--drain-timeout-ms', '10000'], { LEXBONE_TEST_HANDLER_DELAY_MS: '1500' });
    const started = performance.now();
    const slow = search(s.url);
    await untilInflight(s.url, 1);
    s.child.kill('SIGTERM');
    await untilOut(s, 'shutting down (SIGTERM): finishing 1 request');

    const refused = await search(s.url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SHUTTING_DOWN');
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toContain('shutting down');

    const res = await slow;
    expect(res.status).toBe(200);
    // Answers written during the drain carry Connection: close, so no idle keep-alive holds the exit.
    expect(res.headers.get('connection')).toBe('close');
    const body = (await res.json()) as { ok: boolean; value: { hits: { citation: string }[] } };
    expect(body.value.hits[0]?.citation).toBe('《中华人民共和国民法典》第五百八十五条');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1500); // it really was still running at SIGTERM

    const { code } = await s.exited;
    expect(code).toBe(0);
    expect(s.out()).toContain('Lexbone stopped\n');
    const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; status: number; latencyMs: number });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'search', status: 200 });
    expect(lines[0]!.latencyMs).toBeGreaterThanOrEqual(1500);
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow(); // no longer listening
  });

  it('bounds the drain: a request longer than --drain-timeout-ms does not keep the process from exiting 0', async () => {
    const s = await startService(['--drain-timeout-ms', '300', '--no-audit'], { LEXBONE_TEST_HANDLER_DELAY_MS: '20000' });
    const slow = search(s.url).then((r) => r.status, () => 'reset');
    await untilInflight(s.url, 1);
    s.child.kill('SIGTERM');
    const { code } = await s.exited;
    expect(code).toBe(0);
    expect(await slow).toBe('reset'); // exited while the 20 s request still ran: the drain was cut off
    expect(s.out()).toContain('1 requests did not finish within 300 ms');
    expect(await slow).toBe('reset');
    expect(existsSync(join(s.dir, 'audit'))).toBe(false); // --no-audit
    expect(existsSync(join(s.dir, 'lexbone.db'))).toBe(true);
  });

  it('refuses bad limits with a message naming the flag, before starting anything', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--max-inflight', '0', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--max-inflight must be a whole number ≥ 1 (got "0")');
  });
});
