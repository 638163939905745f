import { buildContextPack } from '../../electron/backbone/context/context-pack';
import { AssistantRegistry } from '../../electron/backbone/assistants/assistant-registry';
import { sourceMcpLaunch } from '../../electron/backbone/paths';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, httpRoute } from '../../electron/contract/methods';
import { folderHandlers } from '../../electron/backbone/folders/folder-handlers';
import { readReportFile } from '../../electron/backbone/eval/report-file';
import { createAbService } from '../../electron/backbone/ab/ab-handlers';
import { dataLocations } from '../../electron/backbone/locations';
import { FolderStore } from '../../electron/backbone/folders/folder-store';
import { ResearchRuns, researchHandlers } from '../../electron/backbone/research/research-runs';
import { Library } from '../../electron/backbone/library';
import { lawHandlers } from '../../electron/backbone/laws/law-handlers';
import { modelMethods } from '../../electron/backbone/runtime/model-methods';
import { StatuteImports } from '../../electron/backbone/ingest/statute-imports';
import Ajv2020 from 'ajv/dist/2020';
import { createHttpServer, MAX_BODY_BYTES } from '../../electron/server/http-server';
import { RESPONSE_SCHEMAS } from '../../electron/server/openapi-responses';
import type { ApiHandlers } from '../../electron/contract/api';
import { feedbackHandlers } from '../../electron/backbone/feedback/feedback-handlers';
import { FeedbackStore } from '../../electron/backbone/feedback/feedback-store';
import { FeedbackTrainingJob } from '../../electron/backbone/train/feedback-training-job';
import type { AppStatus } from '../../electron/contract/types';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let server: Server;
let base: string;
let lib: Library;
let secondVersion: number;
let folders: FolderStore;
let articleId: number;
let lawId: number;
let imports: StatuteImports;
let training: FeedbackTrainingJob;
const IMPORT_WORKER = join(import.meta.dirname, '..', '..', 'electron', 'server', 'import-worker-tsx.mjs');

beforeAll(async () => {
  const dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  const status: AppStatus = { state: 'ready', progress: null, error: null, lastImport: null };
  const handlers: ApiHandlers = {
    search: (r) => lib.search(r),
    article: (r) => lib.article(r),
    laws: (r) => lib.laws(r),
    stats: () => lib.stats(),
    status: () => status,
    models: () => ({ installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error: null }),
    versions: () => lib.versions(),
    activateVersion: (r) => lib.activateVersion(r.id),
    rollbackVersion: () => lib.rollbackVersion(),
    ...folderHandlers(() => folders, () => lib),
    evaluation: () => readReportFile(null),
    ...createAbService({ dir: join(dir, 'ab'), library: () => lib, runtime: () => null, history: (n) => folders.history(n) }).handlers,
    ...lawHandlers(() => lib),
    ...researchHandlers(new ResearchRuns(), () => lib),
    locations: () => dataLocations(join(dir, 'lexbone.db')),
    pauseIndexing: () => ({ state: 'idle', indexing: null }),
    resumeIndexing: () => ({ state: 'idle', indexing: null }),
    importStatutes: (r) => imports.start(r),
    uploadStatutes: (r) => imports.upload(r),
    importStatus: () => imports.view(),
    useBuiltinModels: (r) => lib.activateVersion(lib.createVersion({ label: r.label, embedderId: null, rerankerId: null }).id),
    ...modelMethods(() => lib, () => null),
    glossary: () => lib.glossaryStatus(),
    importGlossary: (r) => lib.importGlossary(r.text, r.fileName),
    removeGlossaryFile: (r) => ({ removed: lib.removeGlossaryFile(r.fileName) }),
    ...feedbackHandlers(() => new FeedbackStore(folders.db), () => lib, () => null),
    // A real job in the real background worker (with no models it ends failed; the call itself answers).
    trainFromFeedback: (r) => training.start({ dbPath: join(dir, 'lexbone.db'), modelDirs: [], outDir: join(dir, 'models'), feedback: [], embedderId: null, rerankerId: null, trainEmbedder: r.embedder }),
    feedbackTraining: () => training.status(),
    cancelFeedbackTraining: () => training.cancel(),
    contextPack: (r) => buildContextPack({ search: (q) => lib.search(q), reader: lib.searchService.reader }, r),
    assistantConnection: () => ({ stdio: sourceMcpLaunch(join(dir, 'lexbone.db')), httpUrl: base + '/mcp', connected: new AssistantRegistry(join(dir, 'assistants')).list() }),
  };
  training = new FeedbackTrainingJob(IMPORT_WORKER);
  imports = new StatuteImports({ dbPath: join(dir, 'lexbone.db'), workerPath: IMPORT_WORKER, onImported: () => lib.refresh() });
  folders = new FolderStore(join(dir, 'research.db'));
  folders.createFolder('合同纠纷');
  articleId = lib.article({ citation: '民法典第585条' }).articleId;
  lawId = lib.article({ citation: '民法典第585条' }).law.id;
  // Two versions, the first active: the loop below activates the second, then rolls back.
  lib.activateVersion(lib.createVersion({ label: 'first', embedderId: null, rerankerId: null }).id);
  secondVersion = lib.createVersion({ label: 'second', embedderId: null, rerankerId: null }).id;
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Lexbone</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  server = createHttpServer({ handlers, staticDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await imports.close();
  await training.close();
  folders.close();
  lib.close();
});

const post = (method: string, body: unknown) =>
  fetch(base + httpRoute(method as never), { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP transport on 127.0.0.1', () => {
  it('answers every contract method as {ok, value}', async () => {
    let runId = '';
    let abId = '';
    for (const m of API_METHODS) {
      const bodies: Record<string, unknown> = {
        search: { query: '违约' }, article: { citation: '民法典第585条' }, activateVersion: { id: secondVersion },
        folder: { id: 1 }, createFolder: { name: '临时' }, renameFolder: { id: 2, name: '临时2' }, deleteFolder: { id: 2 },
        pinArticle: { folderId: 1, articleId, note: '违约金过高可请求减少' }, setPinNote: { pinId: 1, note: '改' }, unpin: { pinId: 1 },
        law: { id: lawId }, lawVersions: { id: lawId }, compareArticle: { articleId },
        recordFolderQuery: { folderId: 1, text: '违约金' }, exportFolder: { id: 1, format: 'docx' }, addHistory: { text: '违约金', resultCount: 3 },
        prepareAb: { a: 1, b: secondVersion, queries: ['违约金过高'] }, cancelAbPreparation: { id: abId },
        startResearch: { query: '违约金' }, researchRun: { runId }, cancelResearch: { runId },
        // Re-importing a fixture law changes nothing (imports are idempotent).
        importStatutes: { path: join(FIXTURE_CORPUS, '刑法', '刑法.md') },
        uploadStatutes: { files: [{ path: 'a.md', base64: Buffer.from('# 某法\n\n第一条 甲。\n').toString('base64') }] }, useBuiltinModels: { label: '内置模型' },
        importGlossary: { fileName: 'firm.csv', text: '扒窃,刑法第二百六十四条\n' }, removeGlossaryFile: { fileName: 'firm.csv' },
        markResult: { query: '违约金过高', articleId, mark: 'relevant', rank: 1 }, markNothingHere: { query: '定金罚则', shown: [articleId] },
        updateFeedback: { id: 1, mark: 'not_relevant' }, deleteFeedback: { id: 2 }, addFailureArticle: { query: '定金罚则', citation: '民法典第585条' },
        contextPack: { query: '违约金过高', maxChars: 2000 },
        importFeedback: { text: JSON.stringify({ query: '违约金', mark: 'relevant', article: { lawTitle: '中华人民共和国民法典', lawVersion: '', label: '第五百八十五条', citation: '《中华人民共和国民法典》第五百八十五条' } }) },
      };
      // A session is prepared in the background: abSession, judgeAb and tallyAb are tested through the app service (ab-api.test.ts).
      if (m === 'abSession' || m === 'judgeAb' || m === 'tallyAb') continue;
      // embed and rerank need served models: tested with the built-in models in a real inference host (access/model-methods-http.test.ts).
      if (m === 'embed' || m === 'rerank') continue;
      const body = bodies[m] ?? {};
      const res = await post(m, body);
      expect(res.status, m).toBe(200);
      const json = await res.json();
      expect(json.ok, m).toBe(true);
      if (m === 'startResearch') runId = json.value.runId;
      if (m === 'prepareAb') abId = json.value.id;
    }
  });

  it('pins an article with a note into a folder and exports the folder as Markdown', async () => {
    const folder = (await (await post('createFolder', { name: '违约责任' })).json()).value;
    const pin = (await (await post('pinArticle', { folderId: folder.id, articleId, note: '可请求法院调整' })).json()).value;
    expect(pin).toMatchObject({ citation: '《中华人民共和国民法典》第五百八十五条', lawTitle: '中华人民共和国民法典', note: '可请求法院调整' });
    const exported = (await (await post('exportFolder', { id: folder.id, format: 'markdown' })).json()).value;
    expect(exported).toMatchObject({ filename: '违约责任.md', mimeType: 'text/markdown; charset=utf-8' });
    const md = Buffer.from(exported.base64, 'base64').toString('utf8');
    expect(md).toContain('## 《中华人民共和国民法典》第五百八十五条');
    expect(md).toContain('**备注：** 可请求法院调整');
    const missing = await post('folder', { id: 999 });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });

  it('an article answers who cites it (被引用), as its OpenAPI schema says', async () => {
    // 第八十七条 of the 2012 劳动合同法 cites 本法第四十七条: the one provision citing 第四十七条.
    const res = await (await post('article', { citation: '劳动合同法第四十七条' })).json();
    expect(res.ok).toBe(true);
    const a87 = lib.article({ citation: '劳动合同法第八十七条' });
    expect(res.value.citedBy).toMatchObject({
      total: 1,
      provisions: [{ articleId: a87.articleId, citation: '《中华人民共和国劳动合同法》第八十七条', label: '第八十七条', reference: '第四十七条', law: { versionDate: '2012-12-28', status: 'current' } }],
    });
    const snippet = res.value.citedBy.provisions[0].snippet as { text: string; hit: boolean }[];
    expect(snippet.filter((x) => x.hit).map((x) => x.text)).toEqual(['第四十七条']);
    expect(snippet.map((x) => x.text).join('')).toContain('应当依照本法第四十七条规定的经济补偿标准的二倍');
    // Nobody cites 第八十七条; by id as by citation.
    expect((await (await post('article', { id: a87.articleId })).json()).value.citedBy).toEqual({ total: 0, provisions: [] });
    const validate = new Ajv2020({ strict: false }).compile(RESPONSE_SCHEMAS.article!);
    expect(validate(res.value), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...res.value, citedBy: undefined })).toBe(false);
  });

  it('answers a context pack and an article with its surrounding provisions as the OpenAPI document describes them', async () => {
    const ajv = new Ajv2020({ strict: false });
    const pack = (await (await post('contextPack', { query: '赔偿金', articles: 3, maxChars: 3000 })).json()).value;
    expect(pack.articles.length).toBeGreaterThan(0);
    expect(pack.chars).toBe(pack.text.length);
    const validatePack = ajv.compile(RESPONSE_SCHEMAS.contextPack!);
    expect(validatePack(pack), JSON.stringify(validatePack.errors)).toBe(true);
    expect(validatePack({ ...pack, articles: [{ ...pack.articles[0], inForce: 'yes' }] })).toBe(false);
    const article = (await (await post('article', { citation: '劳动合同法第四十七条', surrounding: 1 })).json()).value;
    expect(article.surrounding.before).toHaveLength(1);
    const validateArticle = ajv.compile(RESPONSE_SCHEMAS.article!);
    expect(validateArticle(article), JSON.stringify(validateArticle.errors)).toBe(true);
    expect(validateArticle({ ...article, surrounding: { before: [{ articleId: 'x' }], after: [] } })).toBe(false);
  });

  it('searches and returns cited hits', async () => {
    const res = await (await post('search', { query: '违约金', limit: 3 })).json();
    expect(res.value.hits[0].citation).toBe('《中华人民共和国民法典》第五百八十五条');
  });

  it('turns bad requests into 4xx with a typed code', async () => {
    const cases: [string, unknown, number, string][] = [
      ['search', { query: '' }, 400, 'INVALID_REQUEST'],
      ['search', { query: 5 }, 400, 'INVALID_REQUEST'],
      ['search', { query: 'x', limit: 100000 }, 400, 'INVALID_REQUEST'],
      ['search', { query: 'x', unexpected: true }, 400, 'INVALID_REQUEST'],
      ['search', '{"query": ', 400, 'INVALID_REQUEST'],
      ['article', { citation: '这不是引用' }, 400, 'CITATION_NOT_UNDERSTOOD'],
      ['article', { citation: '不存在的法第1条' }, 404, 'LAW_NOT_FOUND'],
      ['article', { citation: '民法典第9999条' }, 404, 'ARTICLE_NOT_FOUND'],
      ['article', { id: 999999 }, 404, 'NOT_FOUND'],
      ['dropTables', {}, 404, 'UNKNOWN_METHOD'],
      ['embed', { texts: ['违约金'] }, 503, 'EMBEDDER_UNAVAILABLE'],
      ['embed', { texts: [] }, 400, 'INVALID_REQUEST'],
      ['rerank', { query: '违约金', documents: [1, '混合'] }, 400, 'INVALID_REQUEST'],
      ['rerank', { query: '违约金', documents: [1] }, 503, 'RERANKER_UNAVAILABLE'],
    ];
    for (const [method, body, status, code] of cases) {
      const res = await post(method, body);
      const json = await res.json();
      expect([res.status, json.error?.code], JSON.stringify(body)).toEqual([status, code]);
      expect(json.error.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post('search', JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses GET on API methods', async () => {
    const res = await fetch(base + httpRoute('search'));
    expect(res.status).toBe(405);
  });

  it('serves the renderer with a strict CSP and never files outside its folder', async () => {
    const page = await fetch(base + '/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Lexbone</title>');
    expect(await (await fetch(base + '/assets/app.js')).text()).toBe('console.log(1)');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      expect(await (await fetch(base + p)).text(), p).not.toContain('secret');
    }
  });
});
