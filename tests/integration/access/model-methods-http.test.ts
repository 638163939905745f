import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { httpRoute } from '../../../electron/contract/methods';
import { createHttpServer } from '../../../electron/server/http-server';
import { BUILTIN_MODELS, INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { writeCrossEncoder } from '../../helpers/tiny-models';

/**
 * embed and rerank over real HTTP, from the real app service: the committed built-in models in a
 * real inference host process over the fixture library (and a tiny cross-encoder for raw texts).
 */
const tempDir = useTempDirs('all');
const IMPORT_WORKER = join(import.meta.dirname, '..', '..', '..', 'electron', 'server', 'import-worker-tsx.mjs');
const services: AppService[] = [];
const servers: Server[] = [];
let builtin: string;
let textPair: string;
let ids: Record<string, number>;

async function serve(dir: string, modelDirs: string[]): Promise<string> {
  const service = createAppService({ dbPath: join(dir, 'lexbone.db'), corpusPath: null, importWorkerPath: IMPORT_WORKER, modelDirs, spawnInferenceHost: () => forkNodeHost(INFERENCE_HOST) });
  service.start();
  await service.idle();
  services.push(service);
  const server = createHttpServer({ handlers: service.handlers });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const a = tempDir();
  const b = tempDir();
  for (const d of [a, b]) {
    const lib = new Library(join(d, 'lexbone.db'));
    lib.import(FIXTURE_CORPUS);
    ids = {
      penalty: lib.article({ citation: '民法典第585条' }).articleId, // 违约金 (liquidated damages)
      dismissal: lib.article({ citation: '劳动合同法第39条' }).articleId, // dismissal for cause
    };
    lib.close();
  }
  builtin = await serve(a, [BUILTIN_MODELS]);
  writeCrossEncoder(join(b, 'models', 'ce'));
  textPair = await serve(b, [join(b, 'models')]);
}, 120_000);

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  for (const s of services) await s.close();
});

async function call(base: string, method: string, body: unknown) {
  const res = await fetch(base + httpRoute(method as never), { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('embed', () => {
  it('returns one normalised vector per text from the served embedder, with its id and dimension', async () => {
    const { status, json } = await call(builtin, 'embed', { texts: ['违约金过高怎么办', '用人单位可以解除劳动合同的情形'], kind: 'query' });
    expect(status).toBe(200);
    const models = (await call(builtin, 'models', {})).json.value;
    expect(json.value.model).toEqual({ id: models.embedder.id, stage: models.embedder.stage, dimension: models.embedder.dimension });
    expect(json.value.model.id).toMatch(/^builtin-embedder-stage/);
    expect(json.value.vectors).toHaveLength(2);
    for (const v of json.value.vectors) {
      expect(v).toHaveLength(json.value.model.dimension);
      expect(cosine(v, v)).toBeCloseTo(1, 4);
    }
  });

  it('the vectors are the model\'s: a question is nearer its own article than an unrelated one', async () => {
    const penalty = (await call(builtin, 'article', { id: ids.penalty })).json.value.text;
    const dismissal = (await call(builtin, 'article', { id: ids.dismissal })).json.value.text;
    const q = (await call(builtin, 'embed', { texts: ['约定的违约金过分高于造成的损失'] })).json.value.vectors[0];
    const [p, d] = (await call(builtin, 'embed', { texts: [penalty, dismissal], kind: 'document' })).json.value.vectors;
    expect(cosine(q, p)).toBeGreaterThan(cosine(q, d));
  });

  it('refuses bad input with 400 and says what to fix', async () => {
    for (const body of [{ texts: [] }, { texts: [''] }, { texts: ['x'], kind: 'passage' }, { texts: Array(65).fill('x') }, { texts: ['x'.repeat(4001)] }, { texts: 'x' }]) {
      const { status, json } = await call(builtin, 'embed', body);
      expect([status, json.error.code], JSON.stringify(body).slice(0, 60)).toEqual([400, 'INVALID_REQUEST']);
    }
    expect((await call(builtin, 'embed', { texts: Array(65).fill('x') })).json.error.message).toContain('at most 64 texts');
  });
});

describe('rerank', () => {
  it('built-in reranker (feature or reader family): ranks library articles through the pipeline\'s feature path', async () => {
    const { status, json } = await call(builtin, 'rerank', { query: '违约金过高可以请求法院减少吗', documents: [ids.dismissal, ids.penalty] });
    expect(status).toBe(200);
    expect(json.value.model).toMatchObject({ kind: 'features' });
    expect(json.value.model.id).toMatch(/^builtin-(reranker|reader)-stage/);
    expect(json.value.results.map((r: { articleId: number }) => r.articleId)).toEqual([ids.penalty, ids.dismissal]);
    expect(json.value.results[0]).toMatchObject({ index: 1, rank: 1, citation: '《中华人民共和国民法典》第五百八十五条' });
    expect(json.value.results[0].score).toBeGreaterThan(json.value.results[1].score);
    const top = (await call(builtin, 'rerank', { query: '违约金过高可以请求法院减少吗', documents: [ids.dismissal, ids.penalty], top: 1 })).json.value.results;
    expect(top).toHaveLength(1);
  });

  it('agrees with search on the best article for a question', async () => {
    const search = (await call(builtin, 'search', { query: '用人单位在什么情况下可以解除劳动合同', preset: 'standard' })).json.value;
    expect(search.hits[0].reranked).toBe(true);
    const idsOfHits = search.hits.map((h: { articleId: number }) => h.articleId).reverse();
    const reranked = (await call(builtin, 'rerank', { query: search.query, documents: idsOfHits })).json.value.results;
    expect(reranked[0].articleId).toBe(search.hits[0].articleId);
  });

  it('refuses raw texts for a feature reranker with a typed error that says why and what to send', async () => {
    const { status, json } = await call(builtin, 'rerank', { query: '违约金', documents: ['约定的违约金过分高于造成的损失的'] });
    expect([status, json.error.code]).toEqual([400, 'RERANK_NEEDS_ARTICLES']);
    expect(json.error.message).toContain('article ids');
  });

  it('an unknown article id is a 404 that names it', async () => {
    const { status, json } = await call(builtin, 'rerank', { query: '违约金', documents: [ids.penalty, 987654] });
    expect([status, json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(json.error.message).toContain('987654');
  });

  it('a text-pair reranker scores raw texts (tiny cross-encoder: sigmoid of its logit) and article ids', async () => {
    // alpha|alpha beta beta: logit 0; alpha|alpha: 2; alpha|gamma: 1 (tests/integration/inference/rerankers.test.ts).
    const { status, json } = await call(textPair, 'rerank', { query: 'alpha', documents: ['alpha beta beta', 'alpha', 'gamma'] });
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.value.model).toEqual({ id: 'tiny-cross-encoder', stage: 'base', kind: 'text-pair' });
    expect(json.value.results.map((r: { index: number }) => r.index)).toEqual([1, 2, 0]);
    expect(json.value.results[0].score).toBeCloseTo(1 / (1 + Math.exp(-2)), 5);
    expect(json.value.results[0].articleId).toBeNull();
    const byId = await call(textPair, 'rerank', { query: 'alpha', documents: [ids.penalty] });
    expect(byId.status).toBe(200);
    expect(byId.json.value.results[0].articleId).toBe(ids.penalty);
  });

  it('no embedder served: embed answers 503 EMBEDDER_UNAVAILABLE saying why', async () => {
    const { status, json } = await call(textPair, 'embed', { texts: ['违约金'] });
    expect([status, json.error.code]).toEqual([503, 'EMBEDDER_UNAVAILABLE']);
    expect(json.error.message).toContain('no embedder model is installed');
  });
});
