import { describe, expect, it } from 'vitest';
import type { BackboneHealth } from '../../../electron/contract/ops-types';
import { AdmissionQueue, admissionMiddleware } from '../../../electron/server/admission-queue';
import { readiness } from '../../../electron/server/health-routes';
import { runChain, type RequestContext } from '../../../electron/server/middleware';
import { requestTimeoutMiddleware } from '../../../electron/server/request-timeout';

const healthy: BackboneHealth = {
  library: 'ready', libraryError: null, userImport: false, models: 'loaded', modelsError: null, embedder: 'e', reranker: 'r',
  index: { state: 'ready', articles: 10 }, libraryArticles: 10, inferenceRestarts: 0, versionId: 1,
};

describe('readiness', () => {
  it('is ready with full search only when an embedder serves a ready index', () => {
    expect(readiness(healthy, false)).toMatchObject({ ready: true, search: 'full', reason: null });
  });

  it.each([
    [{ library: 'opening' }, 'still opening'],
    [{ library: 'importing' }, 'being imported'],
    [{ library: 'error', libraryError: { code: 'DB_CORRUPT', message: 'The database /x/lexbone.db is damaged' } }, 'cannot be used (DB_CORRUPT)'],
    [{ userImport: true }, 'statute import is running'],
    [{ models: 'loading' }, 'models are being loaded'],
  ] as [Partial<BackboneHealth>, string][])('is not ready (503) when %j, and says why', (change, why) => {
    const r = readiness({ ...healthy, ...change }, false);
    expect(r.ready).toBe(false);
    expect(r.reason).toContain(why);
  });

  it('names the code of a failure, never its message (paths, library text): probes carry no key', () => {
    const broken = readiness({ ...healthy, library: 'error', libraryError: { code: 'DB_CORRUPT', message: 'The database /home/zhang/lexbone.db is damaged' } }, false);
    const failed = readiness({ ...healthy, models: 'failed', embedder: null, index: null, modelsError: { code: 'MODEL_LOAD_FAILED', message: 'Model folder /opt/m: bad onnx' } }, false);
    for (const r of [broken, failed]) {
      expect(JSON.stringify(r)).not.toMatch(/zhang|\/opt\/m|bad onnx/);
      expect(Object.keys(r).sort()).toEqual(['library', 'models', 'ready', 'reason', 'search']);
    }
    expect(failed).toMatchObject({ library: 'ready', models: 'failed' });
  });

  it('is not ready once shutting down, whatever the backbone says', () => {
    expect(readiness(healthy, true)).toMatchObject({ ready: false, reason: 'the service is shutting down.' });
  });

  it.each([
    [{ models: 'none', embedder: null, reranker: null, index: null }, 'no models are configured'],
    [{ models: 'failed', embedder: null, index: null, modelsError: { code: 'MODEL_LOAD_FAILED', message: 'bad onnx' } }, 'could not be loaded (MODEL_LOAD_FAILED'],
    [{ index: null }, 'vector index is being built'],
  ] as [Partial<BackboneHealth>, string][])('is ready but lexical (degraded) when %j, and says why', (change, why) => {
    const r = readiness({ ...healthy, ...change }, false);
    expect(r).toMatchObject({ ready: true, search: 'lexical' });
    expect(r.reason).toContain(why);
  });
});

describe('the timeout in front of the queue', () => {
  const ctx = (method: string): RequestContext => ({
    method, body: {}, req: {} as RequestContext['req'], caller: null, startedAt: performance.now(),
    signal: new AbortController().signal, setHeader: () => undefined,
  });

  it('says a request timed out while still waiting for a slot when the slot holder has no (or a longer) limit', async () => {
    const queue = new AdmissionQueue({ maxInflight: 1, maxQueue: 4 });
    const chain = [requestTimeoutMiddleware(100, new Set(['search'])), admissionMiddleware(queue, new Set(['search', 'prepare']))];
    let release!: () => void;
    const holding = runChain(chain, ctx('prepare'), () => new Promise((r) => (release = () => r({ ok: true, value: 1 }))));
    await new Promise((r) => setImmediate(r));
    expect(queue.inflight).toBe(1);
    const started = performance.now();
    const r = await runChain(chain, ctx('search'), async () => ({ ok: true, value: 2 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('REQUEST_TIMEOUT');
      expect(r.error.message).toContain('waiting for a search slot');
    }
    expect(queue.depth).toBe(0); // its place was given up
    release();
    expect(await holding).toEqual({ ok: true, value: 1 });
    expect(queue.inflight).toBe(0);
  });

  it('lets a request that finishes in time through untouched', async () => {
    const r = await runChain([requestTimeoutMiddleware(1000)], ctx('search'), async () => ({ ok: true, value: 'done' }));
    expect(r).toEqual({ ok: true, value: 'done' });
  });
});
