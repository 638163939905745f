/**
 * Citations as lawyers type them, over the fixture corpus (real SQLite, lexical search only): no
 * 第, Arabic numerals, a paragraph or item after the article, and short names for judicial
 * interpretations. Each is answered as a citation (the article first), or as an error that says
 * which part was not found.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { SearchRequest } from '../../electron/contract/schemas';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let lib: Library;
beforeAll(() => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
});
afterAll(() => lib.close());

const first = async (query: string) => {
  const res = await lib.search(SearchRequest.parse({ query }));
  return { mode: res.mode, citation: res.hits[0]?.citation };
};

describe('citations as typed', () => {
  it.each([
    ['民法典584条', '《中华人民共和国民法典》第五百八十四条'],
    ['《民法典》第584条第二款', '《中华人民共和国民法典》第五百八十四条'],
    ['劳动合同法39条', '《中华人民共和国劳动合同法》第三十九条'],
    ['劳动合同法第三十九条第（二）项', '《中华人民共和国劳动合同法》第三十九条'],
    ['婚姻家庭编解释一第55条', '《最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）》第五十五条'],
    ['民法典婚姻家庭编司法解释（一）第五十五条', '《最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）》第五十五条'],
  ])('%s opens %s', async (query, citation) => {
    expect(await first(query)).toEqual({ mode: 'citation', citation });
  });

  it('the article method takes the same forms, and names what it could not find', () => {
    expect(lib.article({ citation: '婚姻家庭编解释（一）第五十五条' }).label).toBe('第五十五条');
    expect(() => lib.article({ citation: '婚姻家庭编解释（二）第五十五条' })).toThrow(expect.objectContaining({ code: 'LAW_NOT_FOUND' }));
    expect(() => lib.article({ citation: '民法典9999条' })).toThrow(expect.objectContaining({ code: 'ARTICLE_NOT_FOUND' }));
  });

  it('law suggestions (the law filter) offer the law a short name stands for, first', () => {
    const titles = (prefix: string) => lib.laws({ prefix, includeSuperseded: false, limit: 5 }).map((l) => l.title);
    expect(titles('婚姻家庭编解释一')).toEqual(['最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）']);
    expect(titles('劳动合同')).toEqual(['中华人民共和国劳动合同法']); // found by its letters: unchanged
    expect(titles('民诉法')).toEqual([]); // not in the fixture corpus
    expect(lib.laws({ prefix: '婚姻家庭编解释一', category: '法律', includeSuperseded: false, limit: 5 })).toEqual([]);
  });

  it('a question is still a question', async () => {
    expect((await first('离婚后孩子的抚养费怎么算')).mode).not.toBe('citation');
  });
});
