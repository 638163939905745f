import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import type { ImportJobView, UploadedFile } from '../../../electron/contract/models-types';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { codeOf } from './wait';

/**
 * The user's own statutes through the app service (as IPC and HTTP call it): a path on this
 * machine or uploaded files, imported by the real worker into a real database; bad paths and
 * uploads refused up front, a malformed file refused with its file and line, the library unchanged.
 */
const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');
const USER = join(import.meta.dirname, '..', '..', 'fixtures', 'user-statutes');
let service: AppService;

afterEach(async () => {
  await service?.close();
});

async function readyService(): Promise<AppService> {
  service = createAppService({ dbPath: join(tempDir(), 'lexbone.db'), corpusPath: FIXTURE_CORPUS, importWorkerPath: WORKER });
  service.start();
  await service.idle();
  return service;
}

async function finished(s: AppService): Promise<ImportJobView> {
  await s.idle();
  const view = await s.handlers.importStatus({});
  expect(view.state).not.toBe('running');
  return view;
}

const upload = (path: string, file = join(USER, path)): UploadedFile => ({ path, base64: readFileSync(file).toString('base64') });
const counts = async (s: AppService) => {
  const st = await s.handlers.stats({});
  return { laws: st.laws.current + st.laws.superseded, articles: st.articles.total };
};
const search = (s: AppService, query: string) => s.handlers.search({ query, limit: 5, offset: 0, includeSuperseded: false });

describe('importStatutes', () => {
  it('imports a JSONL file given by its path, with progress and a report, then finds its articles', async () => {
    const s = await readyService();
    const before = await counts(s);
    const started = await s.handlers.importStatutes({ path: join(USER, '某市物业管理条例.jsonl') });
    expect(started).toMatchObject({ id: 1, state: 'running', source: join(USER, '某市物业管理条例.jsonl') });
    expect(started.progress).not.toBeNull();
    const done = await finished(s);
    expect(done.state).toBe('done');
    expect(done.error).toBeNull();
    expect(done.report).toMatchObject({ lawsAdded: 1, articlesAdded: 4, articlesUpdated: 0, skipped: [] });
    expect(await counts(s)).toEqual({ laws: before.laws + 1, articles: before.articles + 4 });
    const res = await search(s, '物业服务企业公示收费标准');
    expect(res.hits[0]?.citation).toBe('《某市物业管理条例》第三条');

    // The same file again changes nothing.
    await s.handlers.importStatutes({ path: join(USER, '某市物业管理条例.jsonl') });
    const again = await finished(s);
    expect(again.id).toBe(2);
    expect(again.report).toMatchObject({ lawsAdded: 0, lawsUnchanged: 1, articlesAdded: 0 });
  });

  it('imports an uploaded markdown folder under the folder name, skipping a non-markdown file', async () => {
    const s = await readyService();
    const files = [upload('地方法规/广东/广东省电梯安全条例(2020-05-01).md'), upload('地方法规/广东/说明.txt')];
    await s.handlers.importStatutes({ files });
    const done = await finished(s);
    expect(done.state).toBe('done');
    expect(done.source).toBe('地方法规');
    expect(done.report).toMatchObject({ source: '地方法规', lawsAdded: 1, articlesAdded: 3 });
    expect(done.report?.skipped).toEqual([{ file: '地方法规/广东/说明.txt', reason: 'not a markdown (.md) file' }]);
    const law = (await s.handlers.laws({ prefix: '电梯安全', includeSuperseded: false, limit: 5 }))[0];
    expect(law).toMatchObject({ title: '广东省电梯安全条例', category: '广东', versionDate: '2020-05-01', articleCount: 3 });
    expect((await search(s, '电梯困人三十分钟内抵达现场')).hits[0]?.citation).toBe('《广东省电梯安全条例》第三条');
    // The staged copy is gone.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('lexbone-upload-'))).toHaveLength(0);
  });

  it('imports one uploaded CSV file', async () => {
    const s = await readyService();
    await s.handlers.importStatutes({ files: [upload('某区停车管理办法.csv')], category: '地方' });
    const done = await finished(s);
    expect(done.report).toMatchObject({ source: '某区停车管理办法.csv', articlesAdded: 2 });
    expect((await s.handlers.laws({ prefix: '停车管理', includeSuperseded: false, limit: 5 }))[0]?.category).toBe('地方');
  });

  it('refuses a malformed file with its name and line, uploaded or by path, and leaves the library unchanged', async () => {
    const s = await readyService();
    const before = await counts(s);
    await s.handlers.importStatutes({ files: [upload('格式错误.jsonl')] });
    const failed = await finished(s);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('MALFORMED_RECORD');
    expect(failed.error?.message).toMatch(/^格式错误\.jsonl, line 3: not valid JSON/);
    expect(failed.error?.message).not.toContain('lexbone-upload-');
    expect(await counts(s)).toEqual(before);
    expect((await search(s, '河道管理属地负责')).hits.some((h) => h.law.title.includes('河道'))).toBe(false);

    await s.handlers.importStatutes({ path: join(USER, '格式错误.jsonl') });
    const byPath = await finished(s);
    expect(byPath.error?.message).toContain(`${relative(process.cwd(), join(USER, '格式错误.jsonl'))}, line 3`);
    expect(await counts(s)).toEqual(before);
  });

  it('refuses bad paths and uploads before importing anything', async () => {
    const s = await readyService();
    const path = (p: string) => codeOf(() => s.handlers.importStatutes({ path: p }));
    expect(await path('tests/fixtures/user-statutes/某市物业管理条例.jsonl')).toBe('IMPORT_PATH_INVALID'); // relative
    expect(await path(`${USER}/../user-statutes/某市物业管理条例.jsonl`)).toBe('IMPORT_PATH_INVALID'); // ..
    expect(await path(join(USER, 'nope.jsonl'))).toBe('FILE_NOT_FOUND');
    expect(await path(join(USER, '地方法规', '广东', '说明.txt'))).toBe('UNSUPPORTED_FORMAT');
    const files = (f: UploadedFile[]) => codeOf(() => s.handlers.importStatutes({ files: f }));
    expect(await files([{ path: '../evil.md', base64: '' }])).toBe('UPLOAD_INVALID');
    expect(await files([{ path: '/etc/evil.md', base64: '' }])).toBe('UPLOAD_INVALID');
    expect(await files([{ path: 'C:\\evil.md', base64: '' }])).toBe('UPLOAD_INVALID');
    expect(await files([{ path: 'a/./b.md', base64: '' }])).toBe('UPLOAD_INVALID');
    expect(await files([{ path: 'law.md', base64: '不是base64' }])).toBe('UPLOAD_INVALID');
    expect(await files([{ path: 'law.docx', base64: 'AAAA' }])).toBe('UNSUPPORTED_FORMAT');
    expect(await files([{ path: 'd/a.txt', base64: 'AAAA' }, { path: 'd/b.txt', base64: 'AAAA' }])).toBe('UPLOAD_INVALID');
    expect(await files([upload('某区停车管理办法.csv'), upload('某区停车管理办法.csv')])).toBe('UPLOAD_INVALID');
    expect((await s.handlers.importStatus({})).state).toBe('idle');
    const message = await Promise.resolve().then(() => s.handlers.importStatutes({ path: 'laws' })).catch((e: Error) => e.message);
    expect(message).toMatch(/give the full path/);
  });

  it('imports a folder staged over several requests, one file in three pieces, as one source', async () => {
    const s = await readyService();
    const law = readFileSync(join(USER, '地方法规', '广东', '广东省电梯安全条例(2020-05-01).md'));
    const third = Math.ceil(law.length / 3);
    const piece = (i: number) => law.subarray(i * third, (i + 1) * third).toString('base64');
    const path = '地方法规/广东/广东省电梯安全条例(2020-05-01).md';
    const first = await s.handlers.uploadStatutes({ files: [{ path, base64: piece(0) }] });
    expect(first).toMatchObject({ files: 1, bytes: third });
    const id = first.uploadId;
    await s.handlers.uploadStatutes({ uploadId: id, files: [{ path, base64: piece(1), append: true }, upload('地方法规/广东/说明.txt')] });
    const last = await s.handlers.uploadStatutes({ uploadId: id, files: [{ path, base64: piece(2), append: true }] });
    expect(last).toMatchObject({ uploadId: id, files: 2, bytes: law.length + readFileSync(join(USER, '地方法规', '广东', '说明.txt')).length });
    // A piece for a file never started, a file sent twice, and an unknown upload are refused.
    expect(await codeOf(() => s.handlers.uploadStatutes({ uploadId: id, files: [{ path: '地方法规/x.md', base64: 'AAAA', append: true }] }))).toBe('UPLOAD_INVALID');
    expect(await codeOf(() => s.handlers.uploadStatutes({ uploadId: id, files: [{ path, base64: 'AAAA' }] }))).toBe('UPLOAD_INVALID');
    expect(await codeOf(() => s.handlers.importStatutes({ uploadId: 'nope' }))).toBe('UPLOAD_INVALID');

    await s.handlers.importStatutes({ uploadId: id });
    const done = await finished(s);
    expect(done.report).toMatchObject({ source: '地方法规', lawsAdded: 1, articlesAdded: 3 });
    expect(done.report?.skipped.map((x) => x.file)).toEqual(['地方法规/广东/说明.txt']);
    // An upload is imported once.
    expect(await codeOf(() => s.handlers.importStatutes({ uploadId: id }))).toBe('UPLOAD_INVALID');
  });

  it('runs one import at a time', async () => {
    const s = await readyService();
    await s.handlers.importStatutes({ path: join(USER, '某市物业管理条例.jsonl') });
    expect(await codeOf(() => s.handlers.importStatutes({ path: join(USER, '某区停车管理办法.csv') }))).toBe('IMPORT_RUNNING');
    expect((await finished(s)).state).toBe('done');
  });
});
