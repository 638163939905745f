import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { writeTestModels } from '../../helpers/builtin-models';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * The active backbone version names an embedder that is not installed (or whose folder is broken):
 * the models method says which, where to copy it and who asked for it; search still answers, by
 * keywords; "use the built-in models" and a rollback both clear or bring back the report.
 */
const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const HOST = join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs');
let service: AppService;
afterEach(async () => {
  await service?.close();
});

function setUp(broken: boolean): { dbPath: string; bundled: string; user: string } {
  const dir = tempDir();
  const dbPath = join(dir, 'lexbone.db');
  const lib = new Library(dbPath);
  lib.import(FIXTURE_CORPUS);
  const bundled = join(dir, 'models');
  const user = join(dir, 'home', 'models');
  writeTestModels(lib, bundled);
  if (broken) {
    mkdirSync(join(user, 'qwen3-embedding-0.6b'), { recursive: true });
    writeFileSync(join(user, 'qwen3-embedding-0.6b', 'manifest.json'), '{ "id": "qwen3-embedding-0.6b", ');
  }
  lib.activateVersion(lib.createVersion({ label: '内置（旧）', embedderId: 'test-static', rerankerId: 'test-features' }).id);
  lib.activateVersion(lib.createVersion({ label: 'Qwen3 试用', embedderId: 'qwen3-embedding-0.6b', rerankerId: 'test-features' }).id);
  lib.close();
  return { dbPath, bundled, user };
}

async function started(dbPath: string, dirs: string[]): Promise<AppService> {
  service = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, modelDirs: dirs, spawnInferenceHost: () => forkNodeHost(HOST) });
  service.start();
  await service.idle();
  return service;
}

describe('a version naming a model that is not installed', () => {
  it('is reported with the folder to copy it into; search is lexical; built-in models clear it, rollback brings it back', async () => {
    const { dbPath, bundled, user } = setUp(false);
    const s = await started(dbPath, [bundled, user]);
    const status = await s.handlers.models({});
    expect(status.missingModels).toHaveLength(1);
    const missing = status.missingModels[0]!;
    expect(missing).toMatchObject({ id: 'qwen3-embedding-0.6b', role: 'embedder', folder: user, brokenDir: null, code: 'MODEL_NOT_INSTALLED' });
    expect(missing.version?.label).toBe('Qwen3 试用');
    expect(missing.message).toContain('"Qwen3 试用"');
    expect(missing.message).toContain(`into ${user}`);
    expect(missing.message).toMatch(/is not installed/);
    expect(status.embedder).toBeNull();
    expect(status.reranker?.id).toBe('test-features');
    const res = await s.handlers.search({ query: '违约金过高', limit: 5, offset: 0, includeSuperseded: false });
    expect(res.mode).toBe('lexical');
    expect(res.hits[0]?.citation).toBe('《中华人民共和国民法典》第五百八十五条');

    const builtin = await s.handlers.useBuiltinModels({ label: '内置模型' });
    expect(builtin).toMatchObject({ label: '内置模型', embedderId: 'test-static', rerankerId: 'test-features', active: true });
    await s.idle();
    const fixed = await s.handlers.models({});
    expect(fixed.missingModels).toEqual([]);
    expect(fixed.embedder?.id).toBe('test-static');

    // Rolling back returns to the version with the missing model, and the report comes back.
    expect((await s.handlers.rollbackVersion({})).label).toBe('Qwen3 试用');
    await s.idle();
    expect((await s.handlers.models({})).missingModels.map((m) => m.id)).toEqual(['qwen3-embedding-0.6b']);
    expect((await s.handlers.rollbackVersion({})).label).toBe('内置（旧）');
    await s.idle();
    expect((await s.handlers.models({})).missingModels).toEqual([]);
  }, 60_000);

  it('names the broken folder holding that id', async () => {
    const { dbPath, bundled, user } = setUp(true);
    const s = await started(dbPath, [bundled, user]);
    const [missing] = (await s.handlers.models({})).missingModels;
    expect(missing).toMatchObject({ id: 'qwen3-embedding-0.6b', brokenDir: join(user, 'qwen3-embedding-0.6b') });
    expect(missing?.message).toMatch(/in a folder that cannot be used/);
  }, 60_000);

  it('without built-in models installed, useBuiltinModels is refused with NO_BUILTIN_MODELS', async () => {
    const { dbPath, user } = setUp(false);
    const s = await started(dbPath, [user]);
    await expect(Promise.resolve().then(() => s.handlers.useBuiltinModels({ label: 'x' }))).rejects.toMatchObject({ code: 'NO_BUILTIN_MODELS' });
  }, 60_000);
});
