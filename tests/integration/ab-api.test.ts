/**
 * The A/B API through the real app service: two backbone versions (lexical only with a small budget,
 * and small test models in the inference host) prepared on the user's search history, every item
 * judged, the service restarted, the verdicts still there, and the tally equal to a hand count of
 * the verdicts unblinded through the session file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../electron/backbone/app-service';
import { parseAbSession } from '../../electron/backbone/ab/ab-session';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { Library } from '../../electron/backbone/library';
import type { AbSessionSummary, AbVerdict } from '../../electron/contract/ab-types';
import { writeTestModels } from '../helpers/builtin-models';
import { ROOT } from '../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const QUERIES = ['违约金过高', '试用期解除劳动合同', '离婚后孩子抚养费', '经济补偿', '民法典第584条', '用人单位违法解除劳动合同'];

function startService(dir: string): AppService {
  const service = createAppService({
    dbPath: join(dir, 'lexbone.db'), corpusPath: null, importWorkerPath: WORKER, modelDirs: [join(dir, 'models')],
    spawnInferenceHost: () => forkNodeHost(join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs')),
    evaluationPath: null,
  });
  service.start();
  return service;
}

function seed(dir: string): { lexical: number; models: number } {
  const lib = new Library(join(dir, 'lexbone.db'));
  try {
    lib.import(FIXTURE_CORPUS);
    writeTestModels(lib, join(dir, 'models'));
    const lexical = lib.createVersion({ label: 'keywords', embedderId: null, rerankerId: null, presets: { standard: { k: 5, n: 3 } } });
    const models = lib.createVersion({ label: 'models', embedderId: 'test-static', rerankerId: 'test-features' });
    lib.activateVersion(lexical.id);
    return { lexical: lexical.id, models: models.id };
  } finally {
    lib.close();
  }
}

async function waitPrepared(service: AppService, id: string): Promise<AbSessionSummary> {
  let last: AbSessionSummary | undefined;
  await expect.poll(async () => {
    last = (await service.handlers.abSessions({})).find((s) => s.id === id);
    return last?.state;
  }, { timeout: 40_000, interval: 100 }).not.toBe('preparing');
  return last!;
}

describe('A/B API', () => {
  it('prepares on the search history, judges, keeps the verdicts across a restart, and tallies them', async () => {
    const dir = tempDir();
    const ids = seed(dir);
    let service = startService(dir);
    await service.idle();
    for (const q of QUERIES) await service.handlers.addHistory({ text: q, preset: null, resultCount: 1, shown: [] });
    await service.handlers.addHistory({ text: QUERIES[0]!, preset: null, resultCount: 1, shown: [] }); // repeated: counted once

    const started = await service.handlers.prepareAb({ a: ids.lexical, b: ids.models, preset: 'standard' });
    expect(started).toMatchObject({ state: 'preparing', querySource: 'history', preset: 'standard', queries: QUERIES.length, progress: { total: 2 * QUERIES.length } });
    // A search asked meanwhile is answered by the active version (the preparation has models of its own).
    const during = service.handlers.search({ query: '违约金过高', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' });
    // One preparation at a time.
    await expect(Promise.resolve().then(() => service.handlers.prepareAb({ a: ids.lexical, b: ids.models, preset: 'standard' }))).rejects.toMatchObject({ code: 'AB_BUSY' });
    const prepared = await waitPrepared(service, started.id);
    expect(prepared.error).toBeNull();
    expect(prepared).toMatchObject({ state: 'ready', queries: QUERIES.length, judged: 0 });
    expect(prepared.items + prepared.identical).toBe(QUERIES.length);
    expect(prepared.items).toBeGreaterThan(1);
    // The citation query resolves to the same article whatever the version: identical, not judged.
    expect(prepared.identical).toBeGreaterThanOrEqual(1);

    expect(await during).toMatchObject({ mode: 'lexical', budget: { k: 5, n: 3 }, models: { embedder: null, reranker: null } });
    // Afterwards the app serves the active (lexical) version again.
    const after = await service.handlers.search({ query: '违约金过高', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' });
    expect(after).toMatchObject({ mode: 'lexical', budget: { k: 5, n: 3 }, models: { embedder: null, reranker: null } });

    const view = await service.handlers.abSession({ id: started.id });
    expect(view.items).toHaveLength(prepared.items);
    expect(JSON.stringify(view)).not.toMatch(/keywords|"models"|test-static/); // blind: no version names
    for (const item of view.items) {
      expect(item.left.map((a) => a.articleId)).not.toEqual(item.right.map((a) => a.articleId));
      // One side is the lexical version's top 3, the other the model version's top 10.
      const [shorter, longer] = [item.left.length, item.right.length].sort((x, y) => x - y);
      expect(shorter).toBeLessThanOrEqual(3);
      expect(longer).toBeGreaterThan(3);
      expect(item.left.every((a) => a.found && a.citation.startsWith('《'))).toBe(true);
    }

    // Judge all but the last item, then restart the service.
    const verdicts: AbVerdict[] = view.items.map((_, i) => (['left', 'right', 'tie'] as const)[i % 3]!);
    for (const [i, v] of verdicts.slice(0, -1).entries()) {
      expect(await service.handlers.judgeAb({ id: started.id, itemIndex: i, verdict: v })).toMatchObject({ index: i, verdict: v });
    }
    // A verdict can be changed: the first one is given again, then back.
    await service.handlers.judgeAb({ id: started.id, itemIndex: 0, verdict: 'tie' });
    await service.handlers.judgeAb({ id: started.id, itemIndex: 0, verdict: verdicts[0]! });
    await service.close();

    service = startService(dir);
    await service.idle();
    const resumed = await service.handlers.abSession({ id: started.id });
    expect(resumed.items.map((i) => i.verdict)).toEqual([...verdicts.slice(0, -1), null]);
    expect((await service.handlers.abSessions({})).find((s) => s.id === started.id)?.judged).toBe(verdicts.length - 1);
    const last = verdicts.length - 1;
    await service.handlers.judgeAb({ id: started.id, itemIndex: last, verdict: verdicts[last]! });

    // Hand count from the file itself: which version each verdict preferred.
    const file = join(dir, 'ab', `${started.id}.json`);
    const session = parseAbSession(readFileSync(file, 'utf8'), file);
    let a = 0, b = 0, ties = 0;
    session.items.forEach((item, i) => {
      const v = verdicts[i]!;
      if (v === 'tie') ties++;
      else if ((v === 'left') === (item.left === 'A')) a++;
      else b++;
    });
    const tally = await service.handlers.tallyAb({ id: started.id });
    expect(tally).toMatchObject({
      a, b, ties, identical: prepared.identical, judged: verdicts.length, complete: true,
      versionA: { id: String(ids.lexical), label: 'keywords' }, versionB: { id: String(ids.models), label: 'models' },
    });
    expect(tally.preferenceA).toBe(a + b === 0 ? null : a / (a + b));
    expect(tally.reveals.map((r) => r.left)).toEqual(session.items.map((i) => i.left));
    if (a + b > 0) expect(tally.ci95![0]).toBeLessThanOrEqual(tally.preferenceA!);
    // No temporary files left beside the session.
    expect(readdirSync(join(dir, 'ab'))).toEqual([`${started.id}.json`]);
    await service.close();
  }, 120_000);

  it('refuses what cannot be compared, with typed errors, and leaves a damaged file as it is', async () => {
    const dir = tempDir();
    const ids = seed(dir);
    const lib = new Library(join(dir, 'lexbone.db'));
    const missing = lib.createVersion({ label: 'missing model', embedderId: 'no-such-embedder', rerankerId: null }).id;
    lib.close();
    const service = startService(dir);
    await service.idle();
    const fails = (p: () => unknown) => Promise.resolve().then(p);
    await expect(fails(() => service.handlers.prepareAb({ a: ids.lexical, b: ids.models, preset: 'standard' }))).rejects.toMatchObject({ code: 'AB_NO_QUERIES' });
    await expect(fails(() => service.handlers.prepareAb({ a: ids.lexical, b: missing, queries: ['违约金'], preset: 'standard' }))).rejects.toMatchObject({ code: 'AB_MODEL_MISSING' });
    await expect(fails(() => service.handlers.prepareAb({ a: ids.lexical, b: 99, queries: ['违约金'], preset: 'standard' }))).rejects.toMatchObject({ code: 'VERSION_NOT_FOUND' });
    await expect(fails(() => service.handlers.abSession({ id: 'ab-nothing' }))).rejects.toMatchObject({ code: 'AB_SESSION_NOT_FOUND' });
    expect(existsSync(join(dir, 'ab'))).toBe(false);

    // Pasted queries; then the file is damaged by hand: listed as failed, read refused, bytes kept.
    const started = await service.handlers.prepareAb({ a: ids.lexical, b: ids.models, queries: ['违约金过高', '经济补偿'], preset: 'quick' });
    expect(await waitPrepared(service, started.id)).toMatchObject({ state: 'ready', querySource: 'pasted', preset: 'quick', queries: 2 });
    const file = join(dir, 'ab', `${started.id}.json`);
    writeFileSync(file, '{"format": "lexbone-ab", "trunc');
    expect((await service.handlers.abSessions({})).find((s) => s.id === started.id)).toMatchObject({ state: 'failed', error: { code: 'AB_SESSION_DAMAGED' } });
    await expect(fails(() => service.handlers.judgeAb({ id: started.id, itemIndex: 0, verdict: 'left' }))).rejects.toMatchObject({ code: 'AB_SESSION_DAMAGED' });
    expect(readFileSync(file, 'utf8')).toBe('{"format": "lexbone-ab", "trunc');
    await service.close();
  }, 120_000);
});
