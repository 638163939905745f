import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InferenceClient } from '../../../electron/backbone/inference/client';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import type { FeatureReranker } from '../../../electron/backbone/inference/types';
import { isLexboneError } from '../../../electron/contract/errors';
import { Library } from '../../../electron/backbone/library';
import { ModelRuntime } from '../../../electron/backbone/runtime/model-runtime';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { writeTestModels } from '../../helpers/builtin-models';
import { syntheticLibrary } from '../vectors/synthetic-corpus';
import { INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { useTempDirs } from '../../helpers/temp';
import { writeLexboneFeatures, writeLexboneStatic } from '../../helpers/tiny-models';

/**
 * The inference host supervised for real: a Node child process running tiny ONNX models, killed
 * (SIGKILL) or frozen (SIGSTOP) under the client's feet.
 */
const tempDir = useTempDirs('all');
const clients: InferenceClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

async function started(opts: Partial<ConstructorParameters<typeof InferenceClient>[0]> = {}) {
  const dir = tempDir();
  const client = new InferenceClient({ spawn: () => forkNodeHost(INFERENCE_HOST), ...opts });
  clients.push(client);
  const embedder = await client.loadEmbedder(writeLexboneStatic(join(dir, 'static')));
  const reranker = (await client.loadReranker(writeLexboneFeatures(join(dir, 'features')))) as FeatureReranker;
  return { client, embedder, reranker };
}

/** What a promise settles to, and how long it took. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const t = performance.now();
  try {
    return { value: await p, ms: performance.now() - t };
  } catch (error) {
    return { error, ms: performance.now() - t };
  }
}

const features = [Float32Array.from([1, 0, 0])];

describe('the supervised inference host', () => {
  it('restarts at once when killed: queries fail fast and retryable meanwhile, work waits for the new host', async () => {
    const { client, embedder, reranker } = await started();
    const pid = client.status().pid!;
    expect(pid).toBeGreaterThan(0);
    expect(await reranker.scoreFeatures(features)).toEqual([1.5]); // 1 + 0.5

    // A request big enough to be still in the host when it dies.
    const inFlight = settle(embedder.embed(Array.from({ length: 50_000 }, (_, i) => `甲乙丙${i}`), 'document'));
    process.kill(pid, 'SIGKILL');
    const failed = await inFlight;
    expect(isLexboneError(failed.error) && failed.error.code).toBe('INFERENCE_UNAVAILABLE');

    // Restarting without a request asking for it.
    expect(client.status()).toMatchObject({ state: 'restarting', restarts: 1 });
    let back = false;
    void client.recovered().then(() => (back = true));
    const query = await settle(reranker.scoreFeatures(features));
    expect(back).toBe(false); // answered before the new host was up: no waiting on it
    expect(query.error).toMatchObject({ code: 'INFERENCE_UNAVAILABLE', message: expect.stringMatching(/restarting after a crash.*try again in a moment/) });
    const work = await settle(embedder.embed(['甲'], 'document'));
    expect(work.error).toBeUndefined();
    expect(work.value![0]).toHaveLength(3);

    const s = client.status();
    expect(s).toMatchObject({ state: 'ready', restarts: 1, lastExit: { code: null } });
    expect(s.pid).not.toBe(pid);
    expect(s.lastRecoveryMs).toBeGreaterThan(0);
    expect(await reranker.scoreFeatures(features)).toEqual([1.5]);
  }, 30_000);

  it('survives a host that dies again while it restarts', async () => {
    const { client, reranker } = await started({ restartDelayMs: 10 });
    process.kill(client.status().pid!, 'SIGKILL');
    // Kill the replacement as soon as it has a pid, twice.
    for (let i = 0; i < 2; i++) {
      const old = client.status().pid;
      while (client.status().pid === null || client.status().pid === old) await new Promise((r) => setTimeout(r, 5));
      process.kill(client.status().pid!, 'SIGKILL');
    }
    await client.recovered();
    expect(client.status()).toMatchObject({ state: 'ready', restarts: 3 });
    expect(await reranker.scoreFeatures(features)).toEqual([1.5]);
  }, 30_000);

  it('a frozen host never makes a caller wait past the time limit, and is killed and restarted', async () => {
    const { client, reranker } = await started({ queryTimeoutMs: 300, hangMs: 600 });
    const pid = client.status().pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const first = await settle(reranker.scoreFeatures(features));
      expect(first.error).toMatchObject({ code: 'INFERENCE_UNAVAILABLE', message: expect.stringContaining('no answer within 300 ms') });
      // Silent past hangMs while a query waits: taken as hung, killed, restarted.
      const second = await settle(reranker.scoreFeatures(features));
      expect(second.error).toMatchObject({ code: 'INFERENCE_UNAVAILABLE' });
      await client.recovered();
      const s = client.status();
      expect(s.restarts).toBe(1);
      expect(s.pid).not.toBe(pid);
      expect(await reranker.scoreFeatures(features)).toEqual([1.5]);
    } finally {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }, 30_000);

  it('an indexing pass goes on after the host is killed under it, and ends with one vector per article', async () => {
    const dir = tempDir();
    syntheticLibrary(join(dir, 'lexbone.db'), { laws: 100, articlesPerLaw: 20 }).close(); // 2000 articles
    const lib = new Library(join(dir, 'lexbone.db'));
    writeTestModels(lib, join(dir, 'models'));
    const client = new InferenceClient({ spawn: () => forkNodeHost(INFERENCE_HOST) });
    clients.push(client);
    // Small batches back to back: an embedding request is nearly always in flight when the host dies.
    const runtime = new ModelRuntime(lib, client, { modelDirs: [join(dir, 'models')], batchSize: 4 });
    try {
      await runtime.start();
      const embedded = () => (runtime.status().indexing?.phase === 'indexing:embed' ? runtime.status().indexing!.done : 0);
      while (embedded() < 400) await new Promise((r) => setImmediate(r));
      const killedAt = embedded();
      process.kill(client.status().pid!, 'SIGKILL');
      await runtime.idle();
      const s = runtime.status();
      expect(s.error).toBeNull();
      expect(s.index).toMatchObject({ state: 'ready', articles: 2000 });
      expect(s.inference).toMatchObject({ state: 'ready', restarts: 1 });
      expect(killedAt).toBeLessThan(2000);
      loadVectorExtension(lib.db);
      const docs = lib.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%docs'").all() as { name: string }[];
      expect(docs).toHaveLength(1);
      const counts = lib.db.prepare(`SELECT count(*) AS n, count(DISTINCT article_id) AS d FROM ${docs[0]!.name}`).get();
      expect(counts).toEqual({ n: 2000, d: 2000 });
    } finally {
      await runtime.close();
      lib.close();
    }
  }, 60_000);
});
