import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { getIndex } from '../../../electron/backbone/vectors/registry';
import { fixtureLibraryWithTestModels } from '../../helpers/builtin-models';
import { ROOT } from '../../helpers/run-cli';
import { useTempDirs } from '../../helpers/temp';
import { useEnvKnobs } from '../../helpers/env-knobs';
import { waitFor } from './wait';

/**
 * Pausing and resuming the background indexing through the app service, with real models in a
 * real inference host and the real sqlite-vec index: the test-only knobs make the fixture corpus's
 * 18 articles take nine batches of two with a pause after each, so a pause can land mid-pass.
 */
const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const HOST = join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs');
const USER = join(import.meta.dirname, '..', '..', 'fixtures', 'user-statutes');
let service: AppService;
useEnvKnobs({ LEXBONE_INDEX_BATCH_SIZE: '2', LEXBONE_INDEX_BATCH_DELAY_MS: '150' });
afterEach(async () => {
  await service?.close();
});

const setUp = (): { dbPath: string; modelsDir: string } => fixtureLibraryWithTestModels(tempDir());

function start(dbPath: string, modelsDir: string): AppService {
  service = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, modelDirs: [modelsDir], spawnInferenceHost: () => forkNodeHost(HOST) });
  service.start();
  return service;
}

/** Vectors in the index's docs table, and how many distinct articles they cover. */
function vectorCounts(dbPath: string, key: string): { vectors: number; articles: number } {
  const lib = new Library(dbPath);
  try {
    const info = getIndex(lib.db, key)!;
    return lib.db.prepare(`SELECT count(*) AS vectors, count(DISTINCT article_id) AS articles FROM ${info.tables.docs}`).get() as never;
  } finally {
    lib.close();
  }
}

const search = (s: AppService, query: string) => s.handlers.search({ query, limit: 10, offset: 0, includeSuperseded: false });
const embedding = (s: AppService, min: number) =>
  waitFor(async () => {
    const ix = (await s.handlers.models({})).indexing;
    return ix?.phase === 'indexing:embed' && ix.done >= min ? ix : undefined;
  }, 30_000, 'indexing to embed');

describe('pausing and resuming the indexing', () => {
  it('pauses a first build between batches; search is lexical meanwhile; resume ends with one vector per article', async () => {
    const { dbPath, modelsDir } = setUp();
    const s = start(dbPath, modelsDir);
    const first = await embedding(s, 2);
    expect(first).toMatchObject({ state: 'running', modelId: 'test-static', total: 18 });

    const paused = await s.handlers.pauseIndexing({});
    expect(paused.state).toBe('paused');
    expect(paused.indexing).toMatchObject({ state: 'paused', modelId: 'test-static', total: 18, etaMs: null });
    const at = paused.indexing!.done;
    expect(at).toBeGreaterThanOrEqual(2);
    expect(at).toBeLessThan(18);
    // The service has no work left running (the pass ended at the pause), nothing moved, and
    // exactly the committed batches are on disk.
    await s.idle();
    const still = await s.handlers.models({});
    expect(still.indexing).toMatchObject({ state: 'paused', done: at });
    expect(still.index).toBeNull(); // no complete index yet: dense search is off
    expect(vectorCounts(dbPath, 'test-static@32')).toEqual({ vectors: at, articles: at });

    const res = await search(s, '违约金过高');
    expect(res.mode).toBe('lexical');
    expect(res.hits[0]?.citation).toBe('《中华人民共和国民法典》第五百八十五条');
    expect((await s.handlers.pauseIndexing({})).state).toBe('paused'); // pausing twice is harmless

    const resumed = await s.handlers.resumeIndexing({});
    expect(resumed.state).toBe('running');
    expect(resumed.indexing).toMatchObject({ state: 'running', done: at });
    await service.idle();
    const after = await s.handlers.models({});
    expect(after.indexing).toBeNull();
    expect(after.index).toMatchObject({ state: 'ready', articles: 18, modelId: 'test-static' });
    expect(vectorCounts(dbPath, 'test-static@32')).toEqual({ vectors: 18, articles: 18 });
    expect((await search(s, '违约金过高')).mode).toBe('hybrid');
    expect((await s.handlers.resumeIndexing({})).state).toBe('idle');
  }, 60_000);

  it('after an import, a paused incremental pass keeps the old index serving; resume indexes the new articles', async () => {
    const { dbPath, modelsDir } = setUp();
    const s = start(dbPath, modelsDir);
    await s.idle();
    expect((await s.handlers.models({})).index).toMatchObject({ state: 'ready', articles: 18 });

    // Nine markdown articles over the fixture's 18: 电梯 law (3) and a copy with 6 more articles.
    const law = readFileSync(join(USER, '地方法规', '广东', '广东省电梯安全条例(2020-05-01).md'), 'utf8');
    const more = law.replace('广东省电梯安全条例', '某市电梯安全条例').replace('第三条', '第三条 甲。\n\n第四条 乙。\n\n第五条 丙。\n\n第六条 丁。\n\n第七条 戊。\n\n第八条');
    const files = [law, more].map((text, i) => ({ path: `导入/${i}.md`, base64: Buffer.from(text).toString('base64') }));
    await s.handlers.importStatutes({ files });
    const report = await waitFor(async () => (await s.handlers.importStatus({})).report ?? undefined, 20_000, 'the import');
    expect(report.articlesAdded).toBe(11);

    const running = await embedding(s, 2);
    expect(running.total).toBe(11);
    const paused = await s.handlers.pauseIndexing({});
    expect(paused.indexing).toMatchObject({ state: 'paused', total: 11 });
    const at = paused.indexing!.done;

    // The old index still serves dense search, and the imported articles are found by keywords.
    const status = await s.handlers.models({});
    expect(status.index).toMatchObject({ state: 'ready', modelId: 'test-static' });
    const res = await search(s, '电梯困人三十分钟内抵达现场');
    expect(res.mode).toBe('hybrid');
    expect(res.degraded).toBeNull();
    expect(res.hits.map((h) => h.citation)).toContain('《广东省电梯安全条例》第三条');
    expect(vectorCounts(dbPath, 'test-static@32')).toEqual({ vectors: 18 + at, articles: 18 + at });

    s.handlers.resumeIndexing({});
    await s.idle();
    expect((await s.handlers.models({})).index).toMatchObject({ state: 'ready', articles: 29 });
    expect(vectorCounts(dbPath, 'test-static@32')).toEqual({ vectors: 29, articles: 29 });
  }, 60_000);
});
