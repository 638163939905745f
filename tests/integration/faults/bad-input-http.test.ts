import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../electron/contract/errors';
import { API_METHODS, type ApiMethod } from '../../../electron/contract/methods';
import { BUILTIN_MODELS } from '../../helpers/fixture-runtime';
import { startService, type Service } from '../../helpers/service-process';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * Property-based bad input against the real service (a child process on 127.0.0.1, the fixture
 * corpus, the built-in models in their inference host), for every API method: wrong types and
 * out-of-range values in each field, any JSON at all, malformed JSON, invalid UTF-8, huge bodies,
 * SQL / FTS5 syntax in queries, path traversal in import paths. Each gets 200 or a 4xx with a typed
 * code and a message — never a 5xx, never a crash — and afterwards the service still answers and
 * the store is intact. Seeded (LEXBONE_PROPERTY_SEED), runs per method LEXBONE_PROPERTY_RUNS.
 */
const SEED = Number(process.env.LEXBONE_PROPERTY_SEED ?? 7);
const RUNS = Number(process.env.LEXBONE_PROPERTY_RUNS ?? 25);
const params = (numRuns = RUNS) => ({ seed: SEED, numRuns, endOnFailure: true });
const CODES = new Set<string>(ERROR_CODES);

const tempDir = useTempDirs('all');
let service: Service;
let dir: string;
let importRoot: string;
/** A valid body per method (keyed by name: methods of other branches may be listed before they exist here). */
let bodies: Record<string, Record<string, unknown>>;
let articlesBefore: { articles: number; references: number };

/** Integrity, and the articles and the reverse reference index (which every import rebuilds). */
const countArticles = () => {
  const db = new Database(service.dbPath, { readonly: true });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  try {
    return { integrity: db.pragma('integrity_check', { simple: true }), articles: count('articles'), references: count('article_refs') };
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = tempDir();
  importRoot = join(dir, 'imports');
  mkdirSync(importRoot);
  cpSync(join(FIXTURE_CORPUS, '刑法', '刑法.md'), join(importRoot, '刑法.md'));
  writeFileSync(join(dir, 'secret.md'), '# 秘密法\n\n<!-- INFO END -->\n\n第一条 不应被导入。\n');
  symlinkSync(join(dir, 'secret.md'), join(importRoot, 'link.md'));
  symlinkSync('/etc', join(importRoot, 'etc'));
  service = await startService(dir, { corpus: FIXTURE_CORPUS, args: ['--models', BUILTIN_MODELS, '--import-root', importRoot] });
  await service.ready({ models: true, timeoutMs: 90_000 });
  const article = await service.call<{ articleId: number; law: { id: number } }>('article', { citation: '民法典第585条' });
  const versions = await service.call<{ id: number }[]>('versions');
  const folder = await service.call<{ id: number }>('createFolder', { name: '属性测试' });
  const pin = await service.call<{ id: number }>('pinArticle', { folderId: folder.id, articleId: article.articleId });
  const b64 = Buffer.from('# 某法\n\n第一条 甲。\n').toString('base64');
  bodies = {
    search: { query: '违约金', limit: 3, preset: 'standard' }, article: { citation: '民法典第585条' }, laws: { prefix: '民', limit: 5 },
    stats: {}, status: {}, models: {}, versions: {}, activateVersion: { id: versions[0]?.id ?? 1 }, rollbackVersion: {},
    folders: {}, folder: { id: folder.id }, createFolder: { name: '临时' }, renameFolder: { id: folder.id, name: '改名' }, deleteFolder: { id: 99999 },
    pinArticle: { folderId: folder.id, articleId: article.articleId, note: '注' }, setPinNote: { pinId: pin.id, note: '改' }, unpin: { pinId: 99999 },
    recordFolderQuery: { folderId: folder.id, text: '违约金', budget: { preset: 'quick', k: 20, n: 10 } }, exportFolder: { id: folder.id, format: 'csv' },
    history: { limit: 5 }, addHistory: { text: '违约金', preset: null, resultCount: 1 }, clearHistory: {}, evaluation: {},
    abSessions: {}, prepareAb: { a: 1, b: 2, queries: ['违约金'] }, cancelAbPreparation: { id: 'nope' }, abSession: { id: 'nope' }, judgeAb: { id: 'nope', itemIndex: 0, verdict: 'tie' }, tallyAb: { id: 'nope' },
    law: { id: article.law.id }, lawVersions: { id: article.law.id }, compareArticle: { articleId: article.articleId },
    startResearch: { query: '违约金', k: 20, n: 5 }, researchRun: { runId: 'nope' }, cancelResearch: { runId: 'nope' }, locations: {},
    pauseIndexing: {}, resumeIndexing: {}, importStatutes: { path: join(importRoot, '刑法.md') },
    uploadStatutes: { files: [{ path: 'a.md', base64: b64 }] }, importStatus: {}, useBuiltinModels: { label: '内置' },
    embed: { texts: ['违约金过高'], kind: 'query' }, rerank: { query: '违约金', documents: [article.articleId], top: 1 },
    glossary: {}, importGlossary: { fileName: 'firm.csv', text: '扒窃,刑法第二百六十四条\n' }, removeGlossaryFile: { fileName: 'firm.csv' },
    markResult: { query: '违约金', articleId: article.articleId, mark: 'relevant', rank: 1, preset: 'standard' },
    markNothingHere: { query: '定金罚则', shown: [article.articleId] }, feedback: { mark: 'relevant', law: '民法典', limit: 5 },
    updateFeedback: { id: 1, mark: 'not_relevant' }, deleteFeedback: { id: 99999 }, failureCases: { limit: 5 },
    addFailureArticle: { query: '定金罚则', citation: '民法典第585条' }, exportFeedback: {},
    importFeedback: { text: '{"query":"违约金","mark":"relevant","article":{"lawTitle":"中华人民共和国民法典","lawVersion":"","label":"第五百八十五条","citation":"《中华人民共和国民法典》第五百八十五条"}}\n' },
    trainFromFeedback: {}, feedbackTraining: {}, cancelFeedbackTraining: {},
    contextPack: { query: '违约金', articles: 3, maxChars: 2000, cited: true }, assistantConnection: {},
  };
  const { integrity: _ok, ...before } = countArticles();
  articlesBefore = before;
  expect(before.references).toBeGreaterThan(0); // the fixture corpus cites itself
}, 120_000);
afterAll(async () => {
  await service?.stop();
});

/** The answer is 200 {ok: true}, or a 4xx {ok: false} with a typed code and a message. */
async function expectHandled(res: Response, what: string): Promise<{ status: number; code: string | null }> {
  const text = await res.text();
  let json: { ok: boolean; error?: { code: string; message: string } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what}: ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (res.status === 200) {
    expect(json.ok, what).toBe(true);
    return { status: 200, code: null };
  }
  expect(res.status, `${what} → ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(json.ok).toBe(false);
  expect(CODES, `${what} → ${text.slice(0, 300)}`).toContain(json.error!.code);
  expect(json.error!.message.length).toBeGreaterThan(10);
  return { status: res.status, code: json.error!.code };
}

const wrongValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53, 1e308, -1e308, '', ' ', '\u0000', '\ud800', 'x'.repeat(5000), '1', 'true', '__proto__', [], {}),
);

/** A method's example body with one field wrong, one field missing, one unknown field, or any JSON at all. */
function badBody(example: Record<string, unknown>) {
  const keys = Object.keys(example);
  const arbs = [
    fc.anything({ maxDepth: 2 }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), wrongValue).map(([k, v]) => ({ ...example, [k]: v })),
  ];
  if (keys.length) {
    arbs.push(fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, v]) => ({ ...example, [k]: v })));
    arbs.push(fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([key]) => key !== k))));
  }
  return fc.oneof(...arbs);
}

describe('every API method under bad input, over HTTP', () => {
  it('wrong types, out-of-range values, missing and unknown fields, any JSON: 200 or a typed 4xx, never a 5xx', async () => {
    expect(API_METHODS.filter((m) => !bodies[m]), 'methods without an example body here').toEqual([]);
    for (const method of API_METHODS) {
      await fc.assert(
        fc.asyncProperty(badBody(bodies[method]!), async (body) => {
          await expectHandled(await service.post(method, body), `${method} ${String(JSON.stringify(body)).slice(0, 200)}`);
        }),
        params(),
      );
    }
    // Ids that exist nowhere (a law version was answered with a 500 before).
    expect(await expectHandled(await service.post('law', { id: 7_919_496_506_342_061 }), 'law')).toEqual({ status: 404, code: 'LAW_VERSION_NOT_FOUND' });
    expect(await expectHandled(await service.post('lawVersions', { id: 999_999 }), 'lawVersions')).toMatchObject({ status: 404 });
    expect(await expectHandled(await service.post('compareArticle', { articleId: 999_999 }), 'compareArticle')).toMatchObject({ status: 404 });
  }, 180_000);

  it('malformed JSON, invalid UTF-8, deep nesting and huge bodies are refused as INVALID_REQUEST / PAYLOAD_TOO_LARGE', async () => {
    const notJson = fc.string({ maxLength: 50 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return s.trim() !== '';
      }
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<ApiMethod>('search', 'article', 'importStatutes', 'createFolder'), notJson, async (method, text) => {
        expect(await expectHandled(await service.post(method, text), `${method} ${text}`)).toEqual({ status: 400, code: 'INVALID_REQUEST' });
      }),
      params(40),
    );
    // A byte sequence no UTF-8 encoder writes, inside an otherwise valid search body.
    const invalidUtf8 = fc.tuple(fc.uint8Array({ maxLength: 10 }), fc.constantFrom([0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff], [0xf5, 0x80, 0x80, 0x80], [0xe4, 0xb8]), fc.uint8Array({ maxLength: 10 }));
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async ([a, bad, b]) => {
        const body = Buffer.concat([Buffer.from('{"query":"违约'), Buffer.from(a.map((x) => x & 0x7f).filter((x) => x >= 0x20 && x !== 0x22 && x !== 0x5c)), Buffer.from(bad), Buffer.from(b.map((x) => 0x41 + (x % 26))), Buffer.from('"}')]);
        const r = await expectHandled(await service.post('search', new Uint8Array(body)), `search bytes ${body.toString('hex')}`);
        expect(r).toEqual({ status: 400, code: 'INVALID_REQUEST' });
      }),
      params(30),
    );
    const res = await service.post('search', '{"query":"\xff"}'); // U+00FF is fine: it is valid UTF-8 once encoded
    expect(res.status).toBe(200);
    await res.text();

    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    expect(await expectHandled(await service.post('search', deep), 'deep nesting')).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    const huge = JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) });
    expect(await expectHandled(await service.post('search', huge), 'huge body')).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    // The same without a Content-Length (chunked): drained, then refused.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${service.url}/api/v1/search`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 24; i++) req.write('x'.repeat(100 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    // Unknown methods, odd routes and verbs.
    for (const path of ['nope', '%00', '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor', 'search/extra']) {
      expect(await expectHandled(await fetch(`${service.url}/api/v1/${path}`, { method: 'POST', body: '{}' }), path)).toMatchObject({ status: 404 });
    }
    expect(await expectHandled(await fetch(`${service.url}/api/v1/search`, { method: 'PUT', body: '{}' }), 'PUT')).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  }, 120_000);

  it('SQL and FTS5 syntax in queries, citations, prefixes and notes: answered, never an error of the store', async () => {
    const syntax = fc.constantFrom('"', "'", '*', 'NEAR', 'NEAR(', 'OR', 'AND', 'NOT', '-', '^', '(', ')', ':', '{', '}', '+', 'body:', 'head :', "'; DROP TABLE articles; --", '"; DELETE FROM laws; --', '%', '_', '\\', '\u0000', '\ud800', '第', '条', '违约', '合同', ' ');
    const nasty = fc.array(fc.oneof(syntax, fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 10 }).chain((parts) => fc.constantFrom(' ', '').map((sep) => parts.join(sep)));
    await fc.assert(
      fc.asyncProperty(nasty, fc.constantFrom('quick', 'standard', 'research'), fc.constantFrom('lexical', 'dense', 'hybrid'), async (q, preset, retriever) => {
        await expectHandled(await service.post('search', { query: q, preset, retriever }), `search ${JSON.stringify(q)}`);
        await expectHandled(await service.post('search', { query: q, law: q.slice(0, 200) || 'x', category: q.slice(0, 100) || 'x', asOf: '2020-01-01' }), `filtered search ${JSON.stringify(q)}`);
        await expectHandled(await service.post('article', { citation: `民法典${q}`.slice(0, 300) }), `citation ${JSON.stringify(q)}`);
        await expectHandled(await service.post('laws', { prefix: q.slice(0, 100), category: q.slice(0, 100) }), `laws ${JSON.stringify(q)}`);
        await expectHandled(await service.post('addHistory', { text: q.slice(0, 500), resultCount: 0 }), `addHistory ${JSON.stringify(q)}`);
        const run = await service.post('startResearch', { query: q, k: 20, n: 5 });
        const started = await expectHandled(run.clone(), `startResearch ${JSON.stringify(q)}`);
        if (started.status === 200) {
          const { runId } = ((await run.json()) as { value: { runId: string } }).value;
          await expectHandled(await service.post('researchRun', { runId }), `researchRun ${JSON.stringify(q)}`);
        }
      }),
      params(60),
    );
    // Huge article numbers in a citation (past what Chinese numerals are written for).
    for (const c of ['民法典第99999999999条', '民法典第100000条', '民法典第五十四条之99999999']) {
      const r = await expectHandled(await service.post('article', { citation: c }), c);
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
    expect(countArticles()).toEqual({ integrity: 'ok', ...articlesBefore });
  }, 180_000);

  it('path traversal and paths outside the import folders are refused before anything is read', async () => {
    const outside = fc.oneof(
      fc.constantFrom(
        '../../etc/passwd', '/etc/passwd', '/etc', '/', '/proc/self/environ', 'C:\\Windows\\System32', 'C:/laws/x.md', 'c:x.md', '\\\\server\\share\\x.md',
        'file:///etc/passwd', '~/laws', join(dir, 'secret.md'), `${importRoot}/../secret.md`, `${importRoot}/./../secret.md`, `${importRoot}\u0000/刑法.md`,
        `${importRoot}/刑法.md\u0000.txt`, `${importRoot}/link.md`, `${importRoot}/etc`, `${importRoot}-other/x.md`, `${importRoot}/nope.md`, `${importRoot}/刑法.pdf`,
      ),
      fc.array(fc.constantFrom('..', '.', 'etc', 'x.md', '', '%2e%2e', '\u0000', 'C:'), { minLength: 1, maxLength: 6 }).map((parts) => `${importRoot}/${parts.join('/')}`),
      fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
    );
    const allowedCodes = ['IMPORT_PATH_INVALID', 'FILE_NOT_FOUND', 'UNSUPPORTED_FORMAT', 'INVALID_REQUEST', 'IMPORT_RUNNING'];
    await fc.assert(
      fc.asyncProperty(outside, async (path) => {
        const r = await expectHandled(await service.post('importStatutes', { path }), `import ${JSON.stringify(path)}`);
        // Only a plain path inside the import folder (the folder itself, say) may start an import.
        // eslint-disable-next-line no-control-regex
        const inside = !/[\u0000-\u001f]/.test(path) && !path.split(/[\\/]+/).includes('..') && (resolve(path) + sep).startsWith(importRoot + sep);
        if (inside && r.status === 200) return;
        expect(r.status, `import ${JSON.stringify(path)}`).toBeGreaterThanOrEqual(400);
        expect(allowedCodes).toContain(r.code);
      }),
      params(80),
    );
    // Paths inside the folder may have started an import: let it end (re-importing 刑法.md adds nothing).
    while ((await service.call<{ state: string }>('importStatus')).state === 'running') await new Promise((r) => setTimeout(r, 50));
    const refused = async (path: string) => (await (await service.post('importStatutes', { path })).json()).error;
    expect(await refused(join(dir, 'secret.md'))).toMatchObject({ code: 'IMPORT_PATH_INVALID', message: expect.stringContaining('imports only from its import folders') });
    expect(await refused(`${importRoot}/link.md`)).toMatchObject({ code: 'IMPORT_PATH_INVALID' }); // a link out of the folder
    expect(await refused('/no/such/place.md')).toMatchObject({ code: 'IMPORT_PATH_INVALID' }); // outside: not even whether it exists is said
    expect(await refused(`${importRoot}/nope.md`)).toMatchObject({ code: 'FILE_NOT_FOUND' });

    const uploadPath = fc.oneof(
      fc.constantFrom('../x.md', '/abs.md', 'C:x.md', 'C:\\x.md', 'a/../../b.md', '..\\..\\x.md', 'a\u0000.md', '.', 'a//b.md', './a.md', 'a/./b.md', `${'d/'.repeat(20)}x.md`),
      fc.array(fc.constantFrom('..', '.', '', 'a', 'x.md'), { minLength: 2, maxLength: 5 }).map((p) => p.join('/')).filter((p) => p.split('/').some((s) => s === '..' || s === '.' || s === '')),
    );
    await fc.assert(
      fc.asyncProperty(uploadPath, fc.constantFrom<ApiMethod>('uploadStatutes', 'importStatutes'), async (path, method) => {
        const r = await expectHandled(await service.post(method, { files: [{ path, base64: Buffer.from('# 某法\n\n第一条 甲。\n').toString('base64') }] }), `${method} ${JSON.stringify(path)}`);
        expect(r.status).toBe(400);
        expect(['UPLOAD_INVALID', 'INVALID_REQUEST']).toContain(r.code);
      }),
      params(40),
    );
    expect(countArticles()).toEqual({ integrity: 'ok', ...articlesBefore });
  }, 120_000);

  it('afterwards the service is alive, answers and has logged no crash', async () => {
    const stats = await service.call<{ articles: { current: number } }>('stats');
    expect(stats.articles.current).toBeGreaterThan(0);
    const search = await service.call<{ hits: unknown[]; degraded: string | null }>('search', { query: '违约金过高', preset: 'standard' });
    expect(search.hits.length).toBeGreaterThan(0);
    const { stderr } = service.output();
    expect(stderr).not.toMatch(/Unhandled|uncaught|TypeError|RangeError|SqliteError/i);
  });
});
