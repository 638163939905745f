import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService } from '../../electron/backbone/app-service';
import type { Progress } from '../../electron/contract/types';
import { ROOT } from '../helpers/run-cli';
import { Library } from '../../electron/backbone/library';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { writeTestModels } from '../helpers/builtin-models';
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
    expect(status.lastImport?.articlesAdded).toBe(18);
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

  it('serves the active backbone version, follows one activated by another process, and rolls back', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'lexbone.db');
    const setup = new Library(dbPath);
    setup.import(FIXTURE_CORPUS);
    writeTestModels(setup, join(dir, 'models'));
    const lexicalOnly = setup.createVersion({ label: 'lexical', embedderId: null, rerankerId: null, presets: { standard: { k: 7, n: 3 } } });
    const full = setup.createVersion({ label: 'full', embedderId: 'test-static', rerankerId: 'test-features' });
    setup.activateVersion(lexicalOnly.id);
    setup.close();

    const service = createAppService({
      dbPath, corpusPath: null, importWorkerPath: WORKER, modelDirs: [join(dir, 'models')],
      spawnInferenceHost: () => forkNodeHost(join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs')),
    });
    service.start();
    await service.idle();
    const search = () => service.handlers.search({ query: '违约金过高', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' });
    // The active version pins no models although two are installed, and its own budget.
    expect((await service.handlers.models({})).embedder).toBeNull();
    const first = await search();
    expect(first).toMatchObject({ mode: 'lexical', budget: { k: 7, n: 3 }, models: { embedder: null, reranker: null } });

    // Another process (the CLI) activates the full version: the next search follows it.
    const cli = new Library(dbPath);
    cli.activateVersion(full.id);
    cli.close();
    expect((await search()).budget).toEqual({ preset: 'standard', k: 60, n: 10 });
    await service.idle();
    await expect.poll(async () => (await service.handlers.models({})).reranker?.id, { timeout: 20_000 }).toBe('test-features');
    await expect.poll(async () => (await search()).models, { timeout: 20_000 }).toEqual({ embedder: 'test-static', reranker: 'test-features' });

    // Rollback through the API: back to lexical at once.
    expect(await service.handlers.rollbackVersion({})).toMatchObject({ id: lexicalOnly.id, active: true });
    await expect.poll(async () => (await search()).models, { timeout: 20_000 }).toEqual({ embedder: null, reranker: null });
    expect((await service.handlers.versions({})).map((v) => [v.label, v.active])).toEqual([['full', false], ['lexical', true]]);
    await service.close();
  }, 60_000);

  it('a damaged research.db fails the folder methods with its own error, left untouched, while search works', async () => {
    const dir = tempDir();
    const research = join(dir, 'research.db');
    writeFileSync(research, 'not a database at all, but the user may want it back');
    const service = createAppService({ dbPath: join(dir, 'lexbone.db'), corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER });
    service.start();
    await service.idle();
    await expect(Promise.resolve().then(() => service.handlers.folders({}))).rejects.toMatchObject({ code: 'RESEARCH_DB_FOREIGN' });
    const res = await service.handlers.search({ query: '违约金', limit: 5, offset: 0, includeSuperseded: false });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(readFileSync(research, 'utf8')).toBe('not a database at all, but the user may want it back');
    await service.close();
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
