import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { getIndex } from '../../../electron/backbone/vectors/registry';
import { fixtureLibraryWithTestModels } from '../../helpers/builtin-models';
import { INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { ROOT } from '../../helpers/run-cli';
import { useTempDirs } from '../../helpers/temp';
import { useEnvKnobs } from '../../helpers/env-knobs';
import { waitFor } from '../models/wait';

/**
 * One writer at a time on the library: while the import worker writes, the background indexing
 * (committed per batch on the main thread) waits between batches, then goes on with the imported
 * articles too. Real worker, real inference host, the test-only knobs slow the indexing.
 */
const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
let service: AppService | undefined;

useEnvKnobs({ LEXBONE_INDEX_BATCH_SIZE: '1', LEXBONE_INDEX_BATCH_DELAY_MS: '60' });
afterAll(async () => {
  await service?.close();
});

describe('a single writer', () => {
  it('indexing waits while an import writes, then indexes everything once', async () => {
    const { dbPath, modelsDir } = fixtureLibraryWithTestModels(tempDir());
    const s = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, modelDirs: [modelsDir], spawnInferenceHost: () => forkNodeHost(INFERENCE_HOST) });
    service = s;
    s.start();
    await waitFor(async () => {
      const ix = (await s.handlers.models({})).indexing;
      return ix?.phase === 'indexing:embed' && ix.done >= 2 ? ix : undefined;
    }, 30_000, 'indexing to embed');

    const law = '# 某市写锁测试条例\n\n<!-- INFO END -->\n\n' + Array.from({ length: 40 }, (_, i) => `第${i + 1}条 本条例第${i + 1}条的内容。\n`).join('\n');
    await s.handlers.importStatutes({ files: [{ path: '写锁测试/某市写锁测试条例(2024-01-01).md', base64: Buffer.from(law).toString('base64') }] });
    // From the moment the import is accepted until it has ended, no indexing batch is committed.
    const seen = new Set<number>();
    for (;;) {
      const [job, models] = [await s.handlers.importStatus({}), await s.handlers.models({})];
      if (job.state !== 'running') break;
      seen.add(models.indexing?.done ?? -1);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(seen.size, `indexing moved during the import: ${[...seen].join(', ')}`).toBe(1);
    expect((await s.handlers.importStatus({})).report).toMatchObject({ articlesAdded: 40 });

    await s.idle();
    const models = await s.handlers.models({});
    expect(models.error).toBeNull();
    expect(models.index).toMatchObject({ state: 'ready', articles: 58 });
    const check = new Library(dbPath);
    try {
      const info = getIndex(check.db, 'test-static@32')!;
      expect(check.db.prepare(`SELECT count(*) AS n, count(DISTINCT article_id) AS d FROM ${info.tables.docs}`).get()).toEqual({ n: 58, d: 58 });
    } finally {
      check.close();
    }
  }, 60_000);
});
