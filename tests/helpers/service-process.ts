/**
 * The real HTTP service (electron/server/main.ts) as a child process on 127.0.0.1, over a fresh
 * database in `dir` that imports `corpus` on first run, for fault and bad-input tests. `ready()`
 * waits until the first-run import, model loading and indexing are done.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../e2e/server-process';
import { ROOT } from './run-cli';

export interface Service extends ServerProcess {
  dbPath: string;
  /** POSTs a JSON value (or a raw string / bytes as they are) to /api/v1/<method>. */
  post(method: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** Calls a method that must succeed and returns its value. */
  call<T = unknown>(method: string, body?: unknown): Promise<T>;
  /** Resolves once the library is ready and, with models, the index is built and the host is up. */
  ready(opts?: { models: boolean; timeoutMs?: number }): Promise<void>;
}

export async function startService(dir: string, opts: { corpus: string; args?: string[]; env?: Record<string, string> }): Promise<Service> {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lexbone</title>');
  const dbPath = join(dir, 'lexbone.db');
  const server = await startServer({
    repoRoot: ROOT, dbPath, corpus: opts.corpus, staticDir, startTimeoutMs: 30_000,
    extraArgs: ['--no-evaluation', ...(opts.args ?? [])], env: { LEXBONE_HOME: dir, ...opts.env },
  });
  const post = (method: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v1/${method}`, {
      method: 'POST',
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
      ...init,
    });
  const call = async <T>(method: string, body: unknown = {}): Promise<T> => {
    const res = await post(method, body);
    const json = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!json.ok) throw new Error(`${method} failed (${res.status}): ${JSON.stringify(json.error)}`);
    return json.value as T;
  };
  const ready = async ({ models, timeoutMs = 60_000 }: { models: boolean; timeoutMs?: number } = { models: false }) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const status = await call<{ state: string; error: unknown }>('status');
      if (status.state === 'error') throw new Error(`the service failed to start: ${JSON.stringify(status.error)}`);
      if (status.state === 'ready') {
        if (!models) return;
        const m = await call<{ index: { state: string } | null; indexing: unknown; inference?: { state: string } }>('models');
        if (m.index?.state === 'ready' && !m.indexing && m.inference?.state === 'ready') return;
      }
      if (Date.now() > until) throw new Error(`the service was not ready within ${timeoutMs} ms; ${server.output().stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { ...server, dbPath, post, call, ready };
}
