import { describe, expect, it } from 'vitest';
import { bigramSet, dice, MatchPool, SAME_NUMBER_FLOOR, SAME_PROVISION } from '../../../electron/backbone/laws/article-match';

const art = (id: number, number: number, text: string, sub = 0) => ({ id, number, sub, text });

describe('bigramSet and dice', () => {
  it('pairs characters, whitespace left out; identical texts score 1, disjoint ones 0', () => {
    expect([...bigramSet('登记 机构\n办结')]).toEqual(['登记', '记机', '机构', '构办', '办结']);
    expect([...bigramSet('条')]).toEqual(['条']);
    expect(dice(bigramSet('应当书面报告'), bigramSet('应当书面报告'))).toBe(1);
    expect(dice(bigramSet('应当书面报告'), bigramSet('不得擅自处分'))).toBe(0);
    // 应当在三十日内 vs 应当在十五日内: 应当 当在 日内 shared of 6 + 6 pairs.
    expect(dice(bigramSet('应当在三十日内'), bigramSet('应当在十五日内'))).toBeCloseTo((2 * 3) / 12);
  });
});

describe('MatchPool.match', () => {
  const v2015 = [
    art(1, 1, '为了规范不动产登记，制定本办法。'),
    art(2, 2, '申请登记的，应当提交身份证明和不动产权属证明材料。'),
    art(3, 3, '登记机构应当自受理登记申请之日起三十个工作日内办结不动产登记手续。'),
  ];
  const pool = new MatchPool(v2015);

  it('keeps the same number when its text is still the provision (amended or not)', () => {
    expect(pool.match(art(11, 1, '为了规范不动产登记，保护权利人的合法权益，制定本办法。'))).toMatchObject({ row: { id: 1 }, by: 'number' });
    expect(pool.match(art(11, 1, '为了规范不动产登记，制定本办法。'))).toEqual({ row: v2015[0], by: 'number', similarity: 1 });
  });

  it('follows a renumbered provision by its text, not the unrelated article now holding its number', () => {
    const m = pool.match(art(14, 4, '登记机构应当自受理登记申请之日起十五个工作日内办结不动产登记手续。'));
    expect(m).toMatchObject({ row: { id: 3 }, by: 'text' });
    expect(m!.similarity).toBeGreaterThan(SAME_PROVISION);
    // 2021 第三条 is the old 第二条 although a 2015 第三条 exists.
    expect(pool.match(art(13, 3, '申请登记的，应当提交身份证明和不动产权属证明材料。'))).toMatchObject({ row: { id: 2 }, by: 'text', similarity: 1 });
  });

  it('finds nothing for a new provision: no text matches, and the same-numbered article is another provision', () => {
    const fresh = art(12, 2, '登记机构应当公开办理程序、收费标准和咨询电话。');
    const same = dice(bigramSet(fresh.text), bigramSet(v2015[1]!.text));
    expect(same).toBeLessThan(SAME_NUMBER_FLOOR);
    expect(pool.match(fresh)).toBeNull();
  });

  it('trusts the number for a provision rewritten in place, when nothing else is closer', () => {
    const rewritten = art(12, 2, '申请人应当提交身份证明，并如实说明不动产的权属来源。');
    const m = pool.match(rewritten);
    expect(m).toMatchObject({ row: { id: 2 }, by: 'number' });
    expect(m!.similarity).toBeGreaterThanOrEqual(SAME_NUMBER_FLOOR);
    expect(m!.similarity).toBeLessThan(SAME_PROVISION);
  });

  it('tells 之一 from the article it follows', () => {
    const p = new MatchPool([art(1, 5, '甲乙丙丁戊己庚辛'), art(2, 5, '子丑寅卯辰巳午未', 1)]);
    expect(p.match(art(9, 5, '子丑寅卯辰巳午未', 1))).toMatchObject({ row: { id: 2 }, by: 'number' });
    expect(p.match(art(9, 5, '子丑寅卯辰巳午未'))).toMatchObject({ row: { id: 2 }, by: 'text' });
  });
});
