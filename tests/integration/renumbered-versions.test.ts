/**
 * compareArticle over a law whose revision renumbered it (tests/fixtures/law-versions, real
 * SQLite): 示例登记办法 2021 inserted a new 第二条, so its 第三、四条 are the 2015 第二、三条.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawHandlers } from '../../electron/backbone/laws/law-handlers';
import { Library } from '../../electron/backbone/library';
import type { ApiHandlers } from '../../electron/contract/api';
import { dispatch } from '../../electron/contract/dispatch';
import type { ArticleComparison } from '../../electron/contract/law-types';
import { useTempDirs } from '../helpers/temp';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'law-versions');
const tempDir = useTempDirs('all');
let lib: Library;
let handlers: ApiHandlers;

beforeAll(() => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(CORPUS);
  handlers = lawHandlers(() => lib) as ApiHandlers;
});
afterAll(() => lib.close());

async function compare(citation: string, pair: { from?: number; to?: number } = {}): Promise<ArticleComparison> {
  const r = await dispatch(handlers, 'compareArticle', { articleId: lib.article({ citation }).articleId, ...pair });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as ArticleComparison;
}
const seen = (c: ArticleComparison) => c.versions.map((v) => [v.law.versionDate, v.article?.label ?? null, v.article?.matchedBy ?? null]);

describe('compareArticle across a renumbering revision', () => {
  it('2021 第四条 is compared with 2015 第三条, found by its text; the diff is the deadline alone', async () => {
    const c = await compare('示例登记办法第四条');
    expect(seen(c)).toEqual([['2015-03-01', '第三条', 'text'], ['2021-06-01', '第四条', 'asked']]);
    expect(c.versions[0]!.article!.similarity).toBeGreaterThan(0.8);
    expect(c.versions[0]!.article!.similarity).toBeLessThan(1);
    const d = c.diffs[0]!;
    expect(d.segments!.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text])).toEqual([['delete', '三十'], ['insert', '十五']]);
  });

  it('asked from the old version the match runs forwards: 2015 第二条 is 2021 第三条, unchanged', async () => {
    const old = lib.article({ citation: '示例登记办法第四条' }).law.id; // the 2021 version's id, to find 2015's
    const versions = (await dispatch(handlers, 'lawVersions', { id: old })) as { ok: true; value: { id: number; versionDate: string }[] };
    const v2015 = versions.value.find((v) => v.versionDate === '2015-03-01')!;
    const doc = (await dispatch(handlers, 'law', { id: v2015.id })) as { ok: true; value: { articles: { id: number; label: string }[] } };
    const art2 = doc.value.articles.find((a) => a.label === '第二条')!;
    const r = await dispatch(handlers, 'compareArticle', { articleId: art2.id });
    const c = (r as { ok: true; value: ArticleComparison }).value;
    expect(seen(c)).toEqual([['2015-03-01', '第二条', 'asked'], ['2021-06-01', '第三条', 'text']]);
    expect(c.diffs[0]).toMatchObject({ inserted: 0, deleted: 0 });
  });

  it('the inserted 第二条 has no counterpart in 2015, although 2015 has a 第二条', async () => {
    const c = await compare('示例登记办法第二条');
    expect(seen(c)).toEqual([['2015-03-01', null, null], ['2021-06-01', '第二条', 'asked']]);
    expect(c.diffs[0]!.segments).toBeNull();
  });

  it('an article kept in place is matched by its number through three versions', async () => {
    const c = await compare('示例运输条例第二条');
    expect(seen(c)).toEqual([['2010-01-01', '第二条', 'number'], ['2016-02-06', '第二条', 'number'], ['2023-07-20', '第二条', 'asked']]);
    expect(c.diffs.map((d) => d.inserted + d.deleted)).toEqual([4, 0]);
  });
});
