import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'electron', 'cli', 'main.ts');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real CLI (node + tsx) and waits for it. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** Starts the CLI without waiting (for kill tests). */
export function startCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}
