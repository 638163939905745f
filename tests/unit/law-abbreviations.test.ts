import { describe, expect, it } from 'vitest';
import { lawLookups } from '../../electron/backbone/text/law-abbreviations';

describe('law abbreviations and interpretations named after their law', () => {
  it('looks a name up as typed first, then as an abbreviation', () => {
    expect(lawLookups('民法典')).toEqual([{ key: '民法典' }]);
    expect(lawLookups('中华人民共和国民事诉讼法')).toEqual([{ key: '民事诉讼法' }]);
    expect(lawLookups('民诉法')).toEqual([{ key: '民诉法' }, { key: '民事诉讼法' }]);
    expect(lawLookups('个保法')[1]).toEqual({ key: '个人信息保护法' });
  });

  it("an interpretation without a number is the law's one 的解释 (or 若干问题的解释)", () => {
    expect(lawLookups('民诉法解释').slice(1)).toEqual([
      { key: '最高人民法院关于适用民事诉讼法的解释' },
      { key: '最高人民法院关于适用民事诉讼法若干问题的解释' },
    ]);
    expect(lawLookups('民诉解释').slice(1)[0]).toEqual({ key: '最高人民法院关于适用民事诉讼法的解释' });
    expect(lawLookups('刑事诉讼法司法解释').slice(1)[0]).toEqual({ key: '最高人民法院关于适用刑事诉讼法的解释' });
  });

  it('with a number, the interpretation (or 规定) of that number, however the number is written', () => {
    const third = { prefix: '最高人民法院关于适用公司法', suffix: '（三）' };
    for (const name of ['公司法解释三', '公司法司法解释（三）', '公司法解释(3)', '公司法规定三']) expect(lawLookups(name), name).toContainEqual(third);
    // 公司法 is not 公 + 司法.
    expect(lawLookups('公司法解释三')).not.toContainEqual(expect.objectContaining({ prefix: '最高人民法院关于适用公' }));
    expect(lawLookups('公司法解释九十九')).toEqual([{ key: '公司法解释九十九' }]);
  });

  it('the 民法典 books, with or without 民法典, and the interpretations known by their own short names', () => {
    const family = { prefix: '最高人民法院关于适用民法典婚姻家庭编', suffix: '（一）' };
    expect(lawLookups('婚姻家庭编解释一')).toContainEqual(family);
    expect(lawLookups('民法典婚姻家庭编解释（一）')).toContainEqual(family);
    expect(lawLookups('合同编通则解释')).toContainEqual({ key: '最高人民法院关于适用民法典合同编通则若干问题的解释' });
    expect(lawLookups('担保制度解释')).toContainEqual({ key: '最高人民法院关于适用民法典有关担保制度的解释' });
  });

  it('leaves full titles and ordinary regulations alone', () => {
    expect(lawLookups('最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）')).toHaveLength(1);
    // A regulation that ends in 规定 gets one extra look-up that finds nothing; the name itself comes first.
    expect(lawLookups('女职工劳动保护特别规定')[0]).toEqual({ key: '女职工劳动保护特别规定' });
  });
});
