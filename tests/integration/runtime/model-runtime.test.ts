import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceClient } from '../../../electron/backbone/inference/client';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { ModelRuntime } from '../../../electron/backbone/runtime/model-runtime';
import { SearchRequest } from '../../../electron/contract/schemas';
import { writeTestModels } from '../../helpers/builtin-models';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * The whole backbone with real models: a lexbone-static embedder and a lexbone-features reranker
 * in a real inference host process, a real sqlite-vec index, the hybrid pipeline.
 */
const tempDir = useTempDirs('all');
const HOST = join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs');
let lib: Library;
let client: InferenceClient;
let runtime: ModelRuntime;
let modelsDir: string;

beforeAll(async () => {
  const dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  modelsDir = join(dir, 'models');
  writeTestModels(lib, modelsDir);
  writeTestModels(lib, modelsDir, { embedderId: 'test-static-b', seed: 9 }); // another version's embedder
  client = new InferenceClient({ spawn: () => forkNodeHost(HOST) });
  runtime = new ModelRuntime(lib, client, { modelDirs: [modelsDir] });
  await runtime.start();
  await runtime.idle();
}, 60_000);

afterAll(async () => {
  await runtime.close();
  await client.close();
  lib.close();
});

const search = (query: string, extra: Record<string, unknown> = {}) => lib.search(SearchRequest.parse({ query, ...extra }));

describe('model runtime', () => {
  it('loads the models, indexes every article once and reports the CPU provider', () => {
    const s = runtime.status();
    expect(s.embedder?.id).toBe('test-static');
    expect(s.reranker?.id).toBe('test-features');
    expect(s.embedder?.provider.active).toBe('cpu');
    expect(s.index).toMatchObject({ state: 'ready', articles: 18, modelId: 'test-static' });
    expect(s.indexing).toBeNull();
  });

  it('runs hybrid retrieval and reranks the top N, with every stage score and rank', async () => {
    const res = await search('违约金过高', { preset: 'standard' });
    expect(res.mode).toBe('hybrid');
    expect(res.models).toEqual({ embedder: 'test-static', reranker: 'test-features' });
    expect(res.degraded).toBeNull();
    const top = res.hits[0]!;
    expect(top.citation).toBe('《中华人民共和国民法典》第五百八十五条');
    expect(top.reranked).toBe(true);
    expect(top.scores.dense).not.toBeNull();
    expect(top.scores.rerank).not.toBeNull();
    expect(top.ranks.beforeRerank).toBeGreaterThan(0);
    // Reranked hits are ordered by rerank score.
    const reranked = res.hits.filter((h) => h.reranked).map((h) => h.scores.rerank!);
    expect(reranked).toEqual([...reranked].sort((a, b) => b - a));
  });

  it('dense-only retrieval finds articles by the embedder alone', async () => {
    const res = await search('违约金', { retriever: 'dense', n: 0, limit: 17, k: 17 });
    expect(res.mode).toBe('dense');
    expect(res.hits.every((h) => h.scores.lexical === null && h.scores.dense !== null)).toBe(true);
    expect(res.hits.map((h) => h.label)).toContain('第五百八十五条');
  });

  it('a crashed inference host is restarted at once; searches meanwhile degrade to lexical, the next after it is back is whole', async () => {
    const pidBefore = runtime.status().inference!.pid;
    const pending = search('离婚后抚养费', { preset: 'quick' });
    client.kill();
    const during = await pending;
    expect(during.hits.length).toBeGreaterThan(0);
    // Whichever stage was waiting on the host (dense retrieval or reranking) degrades; the search still answers.
    expect(during.degraded).toMatch(/(dense retrieval|reranking) failed \(The inference process is not available/);
    // The supervisor restarts it without waiting for a request, and reloads both models.
    expect(runtime.status().inference).toMatchObject({ state: 'restarting', restarts: 1 });
    await client.recovered();
    const back = runtime.status().inference!;
    expect(back).toMatchObject({ state: 'ready', restarts: 1, lastExit: { code: null } });
    expect(back.pid).not.toBe(pidBefore);
    expect(back.lastRecoveryMs).toBeGreaterThan(0); // measured (the fault suite reports it)
    const after = await search('离婚后抚养费', { preset: 'quick' });
    expect(after.mode).toBe('hybrid');
    expect(after.degraded).toBeNull();
  });

  it('re-indexing after no change embeds nothing', async () => {
    await runtime.reindex();
    expect(runtime.status().index?.articles).toBe(18);
  });

  it("apply() serves another version's models: the reranker at once, a new embedder once its index is built", async () => {
    await runtime.apply({ embedder: 'test-static-b', reranker: null });
    await runtime.idle();
    expect(runtime.status()).toMatchObject({ embedder: { id: 'test-static-b' }, reranker: null, index: { modelId: 'test-static-b', state: 'ready', articles: 18 } });
    const other = await search('违约金过高', { preset: 'standard' });
    expect(other.models).toEqual({ embedder: 'test-static-b', reranker: null });
    expect(other.hits.some((h) => h.reranked)).toBe(false);
    expect(other.hits.some((h) => h.scores.dense !== null)).toBe(true);

    // Back (a rollback): the first model's index is still complete, so it serves at once.
    await runtime.apply({ embedder: 'test-static', reranker: 'test-features' });
    expect(runtime.status()).toMatchObject({ embedder: { id: 'test-static' }, reranker: { id: 'test-features' }, index: { modelId: 'test-static', state: 'ready' } });
    const back = await search('违约金过高', { preset: 'standard' });
    expect(back.models).toEqual({ embedder: 'test-static', reranker: 'test-features' });
    expect(back.hits[0]!.reranked).toBe(true);
    await runtime.idle();

    // An id that is not installed is reported, and that role is off rather than silently replaced.
    await runtime.apply({ embedder: 'test-static', reranker: 'gone' });
    expect(runtime.status().reranker).toBeNull();
    expect(runtime.status().problems).toContainEqual(expect.objectContaining({ dir: 'gone', code: 'NOT_FOUND' }));
  });
});
