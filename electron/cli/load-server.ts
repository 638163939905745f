/**
 * For `npm run load` without --url (and the CI load test): starts the real service
 * (electron/server/main.ts under tsx, its own inference host) on a free loopback port over a fresh
 * library in a temporary folder — a copy of `--db`, or the bundled corpus imported on first run —
 * and waits until it is ready to search with its models and a complete vector index.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export interface OwnServerOptions {
  /** A library to copy (checkpointed first, opened read-only here); default: import the bundled corpus. */
  copyDb?: string;
  /** Another corpus for the fresh library (e.g. a test fixture). */
  corpus?: string;
  /** Model folders (default: the bundled models/). */
  modelDirs?: string[];
  /** Extra flags and environment for the service. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Give up waiting for readiness after this long. */
  readyTimeoutMs?: number;
  /**
   * Once ready, time left without load before returning (default 8 s): the in-memory lexical index
   * builds in the background after start-up (search/DESIGN.md), at FTS5 speed meanwhile.
   */
  settleMs?: number;
  onLog?: (line: string) => void;
}

export interface OwnServer {
  url: string;
  dbPath: string;
  process: ChildProcess;
  /** SIGTERM (graceful), then SIGKILL after 10 s; removes the temporary folder. */
  stop(): Promise<void>;
}

/** Copies a library with its WAL folded in, so the copy is one consistent file. */
function copyLibrary(from: string, to: string): void {
  if (!existsSync(from)) throw new Error(`no library at ${from}`);
  const src = new Database(from, { fileMustExist: true });
  try {
    src.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    src.close();
  }
  copyFileSync(from, to);
}

async function post(url: string, method: string): Promise<{ ok: boolean; value?: unknown }> {
  const r = await fetch(`${url}/api/v1/${method}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  return (await r.json()) as { ok: boolean; value?: unknown };
}

/** Ready: library imported, models loaded, index complete and active, nothing indexing. */
async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} before it was ready`);
    try {
      const status = (await post(url, 'status')).value as { state: string; error: { message: string } | null };
      if (status.state === 'error') throw new Error(`the service reports: ${status.error?.message}`);
      const models = (await post(url, 'models')).value as { index: { state: string } | null; indexing: unknown; reranker: unknown; error: { message: string } | null };
      if (models.error) throw new Error(`the models failed: ${models.error.message}`);
      if (status.state === 'ready' && models.index?.state === 'ready' && !models.indexing && models.reranker) return;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // TypeError: not listening yet
    }
    if (Date.now() > until) throw new Error(`the service was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startOwnServer(opts: OwnServerOptions = {}): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lexbone-load-'));
  const dbPath = join(dir, 'library.db');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (opts.copyDb) copyLibrary(opts.copyDb, dbPath);
  } catch (e) {
    cleanup();
    throw e;
  }
  const args = ['--import', 'tsx', here('../server/main.ts'), '--port', '0', '--db', dbPath, '--no-evaluation', '--static', dir];
  if (opts.corpus) args.push('--corpus', opts.corpus);
  for (const m of opts.modelDirs ?? [here('../../models')]) args.push('--models', m);
  args.push(...(opts.args ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => opts.onLog?.(c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`the service exited with code ${code}: ${out.slice(-500)}`)));
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  };
  try {
    await waitReady(url, child, opts.readyTimeoutMs ?? 180_000);
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 8000));
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, dbPath, process: child, stop };
}
