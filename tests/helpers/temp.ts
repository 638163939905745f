import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per call, removed after the test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'lexbone-test-'));
    dirs.push(d);
    return d;
  };
}

export const FIXTURE_CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus');
export const BUNDLED_CORPUS = join(import.meta.dirname, '..', '..', 'resources', 'corpus', 'laws-cn.jsonl.gz');
