/**
 * An A/B preparation beside the app's own work, through the real app service (real library, small
 * test models in a real inference host): the active version serves test-static + test-features,
 * version A another embedder (test-other, whose index the preparation builds itself) without a
 * reranker, version B keywords only. A cancel stops it between searches, saves nothing and leaves
 * the app's models as they were, and the next preparation works; a search asked mid-preparation is
 * answered by the active version at once, not after the preparation.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../electron/backbone/app-service';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { Library } from '../../electron/backbone/library';
import type { AbSessionSummary } from '../../electron/contract/ab-types';
import { writeTestModels } from '../helpers/builtin-models';
import { ROOT } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const QUERIES = ['违约金过高', '试用期解除劳动合同', '离婚后孩子抚养费', '经济补偿', '用人单位违法解除劳动合同', '交通事故赔偿',
  '房屋租赁合同到期', '未签劳动合同二倍工资', '遗嘱继承', '商标侵权赔偿', '合同无效', '个体工商户'];
const SEARCH = { query: '违约金过高', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' } as const;

function startService(dir: string, searchDelayMs: number): AppService {
  const service = createAppService({
    dbPath: join(dir, 'lexbone.db'), corpusPath: null, importWorkerPath: WORKER, modelDirs: [join(dir, 'models')],
    spawnInferenceHost: () => forkNodeHost(join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs')),
    evaluationPath: null, ab: { searchDelayMs },
  });
  service.start();
  return service;
}

function seed(dir: string): { active: number; other: number; lexical: number } {
  const lib = new Library(join(dir, 'lexbone.db'));
  try {
    lib.import(FIXTURE_CORPUS);
    writeTestModels(lib, join(dir, 'models'));
    writeTestModels(lib, join(dir, 'models'), { embedderId: 'test-other', dimension: 16, seed: 9 }); // and test-features again, the same
    const active = lib.createVersion({ label: 'active', embedderId: 'test-static', rerankerId: 'test-features' });
    const other = lib.createVersion({ label: 'other', embedderId: 'test-other', rerankerId: null });
    const lexical = lib.createVersion({ label: 'keywords', embedderId: null, rerankerId: null, presets: { standard: { k: 5, n: 3 } } });
    lib.activateVersion(active.id);
    return { active: active.id, other: other.id, lexical: lexical.id };
  } finally {
    lib.close();
  }
}

const summary = async (service: AppService, id: string) => (await service.handlers.abSessions({})).find((s) => s.id === id)!;

async function waitFor(service: AppService, id: string, until: (s: AbSessionSummary) => boolean, timeout = 40_000): Promise<AbSessionSummary> {
  let last: AbSessionSummary | undefined;
  await expect.poll(async () => until((last = await summary(service, id))), { timeout, interval: 20 }).toBe(true);
  return last!;
}

/** What the app serves, without the host's counters. */
async function served(service: AppService) {
  const m = await service.handlers.models({});
  return { embedder: m.embedder?.id ?? null, reranker: m.reranker?.id ?? null, index: m.index?.key ?? null, loaded: m.inference?.loadedModels };
}

describe('A/B preparation beside the app', () => {
  it('is cancelled between searches: nothing saved, the app models as they were, and the next preparation works', async () => {
    const dir = tempDir();
    const ids = seed(dir);
    const service = startService(dir, 150);
    await service.idle();
    const before = await served(service);
    expect(before).toEqual({ embedder: 'test-static', reranker: 'test-features', index: 'test-static@32', loaded: 2 });

    const started = await service.handlers.prepareAb({ a: ids.other, b: ids.lexical, queries: QUERIES, preset: 'standard' });
    // Version A's own embedder is loaded beside the app's models while its searches run.
    const midway = await waitFor(service, started.id, (s) => s.progress?.phase === 'search-a' && s.progress.done >= 2);
    expect(midway.state).toBe('preparing');
    expect((await served(service)).loaded).toBe(3);

    const cancelled = await service.handlers.cancelAbPreparation({ id: started.id });
    expect(cancelled).toMatchObject({ id: started.id, state: 'cancelled', error: null, progress: { phase: 'cancelled', total: 2 * QUERIES.length } });
    // Stopped between searches, long before the end (each search is followed by a 150 ms wait).
    expect(cancelled.progress!.done).toBeGreaterThanOrEqual(2);
    expect(cancelled.progress!.done).toBeLessThan(QUERIES.length);
    // No session file, nothing half-written.
    expect(existsSync(join(dir, 'ab')) ? readdirSync(join(dir, 'ab')) : []).toEqual([]);
    // The app's models are as they were; the preparation's handle is unloaded.
    expect(await served(service)).toEqual(before);
    expect(await summary(service, started.id)).toMatchObject({ state: 'cancelled', progress: { phase: 'cancelled' } });
    await expect(Promise.resolve().then(() => service.handlers.abSession({ id: started.id }))).rejects.toMatchObject({ code: 'AB_SESSION_NOT_FOUND' });
    // A second cancel answers the same.
    expect(await service.handlers.cancelAbPreparation({ id: started.id })).toEqual(cancelled);
    await expect(Promise.resolve().then(() => service.handlers.cancelAbPreparation({ id: 'ab-nothing' }))).rejects.toMatchObject({ code: 'AB_SESSION_NOT_FOUND' });

    // The next preparation runs to the end and writes its file.
    const next = await service.handlers.prepareAb({ a: ids.other, b: ids.lexical, queries: QUERIES.slice(0, 4), preset: 'standard' });
    const done = await waitFor(service, next.id, (s) => s.state !== 'preparing');
    expect(done).toMatchObject({ state: 'ready', error: null, queries: 4 });
    expect(readdirSync(join(dir, 'ab'))).toEqual([`${next.id}.json`]);
    // Cancelling a finished session changes nothing.
    expect(await service.handlers.cancelAbPreparation({ id: next.id })).toMatchObject({ id: next.id, state: 'ready' });
    expect(await served(service)).toEqual(before);
    await service.close();
  }, 120_000);

  it('answers a search asked mid-preparation with the active version, without waiting for the preparation', async () => {
    const dir = tempDir();
    const ids = seed(dir);
    const service = startService(dir, 40);
    await service.idle();
    const idleStart = performance.now();
    const idle = await service.handlers.search(SEARCH);
    const idleMs = performance.now() - idleStart;

    // A = the keyword version, B = the active version's models loaded once more as the preparation's own.
    const started = await service.handlers.prepareAb({ a: ids.lexical, b: ids.active, queries: QUERIES, preset: 'standard' });
    await waitFor(service, started.id, (s) => s.progress?.phase === 'search-a' && s.progress.done >= 3);
    const t0 = performance.now();
    const during = await service.handlers.search(SEARCH);
    const duringMs = performance.now() - t0;
    // Answered while the preparation still runs, by the active version (not version A's keywords-only budget).
    expect((await summary(service, started.id)).state).toBe('preparing');
    expect(during).toMatchObject({ models: { embedder: 'test-static', reranker: 'test-features' }, budget: idle.budget });
    expect(during.hits.map((h) => h.articleId)).toEqual(idle.hits.map((h) => h.articleId));

    // Mid-search of version B (its own handles in the same host), again.
    await waitFor(service, started.id, (s) => s.progress?.phase === 'search-b' && s.progress.done >= QUERIES.length + 3);
    const t1 = performance.now();
    const duringB = await service.handlers.search(SEARCH);
    const duringBMs = performance.now() - t1;
    expect((await summary(service, started.id)).state).toBe('preparing');
    expect(duringB.hits.map((h) => h.articleId)).toEqual(idle.hits.map((h) => h.articleId));
    // Answered while the preparation is still running (asserted above after each search), so it did
    // not wait for it. Measured on the shared 2-core machine: 19–35 ms idle, 4–29 ms during.
    console.log(`search idle ${idleMs.toFixed(0)} ms, during A ${duringMs.toFixed(0)} ms, during B ${duringBMs.toFixed(0)} ms`);

    expect(await waitFor(service, started.id, (s) => s.state !== 'preparing')).toMatchObject({ state: 'ready', error: null });
    await service.close();
  }, 120_000);
});
