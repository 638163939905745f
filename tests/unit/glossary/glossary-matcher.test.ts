import { describe, expect, it } from 'vitest';
import { GlossaryMatcher } from '../../../electron/backbone/glossary/glossary-matcher';
import type { GlossaryEntry, GlossaryKind } from '../../../electron/backbone/glossary/glossary-types';

const CRIMINAL = '中华人民共和国刑法';
const CIVIL = '中华人民共和国民法典';

function entry(term: string, aliases: string[], kind: GlossaryKind, law: string, label: string): GlossaryEntry {
  return { term, aliases, kind, targets: [{ law, label }], provenance: [{ source: 'hand-written' }] };
}

const helping = entry('帮助信息网络犯罪活动罪', ['帮信罪'], 'crime', CRIMINAL, '第二百八十七条之二');
const fraud = entry('诈骗罪', ['诈骗'], 'crime', CRIMINAL, '第二百六十六条');
const contractFraud = entry('合同诈骗罪', [], 'crime', CRIMINAL, '第二百二十四条');
const insecurity = entry('不安抗辩权', [], 'doctrine', CIVIL, '第五百二十七条');
const apparent = entry('表见代理', [], 'doctrine', CIVIL, '第一百七十二条');
const concealing = entry('掩饰、隐瞒犯罪所得、犯罪所得收益罪', ['掩隐罪'], 'crime', CRIMINAL, '第三百一十二条');
const embezzle = entry('侵占罪', [], 'crime', CRIMINAL, '第二百七十条');
const oneChar = entry('罪', ['x'], 'term', CRIMINAL, '第一条');
const matcher = new GlossaryMatcher([helping, fraud, contractFraud, insecurity, apparent, concealing, embezzle, oneChar]);

const found = (q: string) => matcher.match(q).map((m) => [m.matched, m.entry.term, m.start, m.end]);

describe('GlossaryMatcher.match', () => {
  it('finds every term in query order with its offsets', () => {
    // 不安抗辩权 at 2..7, 表见代理 at 8..12.
    expect(found('主张不安抗辩权和表见代理')).toEqual([
      ['不安抗辩权', '不安抗辩权', 2, 7],
      ['表见代理', '表见代理', 8, 12],
    ]);
  });

  it('prefers the longest name and never overlaps: 合同诈骗罪, not 诈骗 inside it', () => {
    expect(found('涉嫌合同诈骗罪')).toEqual([['合同诈骗罪', '合同诈骗罪', 2, 7]]);
    // The shorter alias still matches where nothing longer covers it.
    expect(found('合同诈骗罪还是诈骗')).toEqual([
      ['合同诈骗罪', '合同诈骗罪', 0, 5],
      ['诈骗', '诈骗罪', 7, 9],
    ]);
  });

  it('matches aliases and reports the entry they belong to', () => {
    expect(found('帮信罪怎么判')).toEqual([['帮信罪', '帮助信息网络犯罪活动罪', 0, 3]]);
  });

  it('does not strip 罪 by itself: 侵占 alone is not 侵占罪', () => {
    expect(found('侵占他人财物')).toEqual([]);
    expect(found('侵占罪')).toEqual([['侵占罪', '侵占罪', 0, 3]]);
  });

  it('ignores spaces, full-width forms and 、, and reports the text as typed', () => {
    expect(found('表 见　代理')).toEqual([['表 见　代理', '表见代理', 0, 6]]);
    expect(found('掩饰隐瞒犯罪所得犯罪所得收益罪')).toEqual([['掩饰隐瞒犯罪所得犯罪所得收益罪', '掩饰、隐瞒犯罪所得、犯罪所得收益罪', 0, 15]]);
    const fullWidth = new GlossaryMatcher([entry('ABC协议', [], 'term', CIVIL, '第一条')]);
    expect(fullWidth.match('签了ＡＢＣ协议').map((m) => m.matched)).toEqual(['ＡＢＣ协议']);
  });

  it('never matches names shorter than two characters', () => {
    expect(found('罪 x')).toEqual([]);
  });

  it('answers a 100-character query over 2,000 entries in well under 0.05 ms', () => {
    const many: GlossaryEntry[] = [];
    for (let i = 0; i < 2000; i++) many.push(entry(`术语${i}号条款`, [`别名${i}`], 'term', CIVIL, '第一条'));
    many.push(insecurity, apparent, helping);
    const big = new GlossaryMatcher(many);
    const query = '当事人主张不安抗辩权，对方以表见代理抗辩；另有帮信罪的问题，术语17号条款是否适用，别名1999又如何。'.repeat(2).slice(0, 100);
    for (let i = 0; i < 500; i++) big.match(query);
    const runs = 2000;
    const started = performance.now();
    for (let i = 0; i < runs; i++) big.match(query);
    const perQuery = (performance.now() - started) / runs;
    expect(big.match(query).map((m) => m.entry.term)).toContain('术语17号条款');
    // 0.05 ms on a quiet machine; the bound leaves room for a busy test runner.
    expect(perQuery).toBeLessThan(0.25);
  });
});

describe('GlossaryMatcher.matchWhole', () => {
  it('finds the entry whose name is the whole trimmed query', () => {
    expect(matcher.matchWhole('  帮信罪 ')).toBe(helping);
    expect(matcher.matchWhole('不安 抗辩权')).toBe(insecurity);
    expect(matcher.matchWhole('不安抗辩权的成立条件')).toBeUndefined();
    expect(matcher.matchWhole('罪')).toBeUndefined();
  });
});
