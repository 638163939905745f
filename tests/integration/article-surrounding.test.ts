/**
 * The `article` method's `surrounding` provisions over the fixture library (real SQLite), through
 * the contract's dispatch and the app service's real handlers. The 2012 劳动合同法 in the fixture
 * has five articles in this order: 第三十八、三十九、四十七、八十二、八十七条 (a chapter break
 * between 第四十七条 and 第八十二条); the 2007 version has 第三十九条 alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../electron/backbone/app-service';
import { dispatch } from '../../electron/contract/dispatch';
import type { ArticleView, SurroundingProvision } from '../../electron/contract/types';
import { fixtureService } from '../helpers/keyed-service';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let service: AppService;

beforeAll(async () => {
  service = await fixtureService(tempDir());
});
afterAll(() => service.close());

async function article(body: Record<string, unknown>): Promise<ArticleView> {
  const r = await dispatch(service.handlers, 'article', body);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const labels = (ps: SurroundingProvision[]) => ps.map((p) => p.label);

describe('article: surrounding provisions', () => {
  it('2 around a middle article: the 2 before in the law’s order, then the 2 after, across a chapter break', async () => {
    const v = await article({ citation: '劳动合同法第四十七条', surrounding: 2 });
    expect(labels(v.surrounding!.before)).toEqual(['第三十八条', '第三十九条']);
    expect(labels(v.surrounding!.after)).toEqual(['第八十二条', '第八十七条']);
    // Each one whole, as the article method gives it, with its citation.
    for (const p of [...v.surrounding!.before, ...v.surrounding!.after]) {
      const own = await article({ id: p.articleId });
      expect(p).toEqual({ articleId: own.articleId, citation: own.citation, label: own.label, text: own.text });
    }
    expect(v.surrounding!.before[1]!.articleId).toBe(v.prevId);
    expect(v.surrounding!.after[0]!.articleId).toBe(v.nextId);
    expect(v.surrounding!.after[1]!.citation).toBe('《中华人民共和国劳动合同法》第八十七条');
    // The article itself is not among them, and the rest of the view is as without surrounding.
    const plain = await article({ citation: '劳动合同法第四十七条' });
    const { surrounding: _s, ...rest } = v;
    expect(rest).toEqual(plain);
  });

  it('by id gives the same as by citation', async () => {
    const byCitation = await article({ citation: '劳动合同法第四十七条', surrounding: 2 });
    expect(await article({ id: byCitation.articleId, surrounding: 2 })).toEqual(byCitation);
  });

  it('the first article of a law has nothing before; the last nothing after', async () => {
    const first = await article({ citation: '劳动合同法第三十八条', surrounding: 2 });
    expect(first.surrounding!.before).toEqual([]);
    expect(labels(first.surrounding!.after)).toEqual(['第三十九条', '第四十七条']);
    const last = await article({ citation: '劳动合同法第八十七条', surrounding: 2 });
    expect(labels(last.surrounding!.before)).toEqual(['第四十七条', '第八十二条']);
    expect(last.surrounding!.after).toEqual([]);
  });

  it('more than the law has: as many as there are, in order', async () => {
    const v = await article({ citation: '劳动合同法第三十九条', surrounding: 5 });
    expect(labels(v.surrounding!.before)).toEqual(['第三十八条']);
    expect(labels(v.surrounding!.after)).toEqual(['第四十七条', '第八十二条', '第八十七条']);
  });

  it('stays inside the law version: the 2007 第三十九条 is alone in its version', async () => {
    const v2012 = await article({ citation: '劳动合同法第三十九条' });
    const versions = await dispatch(service.handlers, 'lawVersions', { id: v2012.law.id });
    if (!versions.ok) throw new Error(versions.error.message);
    const v2007 = versions.value.find((v) => v.versionDate === '2007-06-29')!;
    const old = await article({ id: v2007.firstArticleId!, surrounding: 3 });
    expect(old.law.status).toBe('superseded');
    expect(old.surrounding).toEqual({ before: [], after: [] });
  });

  it('surrounding 0 or absent: no surrounding field at all', async () => {
    expect(await article({ citation: '劳动合同法第四十七条', surrounding: 0 })).not.toHaveProperty('surrounding');
    expect(await article({ citation: '劳动合同法第四十七条' })).not.toHaveProperty('surrounding');
    const one = await article({ citation: '劳动合同法第四十七条', surrounding: 1 });
    expect(labels(one.surrounding!.before)).toEqual(['第三十九条']);
    expect(labels(one.surrounding!.after)).toEqual(['第八十二条']);
  });

  it.each([
    ['6', { citation: '劳动合同法第四十七条', surrounding: 6 }, true],
    ['-1', { id: 1, surrounding: -1 }, true],
    // A wrong type fails both branches of the id / citation union: zod says only "Invalid input".
    ['1.5', { citation: '劳动合同法第四十七条', surrounding: 1.5 }, false],
    ['"2"', { id: 1, surrounding: '2' }, false],
  ])('surrounding %s → INVALID_REQUEST', async (_what, body, named) => {
    const r = await dispatch(service.handlers, 'article', body);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', messageZh: expect.stringMatching(/^请求无效：/) } });
    if (named) expect(!r.ok && r.error.message).toMatch(/surrounding/);
  });
});
