import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { activeIndex } from '../../../electron/backbone/vectors/registry';
import { BUILTIN_MODELS, INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { useEnvKnobs } from '../../helpers/env-knobs';
import { waitFor } from '../models/wait';

/**
 * A statute imported while the semantic index is not yet built for it is found by its words, at
 * rank 1, through the real pipeline: the built-in embedder and reranker in a real inference host,
 * the real sqlite-vec index, the import in the real worker. The indexing of the new articles is
 * paused as it starts, so the one searched for has no vector yet (checked in the index itself).
 * Two things find it: the lexical list's reserved share of the K candidates brings it in
 * (pipeline/fusion.ts), and its dense score, computed on the spot for a candidate without a vector
 * (pipeline.ts `scoreUnindexed`), lets the reranker weigh it like an indexed article; without it the
 * reranker, which trusts dense scores, put an indexed article of 民法典 first.
 */
const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const USER = join(import.meta.dirname, '..', '..', 'fixtures', 'user-statutes');
let service: AppService | undefined;
// One article per batch and a wait after each, so the pass over the new articles can be paused
// before it reaches the one searched for.
useEnvKnobs({ LEXBONE_INDEX_BATCH_SIZE: '1', LEXBONE_INDEX_BATCH_DELAY_MS: '300' });
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** Whether the active vector index holds a vector for the article. */
function hasVector(dbPath: string, articleId: number): boolean {
  const lib = new Library(dbPath, { readonly: true });
  try {
    const ix = activeIndex(lib.db);
    return ix !== null && lib.db.prepare(`SELECT 1 FROM ${ix.tables.docs} WHERE article_id = ?`).get(articleId) !== undefined;
  } finally {
    lib.close();
  }
}

describe('searching articles that have no vector yet', () => {
  it('finds a newly imported article at rank 1 while its vectors are not built', async () => {
    const dbPath = join(tempDir(), 'lexbone.db');
    const s = createAppService({
      dbPath, corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER, modelDirs: [BUILTIN_MODELS], spawnInferenceHost: () => forkNodeHost(INFERENCE_HOST),
    });
    service = s;
    s.start();
    await s.idle();
    // The fixture corpus is indexed with the built-in embedder.
    await waitFor(async () => {
      const m = await s.handlers.models({});
      return m.index?.state === 'ready' && m.indexing === null ? true : undefined;
    }, 60_000, 'the vector index');

    // The import's indexing pass (4 new articles, one a batch) is paused as soon as it embeds.
    await s.handlers.importStatutes({ path: join(USER, '某市物业管理条例.jsonl') });
    await waitFor(async () => {
      const ix = (await s.handlers.models({})).indexing;
      return ix?.phase === 'indexing:embed' && ix.total === 4 ? ix : undefined;
    }, 30_000, 'indexing of the new articles');
    expect((await s.handlers.pauseIndexing({})).state).toBe('paused');
    expect((await s.handlers.importStatus({})).state).toBe('done');

    // K = 10 of the library's 22 articles: dense alone would fill all ten slots (weighted RRF puts a
    // lexical-only hit below dense's tenth), so only the lexical list's reserved slot brings it in.
    const res = await s.handlers.search({ query: '物业服务企业公示收费项目和收费标准', k: 10, n: 10, limit: 10, offset: 0, includeSuperseded: false });
    expect(res.mode).toBe('hybrid');
    expect(res.hits[0]?.citation).toBe('《某市物业管理条例》第三条');
    // It had no vector: the lexical list brought it in, its dense score was computed for it on the
    // spot (what the index will give it), and the reranker put it first.
    expect(hasVector(dbPath, res.hits[0]!.articleId)).toBe(false);
    expect(res.hits[0]?.ranks.lexical).not.toBeNull();
    expect(res.hits[0]?.scores.dense).toBeGreaterThan(0);
    expect(res.hits[0]?.reranked).toBe(true);
    expect((await s.handlers.models({})).indexing?.state).toBe('paused');
  }, 120_000);
});
