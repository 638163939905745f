import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The built desktop shell (out/main/index.js, with its import worker and inference host) running
 * under plain Node with the electron stand-in (tests/shell-harness/electron.mjs), driven over the
 * child's IPC channel. `npm test` builds out/ before the tests run.
 */
export interface DesktopShell {
  readonly child: ChildProcess;
  readonly userData: string;
  /** One control operation of the stand-in (see its `ops`). */
  op<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** An API method through the shell's ipcMain handler, as the app's own renderer (or `senderUrl`) sends it. */
  invoke<T = unknown>(channel: string, req?: unknown, senderUrl?: string | null): Promise<T>;
  /** Resolves with the exit code and the time from now to the exit. */
  exited(): Promise<{ code: number | null; ms: number }>;
  output(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'out/main/index.js');
const REGISTER = join(ROOT, 'tests/shell-harness/register.mjs');

export function startDesktopShell(opts: { userData?: string; env?: Record<string, string> } = {}): DesktopShell {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
  const userData = opts.userData ?? mkdtempSync(join(tmpdir(), 'lexbone-shell-'));
  const child = fork(MAIN, [], {
    cwd: ROOT,
    execArgv: ['--import', REGISTER],
    env: { ...process.env, ...opts.env, LEXBONE_STANDIN_USER_DATA: userData, LEXBONE_STANDIN_APP_ROOT: ROOT },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.value);
    else w?.reject(new Error(m.error));
  });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  void exit.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`the shell exited:\n${out.slice(-2000)}`));
    waiting.clear();
  });
  const op = <T>(name: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error(`the shell is not running:\n${out.slice(-2000)}`));
      if ('id' in args) return reject(new Error('an op argument may not be called id (the message id)'));
      const id = ++next;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op: name, ...args });
    });
  return {
    child,
    userData,
    op,
    invoke: <T>(channel: string, req: unknown = {}, senderUrl?: string | null) => op<T>('invoke', { channel, args: [req], senderUrl }),
    async exited() {
      const start = performance.now();
      const code = await exit;
      return { code, ms: performance.now() - start };
    },
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
        await exit;
      }
      if (!opts.userData) rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
