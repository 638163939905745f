/**
 * Every measuring command of the README runs from a clone that has no sibling `../shared` folder,
 * as a user's clone has none: each npm script's defaults resolve to files shipped in the repository
 * (the STARD train questions under resources/evaluation/stard/, with their licence). The commands
 * run for real through npm with `--dry-run`, which parses and checks their options, reads the
 * question file and stops before importing, training or serving (the long runs are covered by
 * their own tests, the desktop-shell harness among them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const outer = mkdtempSync(join(tmpdir(), 'lexbone-clone-'));
const clone = join(outer, 'lexbone');
mkdirSync(clone);
for (const entry of ['electron', 'resources', 'models', 'node_modules', 'tsconfig.json', 'package.json']) {
  symlinkSync(join(ROOT, entry), join(clone, entry));
}
afterAll(() => rmSync(outer, { recursive: true, force: true }));

const npm = (args: string[]) => {
  const r = spawnSync('npm', ['run', '-s', ...args], { cwd: clone, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const COMMANDS: [string, string[]][] = [
  ['eval', ['eval', '--', '--split', 'validation', '--preset', 'standard', '--tables', 'none', '--dry-run']],
  ['select', ['select', '--', '--dry-run']],
  ['bench', ['bench', '--', '--dry-run']],
  ['load', ['load', '--', '--seconds', '30', '--dry-run']],
  ['train', ['train', '--', '--component', 'reranker', '--stage', '2', '--family', 'reader', '--dry-run']],
  ['ab prepare', ['ab', '--', 'prepare', '--a', '1', '--b', '2', '--out', 'session.json', '--dry-run']],
];

describe('a fresh clone without ../shared', () => {
  it('has no ../shared beside it, and no npm script names one', () => {
    expect(existsSync(join(clone, '..', 'shared'))).toBe(false);
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [name, line] of Object.entries(scripts)) expect(line, name).not.toMatch(/\.\.\/shared|shared\/data/);
    expect(readFileSync(join(ROOT, 'resources', 'evaluation', 'stard', 'LICENSE'), 'utf8')).toMatch(/MIT/);
  });

  it.each(COMMANDS)('npm run %s reads the shipped STARD questions', (command, args) => {
    const r = npm(args);
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { command: string; dryRun: boolean; queries: { path: string; questions: number } };
    expect(plan.command).toBe(command);
    expect(plan.queries.path).toBe(join(clone, 'resources', 'evaluation', 'stard', 'queries.train.json'));
    expect(plan.queries.questions).toBe(1235);
  });

  it('a question file that is not there is refused by name, before any work', () => {
    const r = npm(['eval', '--', '--queries', 'nothere.json', '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(clone, 'nothere.json')} does not exist`);
  });
});
