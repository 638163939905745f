/**
 * The `law`, `lawVersions` and `compareArticle` methods over the fixture corpus (real SQLite),
 * through the contract's dispatch so request validation and typed errors are covered too.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawHandlers } from '../../electron/backbone/laws/law-handlers';
import { Library } from '../../electron/backbone/library';
import type { ApiHandlers } from '../../electron/contract/api';
import { dispatch } from '../../electron/contract/dispatch';
import type { ArticleComparison, LawDocument, LawVersion } from '../../electron/contract/law-types';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let lib: Library;
let handlers: ApiHandlers;

beforeAll(() => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  handlers = lawHandlers(() => lib) as ApiHandlers;
});
afterAll(() => lib.close());

async function call<T>(method: 'law' | 'lawVersions' | 'compareArticle', body: unknown): Promise<T> {
  const r = await dispatch(handlers, method, body);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const view = (citation: string) => lib.article({ citation });

describe('law: one version whole', () => {
  it('the 2012 劳动合同法: header with history, a chapter TOC, every article in order with its links', async () => {
    const art39 = view('劳动合同法第三十九条');
    const doc = await call<LawDocument>('law', { id: art39.law.id });
    expect(doc.law).toMatchObject({ title: '中华人民共和国劳动合同法', versionDate: '2012-12-28', status: 'current', articleCount: doc.articles.length });
    expect(doc.law.history).toHaveLength(2);
    expect(doc.law.history[1]).toMatch(/^2012年12月28日.*修正$/);
    expect(doc.articles.map((a) => a.label)).toEqual(['第三十八条', '第三十九条', '第四十七条', '第八十二条', '第八十七条']);
    expect(doc.toc).toEqual([
      { heading: '第四章 劳动合同的解除和终止', depth: 0, firstArticleId: doc.articles[0]!.id, articleCount: 3, children: [] },
      { heading: '第七章 法律责任', depth: 0, firstArticleId: doc.articles[3]!.id, articleCount: 2, children: [] },
    ]);
    // 第八十七条: 依照本法第四十七条 → a link over 第四十七条 to that article of this version.
    const a87 = doc.articles.find((a) => a.label === '第八十七条')!;
    expect(a87.links).toEqual([
      { start: a87.text.indexOf('第四十七条'), end: a87.text.indexOf('第四十七条') + 5, label: '第四十七条',
        articleId: view('劳动合同法第四十七条').articleId, citation: '《中华人民共和国劳动合同法》第四十七条' },
    ]);
    expect(doc.articles.find((a) => a.label === '第三十九条')!.links).toEqual([]);
  });

  it('民法典 nests books and chapters; counts add up', async () => {
    const doc = await call<LawDocument>('law', { id: view('民法典第1085条').law.id });
    expect(doc.toc.length).toBeGreaterThan(1);
    const book = doc.toc.find((e) => e.heading.includes('婚姻家庭'))!;
    expect(book.depth).toBe(0);
    expect(book.children.length).toBeGreaterThan(0);
    expect(book.children.reduce((n, c) => n + c.articleCount, 0)).toBeLessThanOrEqual(book.articleCount);
    expect(doc.toc.reduce((n, e) => n + e.articleCount, 0)).toBe(doc.articles.filter((a) => a.path.length > 0).length);
    const first = doc.articles.find((a) => a.id === book.firstArticleId)!;
    expect(first.path[0]).toBe(book.heading);
  });

  it('an unknown law id is a typed error saying what to do; a bad id is refused by the schema', async () => {
    const missing = await dispatch(handlers, 'law', { id: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'LAW_VERSION_NOT_FOUND' } });
    expect(!missing.ok && missing.error.message).toMatch(/Open the law again/);
    expect(await dispatch(handlers, 'law', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});

describe('lawVersions', () => {
  it('劳动合同法 has 2012 (current) then 2007 (superseded by 2012), each with its first article', async () => {
    const a2012 = view('劳动合同法第三十九条');
    const versions = await call<LawVersion[]>('lawVersions', { id: a2012.law.id });
    expect(versions.map((v) => [v.versionDate, v.status])).toEqual([['2012-12-28', 'current'], ['2007-06-29', 'superseded']]);
    expect(versions[1]!.supersededBy).toBe(versions[0]!.id);
    expect(versions[0]!.firstArticleId).not.toBeNull();
    // Asked from the old version, the answer is the same list.
    expect(await call<LawVersion[]>('lawVersions', { id: versions[1]!.id })).toEqual(versions);
  });

  it('a law with one version lists just that one', async () => {
    const law = view('民法典第1085条').law;
    expect((await call<LawVersion[]>('lawVersions', { id: law.id })).map((v) => v.id)).toEqual([law.id]);
  });
});

describe('compareArticle', () => {
  it('第三十九条 from 2007 to 2012: the 2007 marker deleted, item (三) inserted', async () => {
    const a2012 = view('劳动合同法第三十九条');
    const cmp = await call<ArticleComparison>('compareArticle', { articleId: a2012.articleId });
    expect(cmp.label).toBe('第三十九条');
    expect(cmp.versions.map((v) => v.law.versionDate)).toEqual(['2007-06-29', '2012-12-28']);
    expect(cmp.versions[1]!.article!.id).toBe(a2012.articleId);
    expect(cmp.versions[0]!.article!.text).toContain('（二〇〇七年文本）');
    expect(cmp.diffs).toHaveLength(1);
    const diff = cmp.diffs[0]!;
    expect([diff.fromLawId, diff.toLawId]).toEqual([cmp.versions[0]!.law.id, cmp.versions[1]!.law.id]);
    expect(diff.segments!.filter((s) => s.op === 'delete').map((s) => s.text)).toEqual(['（二〇〇七年文本）']);
    expect(diff.segments!.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual(['（三）严重失职，营私舞弊，给用人单位造成重大损害的；']);
    expect(diff).toMatchObject({ deleted: 9 });
  });

  it('an article the older version lacks is null there, and its pair has no segments', async () => {
    const a87 = view('劳动合同法第八十七条');
    const cmp = await call<ArticleComparison>('compareArticle', { articleId: a87.articleId });
    expect(cmp.versions.map((v) => v.article?.label ?? null)).toEqual([null, '第八十七条']);
    expect(cmp.diffs).toEqual([{ fromLawId: cmp.versions[0]!.law.id, toLawId: cmp.versions[1]!.law.id, segments: null, inserted: 0, deleted: 0 }]);
  });

  it('from/to choose a pair (answered older first); a wrong pair is a typed error', async () => {
    const a2012 = view('劳动合同法第三十九条');
    const [newer, older] = (await call<LawVersion[]>('lawVersions', { id: a2012.law.id })).map((v) => v.id);
    const cmp = await call<ArticleComparison>('compareArticle', { articleId: a2012.articleId, from: newer, to: older });
    expect(cmp.diffs.map((d) => [d.fromLawId, d.toLawId])).toEqual([[older, newer]]);
    const other = view('民法典第1085条').law.id;
    expect(await dispatch(handlers, 'compareArticle', { articleId: a2012.articleId, from: older, to: other })).toMatchObject({
      ok: false, error: { code: 'COMPARE_VERSIONS_INVALID' },
    });
    expect(await dispatch(handlers, 'compareArticle', { articleId: a2012.articleId, from: older })).toMatchObject({
      ok: false, error: { code: 'INVALID_REQUEST' },
    });
    expect(await dispatch(handlers, 'compareArticle', { articleId: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
