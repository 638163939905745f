import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * A fresh temporary folder per call, removed after each test (`'each'`) or after the file's last
 * test (`'all'`, for folders made in beforeAll).
 */
export function useTempDirs(scope: 'each' | 'all' = 'each'): () => string {
  const dirs: string[] = [];
  (scope === 'each' ? afterEach : afterAll)(() => {
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
