import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRequest } from '../../electron/contract/schemas';
import type { SearchResponse } from '../../electron/contract/types';
import { Library } from '../../electron/backbone/library';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * Golden queries over the small fixture corpus: one assertion per query on the top result, with
 * the reason it should rank first.
 */
const tempDir = useTempDirs('all');
let lib: Library;
let dir: string;

beforeAll(() => {
  dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
});
afterAll(() => lib.close());

const search = (query: string, extra: Record<string, unknown> = {}): Promise<SearchResponse> =>
  lib.search(SearchRequest.parse({ query, ...extra }));
const top = async (query: string, extra: Record<string, unknown> = {}): Promise<string> =>
  (await search(query, extra)).hits[0]?.citation ?? '(none)';

describe('golden queries', () => {
  it('婚姻: a 2-character word matches', async () => {
    // Only 第一千零四十一条 says 婚姻 (three times), and its chapter path does not dilute it.
    expect(await top('婚姻')).toBe('《中华人民共和国民法典》第一千零四十一条');
  });

  it('违约金过高: the liquidated-damages article', async () => {
    // 第五百八十五条 is the only article with 违约金, twice, and with 过分高于.
    expect(await top('违约金过高怎么办')).toBe('《中华人民共和国民法典》第五百八十五条');
  });

  it('离婚后另一方负担抚养费: child support after divorce', async () => {
    // 第一千零八十五条 alone has 另一方 and 负担 besides 离婚后 and 抚养费; the shorter interpretation
    // article (第五十五条) has only the last two, so it must not win.
    expect(await top('离婚后另一方应当负担多少抚养费')).toBe('《中华人民共和国民法典》第一千零八十五条');
  });

  it('七十五周岁: a 之一 article is found by its words', async () => {
    // Only 第十七条之一 mentions 七十五周岁.
    expect(await top('七十五周岁的老人犯罪')).toBe('《中华人民共和国刑法》第十七条之一');
  });

  it('严重违反规章制度: the current version, not the superseded one', async () => {
    // Both versions of 第三十九条 match; only the 2012 version is current.
    const res = await search('严重违反用人单位的规章制度 解除劳动合同');
    expect(res.hits[0]!.citation).toBe('《中华人民共和国劳动合同法》第三十九条');
    expect(res.hits.every((h) => h.law.status === 'current')).toBe(true);
  });

  it('all versions: the superseded text is found when asked for', async () => {
    // "二〇〇七年文本" only occurs in the 2007 version.
    const res = await search('二〇〇七年文本', { includeSuperseded: true });
    expect(res.hits[0]!.law.versionDate).toBe('2007-06-29');
    expect((await search('二〇〇七年文本')).hits).toHaveLength(0);
  });

  it('"二倍的工资": a quoted phrase must match as a whole', async () => {
    // 第八十二条 contains the exact phrase; 第四十七条 has 工资 but not the phrase.
    const res = await search('"二倍的工资"');
    expect(res.hits.map((h) => h.label)).toEqual(['第八十二条']);
  });

  it('category filter: 解除 within 社会法 only', async () => {
    // 解除 appears in 劳动合同法 (社会法) articles; the filter keeps the Civil Code out.
    const res = await search('解除', { category: '社会法' });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.every((h) => h.law.category === '社会法')).toBe(true);
  });

  it('law filter: 离婚 within the interpretation only', async () => {
    // The interpretation's 第五十五条 is its only article that mentions 离婚.
    expect(await top('离婚', { law: '最高人民法院关于适用《民法典》婚姻家庭编的解释（一）' })).toContain('解释（一）》第五十五条');
  });

  it.each([
    ['民法典第584条', '《中华人民共和国民法典》第五百八十四条'],
    ['劳动合同法 第三十九条', '《中华人民共和国劳动合同法》第三十九条'],
    ['《中华人民共和国刑法》第十七条之一', '《中华人民共和国刑法》第十七条之一'],
    ['中华人民共和国民法典第五十四条', '《中华人民共和国民法典》第五十四条'],
  ])('citation %s goes straight to the article', async (query, citation) => {
    const res = await search(query);
    expect(res.mode).toBe('citation');
    expect(res.hits[0]!.citation).toBe(citation);
  });

  it('a citation resolves to the current version of the law', async () => {
    // 劳动合同法 has two versions; the citation must open the 2012 text.
    expect((await search('劳动合同法第39条')).hits[0]!.law.versionDate).toBe('2012-12-28');
  });

  it('highlights the matched words in the snippet', async () => {
    const hit = (await search('违约金')).hits[0]!;
    expect(hit.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('违约金');
  });

  it('FTS syntax typed by a user is searched as text, not executed', async () => {
    for (const q of ['"', '违约 OR', 'NEAR(违约 损失)', '*', '违约 -损失', 'AND AND', "'; DROP TABLE laws; --"]) {
      await expect(search(q)).resolves.toBeDefined();
    }
    expect((await search('违约 OR')).hits[0]!.citation).toContain('民法典');
  });
});
