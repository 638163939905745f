/**
 * Starts the Lexbone web server (electron/server/main.ts) as a child process on a free port and
 * waits for its "Lexbone listening on <url>" line. Used by the e2e fixture, one server per test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const READY_LINE = /Lexbone listening on (https?:\/\/\S+)/;

export interface ServerOptions {
  repoRoot: string;
  dbPath: string;
  corpus: string | null;
  staticDir: string;
  startTimeoutMs: number;
  /** More command-line flags for the server (e.g. --evaluation <file>). */
  extraArgs?: string[];
  /** Extra environment for the server (test knobs, LEXBONE_HOME). */
  env?: Record<string, string>;
}

export interface ServerProcess {
  url: string;
  /** The server's process id (fault tests kill it). */
  pid: number;
  /** Everything the server wrote so far, for failure messages and reports. */
  output(): { stdout: string; stderr: string };
  stop(): Promise<void>;
}

function describe(child: ChildProcess, stderr: string, stdout: string): string {
  const status = child.exitCode !== null ? `exited with code ${child.exitCode}` : child.signalCode ? `was killed by ${child.signalCode}` : 'is still running';
  return `the server ${status}.\n--- stderr ---\n${stderr.trim() || '(empty)'}\n--- stdout ---\n${stdout.trim() || '(empty)'}`;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const entry = join(options.repoRoot, 'electron', 'server', 'main.ts');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: the e2e tests need the web server.`);
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    throw new Error(`${options.staticDir}/index.html is missing: run \`npx electron-vite build\` before the e2e tests.`);
  }

  const args = ['--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1', '--db', options.dbPath, '--static', options.staticDir];
  if (options.corpus) args.push('--corpus', options.corpus);
  args.push(...(options.extraArgs ?? []));

  const child = spawn(process.execPath, args, {
    cwd: options.repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No "Lexbone listening on" line within ${options.startTimeoutMs} ms; ${describe(child, stderr, stdout)}`)),
        options.startTimeoutMs,
      );
      const onData = () => {
        const match = READY_LINE.exec(stdout);
        if (!match?.[1]) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1].replace(/\/$/, ''));
      };
      child.stdout.on('data', onData);
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`The server stopped before it was ready; ${describe(child, stderr, stdout)}`));
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`The server could not be started: ${e.message}`));
      });
    });
    return { url, pid: child.pid!, output: () => ({ stdout, stderr }), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
