import { describe, expect, it } from 'vitest';
import { formatCitation, parseArticleLabel, parseCitation } from '../../electron/backbone/text/citation';
import { lawKey, shortTitle } from '../../electron/backbone/text/normalize';

describe('article labels', () => {
  it('parses plain and 之X labels', () => {
    expect(parseArticleLabel('第五十四条')).toEqual({ number: 54, sub: 0 });
    expect(parseArticleLabel('第四十二条之一')).toEqual({ number: 42, sub: 1 });
    expect(parseArticleLabel('第584条')).toEqual({ number: 584, sub: 0 });
    expect(parseArticleLabel('五十四条')).toBeNull();
  });
});

describe('citations', () => {
  it.each([
    ['民法典第584条', '民法典', 584, 0],
    ['劳动合同法 第三十九条', '劳动合同法', 39, 0],
    ['《中华人民共和国民法典》第五十四条', '中华人民共和国民法典', 54, 0],
    ['中华人民共和国民法典第五十四条', '中华人民共和国民法典', 54, 0],
    ['刑法第十七条之一', '刑法', 17, 1],
    ['《刑法》 第 264 条', '刑法', 264, 0],
    ['民法典584条', '民法典', 584, 0],
    ['劳动合同法 三十九条', '劳动合同法', 39, 0],
    ['公司法解释三第二十条', '公司法解释三', 20, 0],
  ])('parses %s', (text, law, number, sub) => {
    expect(parseCitation(text)).toMatchObject({ law, number, sub, paragraph: null, item: null });
  });

  it('keeps the paragraph and item after the article, and labels the article as stored', () => {
    expect(parseCitation('《民法典》第584条第二款')).toEqual({ law: '民法典', label: '第五百八十四条', number: 584, sub: 0, paragraph: 2, item: null });
    expect(parseCitation('劳动合同法第39条第1款第（二）项')).toMatchObject({ law: '劳动合同法', label: '第三十九条', paragraph: 1, item: 2 });
    expect(parseCitation('劳动合同法第三十九条第（二）项')).toMatchObject({ number: 39, paragraph: null, item: 2 });
    expect(parseCitation('刑法第十七条之一')).toMatchObject({ label: '第十七条之一' });
    expect(parseCitation('民法典第584条第0款')).toBeNull();
  });

  it('does not take a question for a citation', () => {
    expect(parseCitation('离婚后孩子抚养费怎么算')).toBeNull();
    expect(parseCitation('公司违反了劳动法，可以依据第三十九条吗，怎么办第三十九条')).toBeNull();
    expect(parseCitation('离婚后孩子归谁，看哪几条')).toBeNull();
    expect(parseCitation('条')).toBeNull();
  });

  it('formats the stable citation with book-title marks', () => {
    expect(formatCitation('中华人民共和国民法典', '第五十四条')).toBe('《中华人民共和国民法典》第五十四条');
  });

  it('matches STARD names to stored titles whatever the prefix and brackets', () => {
    expect(shortTitle('中华人民共和国民法典')).toBe('民法典');
    expect(lawKey('最高人民法院关于适用《民法典》有关担保制度的解释')).toBe(
      lawKey('最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释'),
    );
    expect(lawKey('关于审理案件的规定(一)')).toBe(lawKey('关于审理案件的规定（一）'));
  });
});
