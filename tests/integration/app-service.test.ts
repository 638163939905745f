import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService } from '../../electron/backbone/app-service';
import type { Progress } from '../../electron/contract/types';
import { ROOT } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');

describe('app service', () => {
  it('imports the corpus on first run in a worker, reporting progress, then searches', async () => {
    const dir = tempDir();
    const service = createAppService({ dbPath: join(dir, 'lexbone.db'), corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER });
    service.start();
    expect((await service.handlers.status({})).state).toBe('importing');
    const seen: Progress[] = [];
    const poll = setInterval(async () => {
      const s = await service.handlers.status({});
      if (s.progress) seen.push(s.progress);
    }, 5);
    await service.idle();
    clearInterval(poll);
    const status = await service.handlers.status({});
    expect(status.state).toBe('ready');
    expect(status.lastImport?.articlesAdded).toBe(17);
    expect(seen.length).toBeGreaterThan(0);
    const res = await service.handlers.search({ query: '违约金', limit: 5, offset: 0, includeSuperseded: false });
    expect(res.hits[0]?.citation).toBe('《中华人民共和国民法典》第五百八十五条');
    await service.close();

    // Second start: the library is not empty, so nothing is imported again.
    const again = createAppService({ dbPath: join(dir, 'lexbone.db'), corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER });
    again.start();
    expect((await again.handlers.status({})).state).toBe('ready');
    await again.close();
  });

  it('shows a damaged or foreign database as an error state, and refuses to search', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'lexbone.db');
    writeFileSync(dbPath, 'not a database at all');
    const service = createAppService({ dbPath, corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER });
    service.start();
    const status = await service.handlers.status({});
    expect(status.state).toBe('error');
    expect(status.error?.code).toBe('DB_FOREIGN');
    expect(() => service.handlers.search({ query: 'x', limit: 1, offset: 0, includeSuperseded: false })).toThrow(/not ready/);
    await service.close();
  });
});
