import { describe, expect, it } from 'vitest';
import { findCrossReferences } from '../../electron/backbone/text/cross-references';

const spans = (text: string) => findCrossReferences(text).map((r) => ({ text: text.slice(r.start, r.end), law: r.law, number: r.number, sub: r.sub }));

describe('cross-references in article text', () => {
  it('finds 本法 references and the list after them, clause included in the span', () => {
    expect(spans('依照本法第三百八十九条、第三百九十条的规定定罪处罚。')).toEqual([
      { text: '第三百八十九条', law: 'self', number: 389, sub: 0 },
      { text: '第三百九十条', law: 'self', number: 390, sub: 0 },
    ]);
    expect(spans('依照本法第一百五十二条第二款、第三款的规定')).toEqual([{ text: '第一百五十二条第二款', law: 'self', number: 152, sub: 0 }]);
  });

  it('finds a named law and keeps its title, normalised', () => {
    const refs = spans('适用《中华人民共和国民事诉讼法》第二十九条的规定');
    expect(refs).toEqual([{ text: '《中华人民共和国民事诉讼法》第二十九条', law: '中华人民共和国民事诉讼法', number: 29, sub: 0 }]);
  });

  it('takes a bare article after a lead word as the same law, lists and 之一 included', () => {
    expect(spans('用人单位依照第三十九条、第四十条或者第四十二条之一解除')).toEqual([
      { text: '第三十九条', law: 'self', number: 39, sub: 0 },
      { text: '第四十条', law: 'self', number: 40, sub: 0 },
      { text: '第四十二条之一', law: 'self', number: 42, sub: 1 },
    ]);
  });

  it('leaves plain mentions, 前款 and 前条 alone', () => {
    expect(spans('有前款规定情形之一的，依照前条处理。')).toEqual([]);
    expect(spans('第三条规定的期限')).toEqual([]);
  });

  it('reads a law named without 《》 as a bare reference with its candidate names, longest first', () => {
    const refs = findCrossReferences('依照刑法第二百六十四条的规定，以盗窃罪定罪处罚');
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ start: 0, law: '依照刑法', number: 264, bareNames: ['依照刑法', '照刑法', '刑法'] });
    // A list after it names the same law.
    expect(findCrossReferences('刑法第二百三十二条、第二百三十四条第二款的规定').map((r) => [r.number, r.bareNames?.at(-1)])).toEqual([[232, '刑法'], [234, '刑法']]);
  });

  it('does not take 本条例 or a lead word before a bare article for a law name', () => {
    expect(spans('依照本条例第五条')).toEqual([{ text: '第五条', law: 'self', number: 5, sub: 0 }]);
    expect(spans('应当依照第四十条处理')).toEqual([{ text: '第四十条', law: 'self', number: 40, sub: 0 }]);
  });
});
